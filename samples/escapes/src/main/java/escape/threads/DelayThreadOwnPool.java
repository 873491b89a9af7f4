package escape.threads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Creates FILE with a {@code java.util.Formatter} in a task of a fork-join pool of its own, handed
 * to the pool by the JDK's delay thread ({@code CompletableFuture.delayedExecutor}): the delay
 * thread, one for the JVM, starts the pool's worker in its own group, with no frame of the
 * guest's on its stack, and the JDK code of the task opens the file there.
 *
 * <p>Source: JDK API, {@code CompletableFuture.delayedExecutor(long, TimeUnit, Executor)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/CompletableFuture.html#delayedExecutor(long,java.util.concurrent.TimeUnit,java.util.concurrent.Executor)
 */
public final class DelayThreadOwnPool {

    private DelayThreadOwnPool() {
    }

    public static void main(String[] args) {
        ForkJoinPool own = new ForkJoinPool(2);
        try {
            String done = CompletableFuture.supplyAsync(() -> {
                try (java.util.Formatter out = new java.util.Formatter(args[0])) {
                    out.format("escaped%n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return Thread.currentThread().getName() + " wrote " + args[0];
            }, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS, own)).get();
            System.out.println("thread-delay-thread-own-pool: " + done);
        } catch (Throwable t) {
            System.out.println("thread-delay-thread-own-pool: " + t);
        } finally {
            own.shutdownNow();
        }
    }
}
