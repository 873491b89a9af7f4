package io.jvisor.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures, every {@link #PERIOD_MILLIS} ms, what nothing can refuse and only sampling tells: the
 * CPU time and allocation of the guests that have a limit on them; it throttles those past a soft
 * limit and kills those past a hard one. Its one thread is the host's, started with the first
 * guest it watches.
 */
final class QuotaMonitor {

    static final long PERIOD_MILLIS = 10;

    private final ThreadGroup host;
    private final Set<Guest> watched = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private long ticks;

    /**
     * @param host the thread group of the hypervisor's own threads
     */
    QuotaMonitor(ThreadGroup host) {
        this.host = host;
    }

    /** Watches a guest until it ends. */
    synchronized void watch(Guest guest) {
        watched.add(guest);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(host, r, "jvisor-quotas", 0, false);
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        long tick;
        synchronized (this) {
            tick = ticks++;
        }
        for (Guest g : watched) {
            try {
                if (g.hasEnded()) {
                    watched.remove(g);
                } else {
                    g.checkSampledQuotas(tick);
                }
            } catch (RuntimeException e) {
                // one guest's failure must not stop the timer, which would free every guest
                watched.remove(g);
                Hypervisor.hostError("jvisor: cannot measure guest '" + g.name() + "', its CPU and allocation quotas are off: " + e);
            }
        }
    }
}
