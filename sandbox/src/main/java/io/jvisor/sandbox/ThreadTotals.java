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

    /** {@code Thread.threadId()}, final, from Java 19; {@code null} before. */
    private static final java.lang.invoke.MethodHandle THREAD_ID = threadId();

    private static java.lang.invoke.MethodHandle threadId() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findVirtual(Thread.class, "threadId",
                    java.lang.invoke.MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Whether a class of threads overrides {@code getId()}, which a guest's subclass may make answer anything, running its code. */
    private static final ClassValue<Boolean> OWN_ID = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("getId").getDeclaringClass() != Thread.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    /**
     * A thread's id, asked without running a guest's code on the sampling thread: by the final
     * {@code threadId()} from Java 19; before, by {@code getId()} unless the thread's class
     * overrides it, else -1 (not counted).
     */
    /** Whether a thread's counters can be told without running its class's code ({@link #idOf}). */
    static boolean isMeasurable(Thread t) {
        return THREAD_ID != null || !OWN_ID.get(t.getClass());
    }

    @SuppressWarnings("deprecation") // getId, before Java 19
    static long idOf(Thread t) {
        if (THREAD_ID != null) {
            try {
                return (long) THREAD_ID.invokeExact(t);
            } catch (Throwable e) {
                return -1;
            }
        }
        return OWN_ID.get(t.getClass()) ? -1 : t.getId();
    }

    private final Counter counter;
    private final Map<Long, Long> last = new HashMap<>();
    private long ended;

    ThreadTotals(Counter counter) {
        this.counter = counter;
    }

    /** Samples the live threads and returns the total. */
    synchronized long sample(List<Thread> live) {
        Map<Long, Long> now = new HashMap<>();
        for (Thread t : live) {
            long id = idOf(t);
            long value = id < 0 ? -1 : counter.of(id);
            if (value >= 0) {
                now.put(id, value);
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
