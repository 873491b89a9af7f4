package io.jvisor.sandbox;

import io.jvisor.sandbox.device.disk.DiskQuota;
import io.jvisor.sandbox.device.disk.FileStreams;
import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * The files the JDK opens for guests on their disks through an API no trap replaces (a
 * {@code java.util.Formatter} or a logging {@code FileHandler} of a file name, ImageIO's
 * {@code FileImageOutputStream}): the guards woven into the writes of the file streams and of
 * {@code RandomAccessFile} count what they write against the disk's quota, as the streams a guest's
 * trap opens count their own. Before, such a file grew past the quota (300 MB on a disk of 1 MB).
 * Thread-safe.
 */
final class JdkFileWrites {

    private final WeakIdentityMap<Object, DiskQuota> opened = new WeakIdentityMap<>();
    /** Whether any such file was opened: until then a write (the host's, every program's) looks nothing up. */
    private volatile boolean any;

    /** A file about to be opened for writing: the quota it counts against, and the bytes opening it empties. */
    private record Meter(DiskQuota quota, long emptied) {
    }

    /**
     * What will meter a host file the JDK opens for writing for a guest with this disk, or
     * {@code null} where nothing counts: no disk, no quota, or a file in a mount.
     */
    Object meter(VirtualDisk disk, File host, boolean truncates) throws IOException {
        if (disk == null || disk.quota().unlimited() || !disk.onDisk(host.toPath())) {
            return null;
        }
        return new Meter(disk.quota(), truncates ? TrapDispatcher.delegate(host::length) : 0);
    }

    /** Meters an opened file from now on; not one of the trap's, which meter their own. */
    void opened(Object file, Object meter) {
        if (meter instanceof Meter && !FileStreams.metersItsOwnWrites(file)) {
            Meter m = (Meter) meter;
            m.quota().release(m.emptied());
            opened.put(file, m.quota());
            any = true;
        }
    }

    /** Reserves what a write grows a metered file by; returns it, 0 where nothing meters the file. */
    long writing(Object file, long bytes, boolean overridable) throws IOException {
        DiskQuota quota = any ? opened.get(file) : null;
        if (quota == null && !overridable && file instanceof RandomAccessFile) {
            quota = FileStreams.quotaOf((RandomAccessFile) file); // a trap's, whose final writes it cannot meter itself
        }
        if (quota == null || quota.unlimited() || bytes <= 0) {
            return 0;
        }
        long growth = file instanceof RandomAccessFile ? FileStreams.growth((RandomAccessFile) file, bytes) : bytes;
        quota.reserve(growth);
        return growth;
    }

    /** Gives back what a failed write reserved. */
    void failed(Object file, long reserved) {
        DiskQuota quota = opened.get(file);
        if (quota == null && file instanceof RandomAccessFile) {
            quota = FileStreams.quotaOf((RandomAccessFile) file);
        }
        if (quota != null) {
            quota.release(reserved);
        }
    }
}
