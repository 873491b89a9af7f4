package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jvisor.sandbox.device.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's signals stay in it: its {@code TERM} and {@code HUP}, raised with no handler of its own,
 * end the guest alone (with the status they give a JVM, its shutdown hooks run), where they reach
 * the JVM's process natively and end every program in it: this test's JVM goes on.
 */
class GuestSignalsIT {

    /** Raises the signal its argument names, having no handler of its own. */
    private static final String RAISES = """
            public final class Raises {
                public static void main(String[] args) throws Exception {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("its hook ran")));
                    sun.misc.Signal.raise(new sun.misc.Signal(args[0]));
                    Thread.currentThread().join();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aSignalAGuestRaisesEndsItAloneAsItWouldEndAJvm() throws Exception {
        Path classes = GuestSources.compile(dir, Map.of("Raises", RAISES));
        for (Map.Entry<String, Integer> signal : Map.of("TERM", 143, "HUP", 129).entrySet()) {
            Guest g = Hypervisor.get().start(GuestSpec.builder("raises-" + signal.getKey()).classPath(classes).mainClass("Raises")
                    .args(List.of(signal.getKey())).console(Console.Mode.CAPTURE).disk(dir.resolve("disk")).build());
            GuestResult result = g.await(Duration.ofSeconds(60));
            assertNotNull(result, "the guest ended");
            assertEquals(signal.getValue(), result.exitStatus(), () -> result + g.console().capturedErr());
            assertEquals(List.of("its hook ran"), g.console().capturedOut().lines().toList());
        }
    }
}
