package io.jvisor.sandbox;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A fork-join pool that jvisor makes for a hosted guest in place of one the JVM shares between
 * programs ({@link GuestCommonPool}, {@link GuestVirtualThreadScheduler}): its workers are the
 * guest's threads, made in its group (by a thread of the hypervisor's there where a thread outside
 * it hands the pool a task: the JDK's delay thread, a virtual thread, whose groups the worker would
 * otherwise have been in), counted against its quotas and stopped with it.
 */
abstract class GuestForkJoinPool extends ForkJoinPool {

    private final ThreadGroup group;
    private final ClassLoader loader;
    final Hypervisor hypervisor;

    /**
     * @param group  the guest's threads' group, where its workers are made
     * @param loader the guest's class loader, its workers' context loader (may be {@code null})
     */
    GuestForkJoinPool(int parallelism, boolean asyncMode, ThreadGroup group, ClassLoader loader, Hypervisor hypervisor) {
        super(parallelism, pool -> ((GuestForkJoinPool) pool).newWorker(), null, asyncMode);
        this.group = group;
        this.loader = loader;
        this.hypervisor = hypervisor;
    }

    /** A worker in the guest's group, whichever thread needs one made. */
    private ForkJoinWorkerThread newWorker() {
        if (group.parentOf(Thread.currentThread().getThreadGroup())) {
            return worker(loader);
        }
        ForkJoinWorkerThread[] made = new ForkJoinWorkerThread[1];
        hypervisor.runOnOwnThread(group, "jvisor-guest-pool", () -> made[0] = worker(loader));
        return made[0];
    }

    /** Makes a worker of this pool on the calling thread, the guest's. */
    abstract ForkJoinWorkerThread worker(ClassLoader contextLoader);

    /** Shuts the pool down for good: queued tasks are dropped, running ones interrupted. */
    void end() {
        super.shutdownNow();
    }
}
