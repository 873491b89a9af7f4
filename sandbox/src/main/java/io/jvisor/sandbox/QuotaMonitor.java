package io.jvisor.sandbox;

import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures, every {@link #PERIOD_MILLIS} ms, what nothing can refuse and only sampling tells: the
 * CPU time and allocation of the guests that have a limit on them, and the live heap that its
 * walker last estimated; it throttles those past a soft limit and kills those past a hard one.
 * What the JDK's threads that every program shares spend for a guest is charged to it by their
 * stacks ({@link CallbackMeter}). Its threads are the host's, started with the first guest each watches.
 *
 * <p>The live heap is estimated by a walk of the guest's object graph ({@link LiveHeap}), which
 * takes milliseconds for a few megabytes and grows with what the guest holds: so not on every
 * tick, and not on the tick's thread, whose measurements of the other guests must not wait for it.
 * A thread of its own walks every guest with a limit on its live heap, in the order they got it,
 * then rests {@link #HEAP_PERIOD_MILLIS} ms, or longer after a long round, so that walking takes
 * at most a tenth of a core. Each walk stops once past the guest's hard limit.
 */
final class QuotaMonitor {

    static final long PERIOD_MILLIS = 10;

    /** The least rest between two rounds of live-heap walks. */
    static final long HEAP_PERIOD_MILLIS = 100;

    /** The rest after a round of walks, as a multiple of the round's time: walking takes at most a tenth of the time. */
    private static final long HEAP_REST_PER_WALK = 9;

    /** Estimates a guest's live heap; see {@link LiveHeap}. */
    @FunctionalInterface
    interface HeapMeter {
        /**
         * @param stopPast where the walk may stop, known to be past it
         * @throws UnsupportedOperationException if this JVM cannot
         */
        long measure(Guest guest, long stopPast);
    }

    private final ThreadGroup host;
    private final HeapMeter heapMeter;
    private final CallbackMeter callbacks;
    private final Set<Guest> watched = ConcurrentHashMap.newKeySet();
    /** The guests whose live heap has had a limit, in that order: walked while it has one, until they end. */
    private final Set<Guest> heapWatched = new CopyOnWriteArraySet<>();
    private ScheduledExecutorService timer;
    private ScheduledExecutorService walker;
    private long ticks;
    /** Whether measuring the shared threads failed, and so stopped. */
    private volatile boolean callbacksRefused;

    /**
     * @param host      the thread group of the hypervisor's own threads
     * @param heapMeter estimates a guest's live heap
     * @param callbacks charges what the JDK's shared threads spend running guests' code
     */
    QuotaMonitor(ThreadGroup host, HeapMeter heapMeter, CallbackMeter callbacks) {
        this.host = host;
        this.heapMeter = heapMeter;
        this.callbacks = callbacks;
    }

    /** Whether a thread's CPU time and allocation go to the guest whose code it runs, not to its own guest (see {@link CallbackMeter}). */
    boolean chargesByStack(Thread thread) {
        return callbacks.meters(thread);
    }

    /**
     * The threads the JDK shares between programs that wait in a guest's code (see
     * {@link CallbackMeter#waitingIn}); none if this JVM does not let jvisor tell.
     */
    List<Thread> sharedThreadsWaitingIn(Guest guest) {
        try {
            return callbacks.waitingIn(guest);
        } catch (RuntimeException e) {
            Hypervisor.hostError("jvisor: cannot tell which of the JDK's shared threads wait in guest '" + guest.name() + "': " + e);
            return List.of();
        }
    }

    /** Watches a guest until it ends. */
    synchronized void watch(Guest guest) {
        watched.add(guest);
        if (timer == null) {
            timer = hostThread("jvisor-quotas");
            timer.scheduleAtFixedRate(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Watches a guest until it ends, and walks its live heap while it has a limit. */
    synchronized void watchLiveHeap(Guest guest) {
        watch(guest);
        heapWatched.add(guest);
        if (walker == null) {
            walker = hostThread("jvisor-live-heap");
            walker.schedule(this::walkLiveHeaps, HEAP_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Estimates a guest's live heap now. */
    long measureLiveHeap(Guest guest, long stopPast) {
        return heapMeter.measure(guest, stopPast);
    }

    private ScheduledExecutorService hostThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(host, r, name, 0, false);
            t.setDaemon(true);
            return t;
        });
    }

    private void tick() {
        long tick;
        synchronized (this) {
            tick = ticks++;
        }
        sampleCallbacks();
        for (Guest g : watched) {
            try {
                if (g.halted()) {
                    watched.remove(g);
                } else {
                    g.checkSampledQuotas(tick);
                }
            } catch (RuntimeException e) {
                // one guest's failure must not stop the timer, which would free every guest
                watched.remove(g);
                Hypervisor.hostError("jvisor: cannot measure guest '" + g.name() + "', its CPU, allocation and live-heap quotas are off: " + e);
            }
        }
    }

    /** What the shared threads spent for the guests watched; while none is, nothing (the next sample starts afresh). */
    private void sampleCallbacks() {
        if (watched.isEmpty() || callbacksRefused) {
            callbacks.reset();
            return;
        }
        try {
            callbacks.sample();
        } catch (RuntimeException e) {
            // the guests' own threads are still measured: the tick goes on, and says it once
            callbacksRefused = true;
            Hypervisor.hostError("jvisor: cannot measure what the JDK's shared threads spend for the guests, "
                    + "which no guest's quotas count from now: " + e);
        }
    }

    /** One round of walks, then the next one scheduled. */
    private void walkLiveHeaps() {
        long start = System.nanoTime();
        try {
            for (Guest g : heapWatched) {
                if (g.halted()) {
                    heapWatched.remove(g);
                } else if (!g.quotas().get(Resource.LIVE_HEAP).equals(Limit.NONE)) {
                    walk(g);
                }
            }
        } finally {
            long rest = Math.max(TimeUnit.MILLISECONDS.toNanos(HEAP_PERIOD_MILLIS), HEAP_REST_PER_WALK * (System.nanoTime() - start));
            walker.schedule(this::walkLiveHeaps, rest, TimeUnit.NANOSECONDS);
        }
    }

    private void walk(Guest g) {
        try {
            g.liveHeap(0);
        } catch (RuntimeException e) {
            // as on the tick: one guest's failure must not end the walks of the others
            heapWatched.remove(g);
            Hypervisor.hostError("jvisor: cannot walk the heap of guest '" + g.name() + "', its live-heap quota is off: " + e);
        }
    }
}
