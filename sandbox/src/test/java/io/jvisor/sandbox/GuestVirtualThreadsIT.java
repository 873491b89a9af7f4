package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hosted guest's virtual threads run on a scheduler of its own (audit 19): on the JVM's one, a
 * guest whose virtual threads compute without ever blocking held every carrier, and every other
 * program's virtual threads waited for them.
 */
class GuestVirtualThreadsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Keeps four times as many virtual threads busy as there are carriers, says so once every carrier runs one, and waits. */
    private static final String SPINNER = """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CountDownLatch;

            public class Spinner {
                static volatile long sink;

                public static void main(String[] args) throws Exception {
                    int carriers = Runtime.getRuntime().availableProcessors();
                    CountDownLatch running = new CountDownLatch(carriers);
                    List<Thread> threads = new ArrayList<>();
                    for (int i = 0; i < 4 * carriers; i++) {
                        threads.add(Virtual.start(() -> {
                            running.countDown();
                            long x = 0;
                            while (true) {
                                x += System.nanoTime() & 1;
                                sink = x;
                            }
                        }));
                    }
                    running.await();
                    System.out.println("spinning on " + carriers);
                    for (Thread t : threads) {
                        t.join();
                    }
                }
            }
            """;

    /** Sleeps 100 ms in a virtual thread. */
    private static final String SLEEPER = """
            public class Sleeper {
                public static void main(String[] args) throws Exception {
                    Thread t = Virtual.start(() -> {
                        try {
                            Thread.sleep(100);
                            System.out.println("slept");
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    t.join();
                }
            }
            """;

    /** Starts a virtual thread (Java 21's API, called by reflection, as the guests compile for Java 17). */
    private static final String VIRTUAL = """
            public class Virtual {
                static Thread start(Runnable task) throws Exception {
                    return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestWhoseVirtualThreadsHoldEveryCarrierHoldsUpNoOtherProgramsVirtualThreads() throws Exception {
        int feature = Runtime.version().feature();
        assumeTrue(feature >= 21, "virtual threads are Java 21's; this JVM is Java " + feature);
        Path classes = GuestSources.compile(dir.resolve("classes"), Map.of("Spinner", SPINNER, "Sleeper", SLEEPER, "Virtual", VIRTUAL));
        Guest spinner = Hypervisor.get().start(GuestSpec.builder("spinner").classPath(classes).mainClass("Spinner")
                .console(Console.Mode.CAPTURE).build());
        int carriers = Runtime.getRuntime().availableProcessors();
        assertTrue(spinner.console().awaitOut("spinning", PATIENCE), spinner.console().capturedErr());
        // its main thread, its virtual threads and the carriers that run them
        assertTrue(spinner.usage(Resource.THREADS) > 4 * carriers + 1, "its carriers are its threads: " + spinner.usage(Resource.THREADS));

        // before, this one's virtual thread waited for a carrier as long as the spinner's ran
        Guest sleeper = Hypervisor.get().start(GuestSpec.builder("sleeper").classPath(classes).mainClass("Sleeper")
                .console(Console.Mode.CAPTURE).build());
        GuestResult result = sleeper.await(PATIENCE);
        assertNotNull(result, "the other guest's virtual thread ran");
        assertEquals(0, result.exitStatus(), sleeper.console().capturedErr());
        assertEquals("slept" + System.lineSeparator(), sleeper.console().capturedOut());
        AtomicBoolean ran = new AtomicBoolean();
        ((Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, (Runnable) () -> ran.set(true))).join();
        assertTrue(ran.get(), "the host's virtual thread ran");

        spinner.kill();
        assertTrue(spinner.awaitStopped(PATIENCE), "its virtual threads, queued ones too, and its carriers end with it: "
                + spinner.liveThreads());
    }

    @Test
    void aVirtualThreadSleepsAndWakesWithinAThreadsQuotaOfItsMainItAndOneCarrier() throws Exception {
        int feature = Runtime.version().feature();
        assumeTrue(feature >= 21, "virtual threads are Java 21's; this JVM is Java " + feature);
        Path classes = GuestSources.compile(dir.resolve("classes"), Map.of("Sleeper", SLEEPER, "Virtual", VIRTUAL));
        Guest sleeper = Hypervisor.get().start(GuestSpec.builder("quota-sleeper").classPath(classes).mainClass("Sleeper")
                .quota(Resource.THREADS, Limit.soft(3)).console(Console.Mode.CAPTURE).build());
        // before, the thread by which the scheduler wakes a sleep (JDK 25) was the guest's, started at the first
        // sleep: refused by the quota inside the JDK's code, and the virtual thread slept for good
        GuestResult result = sleeper.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), sleeper.console().capturedErr());
        assertEquals("slept" + System.lineSeparator(), sleeper.console().capturedOut());
    }
}
