package io.jvisor.bench;

import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.device.Console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts guests for the benchmarks that host them, through the hypervisor of a jvisor fork (whose
 * agent jar provides jvisor's classes; benchmarks.jar holds none of them). Kept out of the
 * benchmark classes, which the driver inspects in a JVM without jvisor.
 */
final class HostedGuests {

    private HostedGuests() {
    }

    /**
     * Starts {@link IdleGuest} from this benchmark's jar as a hosted guest with its disk in a
     * temporary directory, and waits until it has started.
     *
     * @param spinners how many threads of the guest spin
     */
    static Guest startIdle(String name, int spinners) throws Exception {
        Path jar = Path.of(HostedGuests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).classPath(jar).mainClass(IdleGuest.class.getName())
                .args(List.of(Integer.toString(spinners))).console(Console.Mode.CAPTURE)
                .disk(Files.createTempDirectory("jvisor-bench-disk")).build());
        if (!g.console().awaitOut("started", Duration.ofSeconds(60))) {
            throw new IllegalStateException("guest " + name + " did not start: " + g.console().capturedErr());
        }
        return g;
    }
}
