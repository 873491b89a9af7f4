package io.jvisor.sandbox;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Charges what the JDK's shared threads spend running a guest's code to that guest: the threads
 * that run what every program hands the JDK ({@link Hypervisor#runsCallbacks}: the common pool,
 * the finalizer, the cleaners, the delay thread, the platform MXBeans' notifications). Such a
 * thread belongs to whichever program first made it, or to none, so its group does not say whose
 * CPU time and allocation it spends; its stack does.
 *
 * <p>Sampled on each tick of the {@link QuotaMonitor}: of the threads whose CPU time or allocation
 * grew since the last tick, the stacks are taken at once (one pause of the JVM, and none while
 * they idle), and what each spent goes to the guests its stack names (see
 * {@link Hypervisor#guestsRunning}), in equal parts where more than one guest's classes of those
 * names are on it. What such a thread spends with no guest's code on its stack (the JDK's own
 * work, a callback made of the JDK's classes alone) counts for no guest. A sample shows where a
 * thread is, not where it was: a thread that moved from one guest's callback to another's within a
 * tick charges the second with the tick's time. Thread-safe.
 */
final class CallbackMeter {

    private final Supplier<List<Thread>> threads;
    private final Predicate<Thread> shared;
    private final Function<StackTraceElement[], List<Guest>> running;
    /** The counters (CPU time, allocation) of each thread at the last sample, by id. */
    private Map<Long, long[]> last = new HashMap<>();

    /**
     * @param threads the threads the JDK shares between programs, alive
     * @param shared  whether a thread is one of those
     * @param running the guests whose code a stack runs, none if no guest's
     */
    CallbackMeter(Supplier<List<Thread>> threads, Predicate<Thread> shared, Function<StackTraceElement[], List<Guest>> running) {
        this.threads = threads;
        this.shared = shared;
        this.running = running;
    }

    /** Whether a thread is one this meter charges by its stack, which no guest's own totals may count. */
    boolean meters(Thread thread) {
        return shared.test(thread);
    }

    /** Charges what the shared threads spent since the last sample, and starts the next. */
    synchronized void sample() {
        Map<Long, long[]> now = new HashMap<>();
        List<Long> moved = new ArrayList<>();
        List<long[]> spent = new ArrayList<>();
        for (Thread t : threads.get()) {
            long id = ThreadTotals.idOf(t);
            if (id < 0) {
                continue;
            }
            // a counter this JVM does not measure, or one switched off, reads -1: nothing spent
            long[] counters = {Math.max(0, ThreadTotals.Counter.CPU_TIME.of(id)), Math.max(0, ThreadTotals.Counter.ALLOCATED.of(id))};
            now.put(id, counters);
            long[] before = last.get(id);
            if (before != null && (counters[0] > before[0] || counters[1] > before[1])) {
                moved.add(id);
                spent.add(new long[] {Math.max(0, counters[0] - before[0]), Math.max(0, counters[1] - before[1])});
            }
        }
        last = now;
        if (moved.isEmpty()) {
            return;
        }
        ThreadInfo[] stacks = stacks(moved.stream().mapToLong(Long::longValue).toArray());
        for (int i = 0; i < stacks.length; i++) {
            if (stacks[i] == null) {
                continue; // ended since
            }
            List<Guest> guests = running.apply(stacks[i].getStackTrace());
            for (Guest g : guests) {
                g.spentOnSharedThread(spent.get(i)[0] / guests.size(), spent.get(i)[1] / guests.size());
            }
        }
    }

    /**
     * The shared threads that wait (in a sleep, a wait, a join, parked) with a guest's code on their
     * stack: a callback of an ended guest's that never returns would hold them for every program.
     * An interrupt wakes them into its code, which then meets its ended safepoint.
     */
    List<Thread> waitingIn(Guest guest) {
        List<Thread> all = threads.get();
        ThreadInfo[] stacks = stacks(all.stream().mapToLong(ThreadTotals::idOf).toArray());
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < stacks.length; i++) {
            if (stacks[i] != null && (stacks[i].getThreadState() == Thread.State.WAITING
                    || stacks[i].getThreadState() == Thread.State.TIMED_WAITING)
                    && running.apply(stacks[i].getStackTrace()).contains(guest)) {
                waiting.add(all.get(i));
            }
        }
        return waiting;
    }

    /**
     * The whole stacks of these threads, taken at once; {@code null} for a thread that has ended or
     * whose id is unknown (negative: {@link ThreadTotals#idOf}).
     */
    private static ThreadInfo[] stacks(long[] ids) {
        // the JVM refuses an id that is not positive, and answers null for one no thread has
        long[] asked = java.util.Arrays.stream(ids).map(id -> id > 0 ? id : Long.MAX_VALUE).toArray();
        return ManagementFactory.getThreadMXBean().getThreadInfo(asked, Integer.MAX_VALUE);
    }

    /** Forgets the counters: the next sample starts afresh (after a time of no sampling, whose spending no stack tells). */
    synchronized void reset() {
        last = new HashMap<>();
    }
}
