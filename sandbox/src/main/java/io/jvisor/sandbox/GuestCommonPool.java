package io.jvisor.sandbox;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hosted guest's own common pool, which its threads get for the JVM's one: from
 * {@code ForkJoinPool.commonPool()}, {@code CompletableFuture}'s asynchronous methods without an
 * executor, parallel streams and every task forked or invoked outside a pool's workers. Its
 * workers are the guest's threads (see {@link GuestForkJoinPool}); its parallelism is the JVM's
 * pool's. In the JVM's one, a guest that filled every worker with tasks that sleep held up every
 * other program's asynchronous work (at no cost to its CPU time or its threads quota), and its
 * tasks ran beside theirs.
 *
 * <p>As the JVM's common pool, the guest cannot shut it down: {@code shutdown()},
 * {@code shutdownNow()} and {@code close()} do nothing, {@code awaitTermination} awaits
 * quiescence. Its end ({@link #end()}) shuts it down. Thread-safe.
 */
final class GuestCommonPool extends GuestForkJoinPool {

    private volatile boolean ending;

    GuestCommonPool(int parallelism, ThreadGroup group, ClassLoader loader, Hypervisor hypervisor) {
        super(parallelism, false, group, loader, hypervisor);
    }

    @Override
    ForkJoinWorkerThread worker(ClassLoader contextLoader) {
        return new Worker(this, contextLoader);
    }

    @Override
    void end() {
        ending = true;
        super.end();
    }

    @Override
    public void shutdown() {
        if (ending) {
            super.shutdown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        return ending ? super.shutdownNow() : List.of();
    }

    /** As the JVM's common pool's (JDK 19 and later declare it): nothing, as the pool is never closed by its users. */
    public void close() {
        // the common pool is not closed
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (ending) {
            return super.awaitTermination(timeout, unit);
        }
        // the JDK's common pool awaits quiescence here, and never terminates
        awaitQuiescence(timeout, unit);
        return false;
    }

    /** A worker named as the JVM's common pool names its own. */
    private static final class Worker extends ForkJoinWorkerThread {

        private static final AtomicInteger NUMBER = new AtomicInteger();

        Worker(ForkJoinPool pool, ClassLoader loader) {
            super(pool);
            setName("ForkJoinPool.commonPool-worker-" + NUMBER.incrementAndGet());
            setContextClassLoader(loader);
        }
    }
}
