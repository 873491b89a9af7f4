package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

import java.lang.management.MemoryUsage;

/**
 * Woven into the JVM's {@code MemoryMXBean}, where a program reads the heap it has (also through
 * the platform MBean server): a guest with a live-heap limit sees its own heap, as its
 * {@code Runtime.maxMemory()} trap shows it, not the JVM's. And where direct buffers' native memory
 * is reserved, allocated and freed, which counts toward the live heap of the guest that allocated it.
 */
final class MemoryGuard {

    private MemoryGuard() {
    }

    /** Left by {@code MemoryMXBean.getHeapMemoryUsage()}. */
    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) MemoryUsage usage) {
        usage = Guards.heapUsage(usage);
    }

    /**
     * On {@code Bits.reserveMemory(long, long)}, where a direct buffer's memory is counted against
     * the JVM's limit before it is allocated: a guest's against its own first.
     */
    static final class DirectReserve {

        private DirectReserve() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) long size) {
            Guards.directMemoryReserving(size);
        }
    }

    /** Left by the constructor of a direct buffer's deallocator: the memory allocated, at its address. */
    static final class DirectAllocated {

        private DirectAllocated() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) long address, @Advice.Argument(1) long size) {
            Guards.directMemoryAllocated(address, size);
        }
    }

    /** On the deallocator's {@code run()}, which frees it, on whichever thread collects the buffer or frees it. */
    static final class DirectFreed {

        private DirectFreed() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("address") long address) {
            Guards.directMemoryFreed(address);
        }
    }
}
