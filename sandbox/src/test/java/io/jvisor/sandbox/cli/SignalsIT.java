package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.GuestSources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's signals are its own ({@code sun.misc.Signal}, which Jython's {@code signal} module,
 * JLine's terminals and JRuby's {@code trap} use): a handler it installs under the default preset
 * never reaches the JVM's process, a signal it raises goes to its handler, and one with no handler
 * of its own ends it as the signal ends a JVM; each as the same program does natively. Before, the
 * default preset refused {@code Signal.handle} (global-state), and Jython's {@code import signal}
 * failed. The INT, TERM and HUP of {@code jvisor run}'s process go to its guest's handler.
 */
class SignalsIT {

    /** Handles, raises and restores INT, tries QUIT, and ends by TERM with no handler of its own. */
    private static final String SIGNALS = """
            package app;

            import java.util.concurrent.CountDownLatch;
            import sun.misc.Signal;
            import sun.misc.SignalHandler;

            public final class Signals {
                public static void main(String[] args) throws Exception {
                    Signal interrupt = new Signal("INT");
                    CountDownLatch handled = new CountDownLatch(1);
                    SignalHandler previous = Signal.handle(interrupt, s -> {
                        System.out.println("handled " + s + " on " + Thread.currentThread().getName());
                        handled.countDown();
                    });
                    System.out.println("replaced a handler of the JVM's: " + (previous != SignalHandler.SIG_DFL
                            && previous != SignalHandler.SIG_IGN));
                    Signal.raise(interrupt);
                    handled.await();
                    try {
                        Signal.handle(new Signal("QUIT"), s -> { });
                    } catch (IllegalArgumentException e) {
                        System.out.println(e.getMessage());
                    }
                    System.out.println("put back: " + (Signal.handle(interrupt, previous) != previous));
                    Signal.handle(interrupt, SignalHandler.SIG_IGN);
                    try {
                        Signal.raise(interrupt);
                    } catch (IllegalArgumentException e) {
                        System.out.println(e.getMessage());
                    }
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
                    Signal.raise(new Signal("TERM"));
                    Thread.currentThread().join();
                }
            }
            """;

    /** Installs a handler of INT that ends it with status 0, and waits. */
    private static final String INTERRUPTIBLE = """
            public final class Interruptible {
                public static void main(String[] args) throws Exception {
                    sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
                        System.out.println("interrupted");
                        System.exit(0);
                    });
                    System.out.println("ready");
                    Thread.currentThread().join();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestsSignalsAreItsOwnAndBehaveAsInAJvmOfItsOwn() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("signals"), Map.of("app.Signals", SIGNALS));
        Launch.Result natively = Launch.java(dir, "-cp", classes.toString(), "app.Signals");
        Launch.Result guest = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(), "--main", "app.Signals",
                classes.toString());

        List<String> expected = List.of("replaced a handler of the JVM's: true", "handled SIGINT on SIGINT handler",
                "Signal already used by VM or OS: SIGQUIT", "put back: true", "Unhandled signal: SIGINT", "shutdown hook ran");
        assertAll(natively + "\n" + guest,
                () -> assertEquals(expected, natively.outLines(), "natively"),
                () -> assertEquals(143, natively.status(), "natively"),
                () -> assertEquals(expected, guest.outLines(), "as a guest"),
                () -> assertEquals(143, guest.status(), "as a guest: the guest's status, TERM's"));
    }

    /** Ctrl-C at {@code jvisor run} (SIGINT to its process) reaches the guest's handler, as it reaches the program's natively. */
    @Test
    void anInterruptOfJvisorsProcessGoesToTheGuestsHandler() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("interruptible"), Map.of("Interruptible", INTERRUPTIBLE));
        Process jvisor = new ProcessBuilder(Launch.jvisorCommand(dir, "run", "--disk", dir.resolve("disk").toString(),
                "--main", "Interruptible", classes.toString())).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvisor.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine(), "the guest started");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(jvisor.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "SIGINT sent");
            assertTrue(jvisor.waitFor(Launch.TIMEOUT_SECONDS, TimeUnit.SECONDS), "jvisor ended");
            assertAll(Files.readString(dir.resolve("err.txt")),
                    () -> assertEquals("interrupted", out.readLine()),
                    () -> assertEquals(0, jvisor.exitValue(), "the status the guest's handler gave"));
        } finally {
            jvisor.destroyForcibly();
        }
    }
}
