package io.jvisor.sandbox;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;

/**
 * The scheduler of a hosted guest's virtual threads (JDK 21 and later), which its threads get for
 * the JVM's one when they make a virtual thread without naming one: first in, first out, as many
 * carriers as the JVM's has, which are the guest's threads (see {@link GuestForkJoinPool}), their
 * CPU time its own. On the JVM's scheduler, a guest's virtual threads that compute without
 * blocking, or are pinned to their carriers, held every carrier, and every other program's
 * virtual threads waited for them (audit 19: a sleep of 200 ms took 3 s); its carriers, started on
 * a guest's thread, were that guest's, charged for every program's virtual threads.
 *
 * <p>No guest reaches it but through its virtual threads: the JDK hands a virtual thread's
 * scheduler to no one. Thread-safe.
 */
final class GuestVirtualThreadScheduler extends GuestForkJoinPool {

    GuestVirtualThreadScheduler(int parallelism, ThreadGroup group, ClassLoader loader, Hypervisor hypervisor) {
        super(parallelism, true, group, loader, hypervisor);
        startDelayScheduler();
    }

    /**
     * Starts the thread by which a pool of JDK 25 and later wakes its virtual threads' timed parks,
     * on a thread of the hypervisor's, in the host's group: started at the first sleep, on the
     * carrier, the guest's threads quota could refuse it there, inside the JDK's code, and the
     * sleeping virtual thread would never wake (audit 23). It only hands the pool its due tasks,
     * and ends with the pool. Earlier JDKs wake every scheduler's parks on a thread of the JVM's.
     */
    private void startDelayScheduler() {
        Object pool = this; // a ScheduledExecutorService from JDK 25, which this class is compiled without
        if (pool instanceof java.util.concurrent.ScheduledExecutorService delays) {
            hypervisor.runOnOwnThread("jvisor-virtual-thread-scheduler",
                    () -> delays.schedule(() -> { }, 1, java.util.concurrent.TimeUnit.DAYS).cancel(false));
        }
    }

    /** The parallelism of the JVM's default scheduler, which the JDK takes from the same property. */
    static int jvmsParallelism() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    @Override
    ForkJoinWorkerThread worker(ClassLoader contextLoader) {
        return new Carrier(this, contextLoader);
    }

    /**
     * Ends the scheduler once no thread of the guest's is alive but its carriers, at the guest's
     * end: its virtual threads unwind only as carriers run them, those queued too (a shutdown now
     * would leave them alive for good), and those parked once woken.
     *
     * @param guestsThreads the guest's live threads
     */
    void endAfter(Supplier<List<Thread>> guestsThreads) {
        hypervisor.startOwnThread("jvisor-virtual-thread-scheduler-end", () -> {
            for (List<Thread> others = othersThanCarriers(guestsThreads.get()); !others.isEmpty();
                    others = othersThanCarriers(guestsThreads.get())) {
                Hypervisor.awaitEnded(others);
            }
            end();
        });
    }

    private List<Thread> othersThanCarriers(List<Thread> threads) {
        return threads.stream().filter(t -> !(t instanceof Carrier c && c.getPool() == this)).toList();
    }

    /** A carrier of the guest's virtual threads, named by the pool as the JVM's scheduler names its own. */
    private static final class Carrier extends ForkJoinWorkerThread {

        Carrier(ForkJoinPool pool, ClassLoader loader) {
            super(pool);
            setContextClassLoader(loader);
        }
    }
}
