package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes the files on a guest's disk may hold, and how many they hold. A write reserves
 * the bytes by which it grows the disk before it writes anything, so a write past the quota fails
 * whole, with the {@code IOException} of a full disk, and what was written before stays intact.
 * Thread-safe.
 */
public final class DiskQuota {

    /** The message of the JDK's {@code IOException} when a write meets a full disk (ENOSPC). */
    public static final String DISK_FULL = "No space left on device";

    private final AtomicLong limit;
    private final AtomicLong used;

    DiskQuota(long limit, long used) {
        if (limit < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + limit);
        }
        this.limit = new AtomicLong(limit);
        this.used = new AtomicLong(used);
    }

    /** The most bytes the disk's files may hold; {@code Long.MAX_VALUE} for no quota. */
    public long limit() {
        return limit.get();
    }

    /** Changes the quota while the guest runs; what is written already stays. */
    public void setLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + bytes);
        }
        limit.set(bytes);
    }

    /** The bytes the disk's files hold (by jvisor's count of the guest's writes since it started). */
    public long used() {
        return used.get();
    }

    /**
     * Reserves room for a write that grows the disk by {@code bytes}.
     *
     * @throws IOException {@value #DISK_FULL}, if the quota does not leave room
     */
    public void reserve(long bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        long now;
        do {
            now = used.get();
            if (now + bytes > limit.get() || now + bytes < 0) {
                throw new IOException(DISK_FULL);
            }
        } while (!used.compareAndSet(now, now + bytes));
    }

    /** Gives back room: a file shrank or was deleted. */
    public void release(long bytes) {
        if (bytes > 0) {
            used.accumulateAndGet(bytes, (now, b) -> Math.max(0, now - b));
        }
    }
}
