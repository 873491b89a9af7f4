package io.jvisor.sandbox;

import io.jvisor.sandbox.device.disk.DiskQuota;
import io.jvisor.sandbox.device.disk.FileStreams;
import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;

/**
 * The file writes the guards meter, which no trap's stream meters itself: of files the JDK opens
 * for guests on their disks through an API no trap replaces (a {@code java.util.Formatter} or a
 * logging {@code FileHandler} of a file name, ImageIO's {@code FileImageOutputStream}), and of
 * streams made of the descriptor of any metered file ({@code new FileOutputStream(out.getFD())},
 * which wrote 64 MB on a disk of 1 MB). The guards woven into the writes of the file streams and
 * of {@code RandomAccessFile}, and into their {@code getChannel()}, count what they write against
 * the disk's quota, as the streams a guest's trap opens count their own. Thread-safe.
 */
final class JdkFileWrites {

    /** The files whose writes the guards meter, with what meters them. */
    private final WeakIdentityMap<Object, Metered> opened = new WeakIdentityMap<>();
    /** The descriptor of every metered file, the trap's too: a stream made of one is metered as its file. */
    private final WeakIdentityMap<FileDescriptor, Metered> descriptors = new WeakIdentityMap<>();
    /** Whether {@link #opened} was ever given a file: until then a write (the host's, every program's) looks nothing up. */
    private volatile boolean anyOpened;
    /** Whether {@link #descriptors} was ever given one: until then a stream made of a descriptor looks nothing up. */
    private volatile boolean anyDescriptors;

    /** A file about to be opened for writing: the quota it counts against, and the bytes opening it empties. */
    private record Meter(DiskQuota quota, long emptied) {
    }

    /**
     * What counts a metered file's writes: its disk's quota and, for a stream made of a random
     * access file's descriptor, that file, whose position tells what a write grows the file by
     * (held weakly: it is a key of these maps; once it is gone a write counts its whole length).
     */
    private record Metered(DiskQuota quota, WeakReference<RandomAccessFile> positioned) {

        static Metered of(DiskQuota quota, Object file) {
            return new Metered(quota, file instanceof RandomAccessFile ? new WeakReference<>((RandomAccessFile) file) : null);
        }

        /** What writing {@code bytes} at the file's position grows it by, where the file is {@code file} or shares its descriptor. */
        long growth(Object file, long bytes) throws IOException {
            RandomAccessFile at = file instanceof RandomAccessFile ? (RandomAccessFile) file
                    : positioned == null ? null : positioned.get();
            return at == null ? bytes : FileStreams.growth(at, bytes);
        }
    }

    /**
     * What will meter a host file the JDK opens for writing for a guest with this disk, or
     * {@code null} where nothing counts: no disk, no quota, or a file in a mount. A file the
     * opening will create has its name counted now.
     *
     * @throws FileNotFoundException "PATH (No space left on device)", as on a full disk, if the
     *         quota has no room for the name of the file the opening would create
     */
    Object meter(VirtualDisk disk, File host, boolean truncates) throws FileNotFoundException {
        if (disk == null || disk.quota().unlimited() || !disk.onDisk(host.toPath())) {
            return null;
        }
        // only where the opening will create it (its directory there and writable), as no failed opening gives a name back
        if (TrapDispatcher.delegateUnchecked(() -> !host.exists() && host.getAbsoluteFile().getParentFile().canWrite())) {
            try {
                disk.quota().reserve(DiskQuota.nameBytes(host.toPath()));
            } catch (IOException full) {
                throw new FileNotFoundException(disk.toGuest(host.toPath()) + " (" + full.getMessage() + ")");
            }
        }
        // a length it cannot tell: opening the file empties nothing that was counted
        return new Meter(disk.quota(), truncates ? TrapDispatcher.delegateUnchecked(host::length) : 0);
    }

    /** Meters an opened file from now on; not one of the trap's, which meter their own. */
    void opened(Object file, Object meter) {
        if (meter instanceof Meter && !FileStreams.metersItsOwnWrites(file)) {
            Meter m = (Meter) meter;
            m.quota().release(m.emptied());
            Metered metered = Metered.of(m.quota(), file);
            opened.put(file, metered);
            anyOpened = true;
            shares(file, metered);
        }
    }

    /** A file a guest's trap opened, which meters its own writes: a stream made of its descriptor is metered by the guards. */
    void trapOpened(Object file) {
        DiskQuota quota = FileStreams.quotaOf(file);
        if (quota != null && !quota.unlimited()) {
            shares(file, Metered.of(quota, file));
        }
    }

    private void shares(Object file, Metered metered) {
        try {
            descriptors.put(file instanceof RandomAccessFile ? ((RandomAccessFile) file).getFD() : ((FileOutputStream) file).getFD(),
                    metered);
            anyDescriptors = true;
        } catch (IOException e) {
            // no descriptor (a subclass that made none): no stream can be made of it
        }
    }

    /** A file output stream made of a descriptor: metered as the file that opened it, if that is metered. */
    void descriptorShared(Object stream, FileDescriptor fd) {
        Metered metered = anyDescriptors && stream instanceof FileOutputStream ? descriptors.get(fd) : null;
        if (metered != null) {
            opened.put(stream, metered);
            anyOpened = true;
        }
    }

    /** The channel of a file stream or random access file: one whose writes count against its file's quota where that is metered here. */
    FileChannel channel(Object file, FileChannel channel) {
        Metered metered = anyOpened && channel != null ? opened.get(file) : null;
        return metered == null ? channel : FileStreams.metered(channel, metered.quota());
    }

    /** Reserves what a write grows a metered file by; returns it, 0 where nothing meters the file. */
    long writing(Object file, long bytes, boolean overridable) throws IOException {
        Metered metered = metered(file, overridable);
        if (metered == null || metered.quota().unlimited() || bytes <= 0) {
            return 0;
        }
        long growth = metered.growth(file, bytes);
        metered.quota().reserve(growth);
        return growth;
    }

    /** Gives back what a failed write reserved. */
    void failed(Object file, long reserved) {
        Metered metered = metered(file, false);
        if (metered != null) {
            metered.quota().release(reserved);
        }
    }

    /**
     * What meters a write of a file: the guards' meter, or, for a method no subclass can override,
     * the quota of a random access file its trap opened, whose final writes it cannot meter itself.
     */
    private Metered metered(Object file, boolean overridable) {
        Metered metered = anyOpened ? opened.get(file) : null;
        if (metered == null && !overridable && file instanceof RandomAccessFile) {
            DiskQuota quota = FileStreams.quotaOf(file);
            return quota == null ? null : Metered.of(quota, file);
        }
        return metered;
    }
}
