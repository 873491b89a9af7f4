package io.jvisor.sandbox.device.disk;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.util.Objects;

/**
 * The {@code java.io} streams of a guest's files: opened on the host file of a guest path after
 * the guest's policy allowed it, with what they write, and the name of a file they create,
 * counted against the disk's quota, and with guest paths in their exceptions.
 */
public final class FileStreams {

    private FileStreams() {
    }

    /**
     * Opens a guest's file for writing, as {@code new FileOutputStream(file, append)}.
     *
     * @throws FileNotFoundException as the JDK's, naming the guest path; naming the policy rule if refused
     */
    public static FileOutputStream openOutput(VirtualDisk disk, String guestPath, boolean append) throws FileNotFoundException {
        VirtualDisk.Location at = locate(disk, guestPath, true);
        File host = at.hostFile();
        try {
            if (!at.onDisk()) {
                return new FileOutputStream(host, append);
            }
            long truncated = append || disk.quota().unlimited() ? 0 : host.length();
            FileOutputStream out = creating(disk, at, () -> new QuotaOutput(host, append, disk.quota()));
            disk.quota().release(truncated);
            return out;
        } catch (FileNotFoundException e) {
            throw (FileNotFoundException) disk.guestException(e);
        }
    }

    /**
     * Opens a guest's file for random access, as {@code new RandomAccessFile(file, mode)}; a mode
     * that writes is decided as {@code file-write}.
     */
    public static RandomAccessFile openRandomAccess(VirtualDisk disk, String guestPath, String mode)
            throws FileNotFoundException {
        Objects.requireNonNull(mode, "mode");
        VirtualDisk.Location at = locate(disk, guestPath, mode.contains("w"));
        File host = at.hostFile();
        try {
            if (!at.onDisk()) {
                return new RandomAccessFile(host, mode);
            }
            // a mode that writes creates the file
            return mode.contains("w") ? creating(disk, at, () -> new QuotaRandomAccess(host, mode, disk.quota()))
                    : new QuotaRandomAccess(host, mode, disk.quota());
        } catch (FileNotFoundException e) {
            throw (FileNotFoundException) disk.guestException(e);
        }
    }

    /**
     * Opens a file on the disk, the name of one it creates counted first: one the quota has no
     * room for is refused as the JDK's streams refuse a file on a full disk, "PATH (REASON)".
     */
    private static <T> T creating(VirtualDisk disk, VirtualDisk.Location at, DiskQuota.Creation<T> open) throws FileNotFoundException {
        try {
            // without a quota, the java.io trap's hot path makes no host Path
            return disk.quota().unlimited() ? open.create() : disk.quota().creatingFile(at.hostPath(), open);
        } catch (FileNotFoundException e) {
            throw e;
        } catch (IOException e) {
            throw new FileNotFoundException(at.guestPath() + " (" + e.getMessage() + ")");
        }
    }

    private static VirtualDisk.Location locate(VirtualDisk disk, String guestPath, boolean write) throws FileNotFoundException {
        try {
            return disk.reachFollowing(guestPath, write);
        } catch (AccessDeniedException e) {
            throw notFound(e);
        }
    }

    /** A refused open as the JDK's file streams report a file they may not open: "PATH (REASON)". */
    public static FileNotFoundException notFound(AccessDeniedException e) {
        return new FileNotFoundException(e.getFile() + " (" + e.getReason() + ")");
    }

    /** Reserves before writing; gives the room back if the write fails. */
    private static void reserved(DiskQuota quota, long bytes, Write write) throws IOException {
        if (quota.unlimited()) {
            write.run();
            return;
        }
        quota.reserve(bytes);
        boolean done = false;
        try {
            write.run();
            done = true;
        } finally {
            if (!done) {
                quota.release(bytes);
            }
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** A file output stream that writes sequentially: each write grows the file by its length. */
    private static final class QuotaOutput extends FileOutputStream {
        private final DiskQuota quota;

        QuotaOutput(File file, boolean append, DiskQuota quota) throws FileNotFoundException {
            super(file, append);
            this.quota = quota;
        }

        @Override
        public void write(int b) throws IOException {
            reserved(quota, 1, () -> super.write(b));
        }

        @Override
        public void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            reserved(quota, len, () -> super.write(b, off, len));
        }

        @Override
        public FileChannel getChannel() {
            return new QuotaFileChannel(super.getChannel(), quota);
        }
    }

    /**
     * The channel of a random access file: for one of a guest's disk, a channel whose writes
     * reserve what they grow the file by ({@code RandomAccessFile.getChannel()} is final, so the
     * guest's call of it is trapped to come here).
     */
    public static FileChannel channelOf(RandomAccessFile file) {
        return file instanceof QuotaRandomAccess ? new QuotaFileChannel(file.getChannel(), ((QuotaRandomAccess) file).quota)
                : file.getChannel();
    }

    /**
     * Whether a file stream or random access file is one of these, which meter their own writes
     * where a subclass can ({@code RandomAccessFile}'s final {@code writeBytes} and
     * {@code writeChars} are metered by the guards, with {@link #quotaOf}).
     */
    public static boolean metersItsOwnWrites(Object file) {
        return file instanceof QuotaOutput || file instanceof QuotaRandomAccess;
    }

    /** The quota a file stream or random access file of these counts its writes against, or {@code null} for another. */
    public static DiskQuota quotaOf(Object file) {
        return file instanceof QuotaRandomAccess ? ((QuotaRandomAccess) file).quota
                : file instanceof QuotaOutput ? ((QuotaOutput) file).quota : null;
    }

    /** A channel of a file on a disk whose writes reserve what they grow the file by, as the channels of these streams do. */
    public static FileChannel metered(FileChannel channel, DiskQuota quota) {
        return new QuotaFileChannel(channel, quota);
    }

    /** What writing {@code len} bytes at a random access file's position grows it by. */
    public static long growth(RandomAccessFile file, long len) throws IOException {
        return Math.max(0, file.getFilePointer() + len - file.length());
    }

    /** A random access file whose writes reserve what they grow the file by; its channel: {@link #channelOf}. */
    private static final class QuotaRandomAccess extends RandomAccessFile {
        private final DiskQuota quota;

        QuotaRandomAccess(File file, String mode, DiskQuota quota) throws FileNotFoundException {
            super(file, mode);
            this.quota = quota;
        }

        private long growth(long len) throws IOException {
            return FileStreams.growth(this, len);
        }

        @Override
        public void write(int b) throws IOException {
            reserved(quota, quota.unlimited() ? 0 : growth(1), () -> super.write(b));
        }

        @Override
        public void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            reserved(quota, quota.unlimited() ? 0 : growth(len), () -> super.write(b, off, len));
        }

        @Override
        public void setLength(long newLength) throws IOException {
            if (quota.unlimited()) {
                super.setLength(newLength);
                return;
            }
            long old = length();
            if (newLength > old) {
                reserved(quota, newLength - old, () -> super.setLength(newLength));
            } else {
                super.setLength(newLength);
                quota.release(old - newLength);
            }
        }
    }
}
