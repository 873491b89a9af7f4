package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.quota.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hosted guest's threads get a common pool of their own, whatever reaches it (audit 18): in the
 * JVM's one, a guest that filled every worker with tasks that sleep held up every other program's
 * {@code commonPool()} work, {@code CompletableFuture}'s asynchronous tasks and parallel streams,
 * at no cost to its CPU time or its threads quota.
 */
class GuestCommonPoolIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Fills every worker of the common pool with a task that waits for good, then says so and waits itself. */
    private static final String HOG = """
            import java.util.concurrent.*;

            public class Hog {
                public static void main(String[] args) throws Exception {
                    ForkJoinPool pool = ForkJoinPool.commonPool();
                    int workers = pool.getParallelism();
                    CountDownLatch running = new CountDownLatch(workers);
                    CountDownLatch never = new CountDownLatch(1);
                    for (int i = 0; i < 4 * workers; i++) {
                        pool.execute(() -> {
                            running.countDown();
                            try {
                                never.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                    }
                    running.await();
                    pool.shutdownNow(); // the common pool is not shut down
                    System.out.println("filled " + workers + ", shut down " + pool.isShutdown());
                    never.await();
                }
            }
            """;

    /** Uses the common pool each way a program does. */
    private static final String USER = """
            import java.util.concurrent.*;
            import java.util.stream.IntStream;

            public class User {
                public static void main(String[] args) throws Exception {
                    System.out.println("submit " + ForkJoinPool.commonPool().submit(() -> 42).get(30, TimeUnit.SECONDS));
                    System.out.println("supplyAsync " + CompletableFuture.supplyAsync(() -> 7).get(30, TimeUnit.SECONDS));
                    System.out.println("thenApplyAsync " + CompletableFuture.completedFuture(2).thenApplyAsync(x -> x * 3)
                            .get(30, TimeUnit.SECONDS));
                    System.out.println("parallel " + IntStream.range(0, 100_000).parallel().mapToLong(i -> i).sum());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestThatFillsItsCommonPoolHoldsUpNoOtherGuestsTasks() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("classes"), Map.of("Hog", HOG, "User", USER));
        Guest hog = Hypervisor.get().start(GuestSpec.builder("hog").classPath(classes).mainClass("Hog")
                .console(Console.Mode.CAPTURE).build());
        int workers = ForkJoinPool.commonPool().getParallelism();
        assertTrue(hog.console().awaitOut("filled", PATIENCE), hog.console().capturedErr());
        assertEquals("filled " + workers + ", shut down false" + System.lineSeparator(), hog.console().capturedOut());
        assertTrue(hog.usage(Resource.THREADS) > workers, "its pool's workers are its threads: " + hog.usage(Resource.THREADS));

        // before, each of these waited for the hog's tasks, which never end
        Guest user = Hypervisor.get().start(GuestSpec.builder("user").classPath(classes).mainClass("User")
                .console(Console.Mode.CAPTURE).build());
        GuestResult result = user.await(PATIENCE);
        assertNotNull(result, "the other guest ended");
        assertEquals(0, result.exitStatus(), user.console().capturedErr());
        assertEquals(List.of("submit 42", "supplyAsync 7", "thenApplyAsync 6", "parallel 4999950000"),
                user.console().capturedOut().lines().toList());
        assertEquals(42, ForkJoinPool.commonPool().submit(() -> 42).get(), "the host's common pool");

        hog.kill();
        assertTrue(hog.awaitStopped(PATIENCE), "its pool's workers end with it");
    }
}
