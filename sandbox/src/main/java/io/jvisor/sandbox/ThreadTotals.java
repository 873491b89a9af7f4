package io.jvisor.sandbox;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-thread counter of the JVM (CPU time, allocated bytes) summed over a guest's threads. A
 * thread that has ended counts with its last sample: what it did after that is not counted (at
 * most one sampling period of the {@link QuotaMonitor}). Thread-safe.
 */
final class ThreadTotals {

    /** A counter of the JVM's threads. */
    enum Counter {
        CPU_TIME {
            @Override
            boolean supported() {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
                    threads.setThreadCpuTimeEnabled(true);
                }
                return threads.isThreadCpuTimeSupported();
            }

            @Override
            long of(long threadId) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
            }
        },
        ALLOCATED {
            @Override
            boolean supported() {
                return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                        && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
            }

            @Override
            long of(long threadId) {
                return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(threadId);
            }
        };

        /** Whether this JVM measures the counter (and it is switched on). */
        abstract boolean supported();

        /** The counter of a live thread, or a negative number if unknown (a virtual thread's). */
        abstract long of(long threadId);
    }

    private final Counter counter;
    private final Map<Long, Long> last = new HashMap<>();
    private long ended;

    ThreadTotals(Counter counter) {
        this.counter = counter;
    }

    /** Samples the live threads and returns the total. */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19's
    synchronized long sample(List<Thread> live) {
        Map<Long, Long> now = new HashMap<>();
        for (Thread t : live) {
            long value = counter.of(t.getId());
            if (value >= 0) {
                now.put(t.getId(), value);
            }
        }
        last.forEach((id, value) -> {
            if (!now.containsKey(id)) {
                ended += value;
            }
        });
        last.clear();
        last.putAll(now);
        return ended + now.values().stream().mapToLong(Long::longValue).sum();
    }
}
