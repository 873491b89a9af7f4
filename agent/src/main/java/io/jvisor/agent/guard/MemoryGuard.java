package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

import java.lang.management.MemoryUsage;

/**
 * Woven into the JVM's {@code MemoryMXBean}, where a program reads the heap it has (also through
 * the platform MBean server): a guest with a live-heap limit sees its own heap, as its
 * {@code Runtime.maxMemory()} trap shows it, not the JVM's.
 */
final class MemoryGuard {

    private MemoryGuard() {
    }

    /** Left by {@code MemoryMXBean.getHeapMemoryUsage()}. */
    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) MemoryUsage usage) {
        usage = Guards.heapUsage(usage);
    }
}
