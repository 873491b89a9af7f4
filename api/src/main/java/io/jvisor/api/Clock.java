package io.jvisor.api;

/**
 * A guest's clock. Under jvisor it is the hypervisor's view of time for the guest (which may, for
 * example, stand still while the guest is paused); in pass-through mode it is the JDK's.
 *
 * <p>Obtained from {@link Hypercalls#clock()}; safe to use from any thread of its guest, and may be
 * kept for the guest's lifetime.
 */
public interface Clock {

    /** The current time in milliseconds since the epoch, as {@code System.currentTimeMillis()}. */
    long currentTimeMillis();

    /**
     * A monotonic time in nanoseconds, meaningful only as the difference between two readings of
     * the same guest, as {@code System.nanoTime()}.
     */
    long nanoTime();
}
