package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How many bytes the files on a guest's disk may hold, and how many they hold. A write reserves
 * the bytes by which it grows the disk before it writes anything, so a write past the quota fails
 * whole, with the {@code IOException} of a full disk, and what was written before stays intact.
 *
 * <p>A disk without a quota meters nothing (what metering costs, a size query around each write,
 * buys nothing there): its usage is counted from its files when asked, and when a quota is set,
 * from which point on writes are metered. A write under way as the quota is set may pass uncounted.
 *
 * <p>What the disk holds is its regular files' bytes, and for each directory and symbolic link a
 * block or its target, and for each of these (and each socket's file) its name (its bytes and
 * {@value #NAME_BYTES} more, for its entry and inode), as near as the host's file systems take; but for the directories every
 * disk has (its root, home and temporary directory). An empty file costs its name, so that a guest
 * cannot fill the host's inodes and directories with files of no bytes (200,000 under a quota of
 * 100 KB before). User-defined attributes, which no count would see, a disk
 * with a quota does not keep (see {@link #keepsUserAttributes()}).
 *
 * <p>What a process the guest was allowed to start writes on the disk passes no meter: the disk
 * is counted again at the next write or query after such a process started or ended, so a guest
 * whose process filled the disk finds it full.
 * Thread-safe.
 */
public final class DiskQuota {

    /** The message of the JDK's {@code IOException} when a write meets a full disk (ENOSPC). */
    public static final String DISK_FULL = "No space left on device";

    /** What a directory takes besides its entries: the block most file systems give it. */
    public static final long DIRECTORY_BYTES = 4096;
    /** What a name takes besides its own bytes: its entry in its directory and an inode. */
    public static final long NAME_BYTES = 64;

    private final AtomicLong limit;
    private final AtomicLong used;
    /** Counts the bytes the disk's files hold, by walking them. */
    private final LongSupplier count;
    /** Set when something wrote on the disk past the meter: the next write or query counts the files. */
    private volatile boolean uncounted;

    /**
     * @param limit the quota in bytes, {@code Long.MAX_VALUE} for none
     * @param count counts the bytes the disk's files hold now
     */
    DiskQuota(long limit, LongSupplier count) {
        if (limit < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + limit);
        }
        this.count = count;
        this.limit = new AtomicLong(limit);
        this.used = new AtomicLong(limit == Long.MAX_VALUE ? 0 : count.getAsLong());
    }

    /** Whether the disk has no quota: then writes need not be metered. */
    public boolean unlimited() {
        return limit.get() == Long.MAX_VALUE;
    }

    /** The most bytes the disk's files may hold; {@code Long.MAX_VALUE} for no quota. */
    public long limit() {
        return limit.get();
    }

    /** Changes the quota while the guest runs; what is written already stays. A first quota counts the disk's files. */
    public synchronized void setLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + bytes);
        }
        if (unlimited() && bytes != Long.MAX_VALUE) {
            used.set(count.getAsLong());
        }
        limit.set(bytes);
    }

    /** The bytes the disk's files hold: by jvisor's count of the guest's writes under a quota, else counted now. */
    public long used() {
        if (unlimited()) {
            return count.getAsLong();
        }
        recountIfWrittenPastMeter();
        return used.get();
    }

    /**
     * Tells the quota that a program writes on the disk without passing its meter (a process the
     * guest started, when it starts and when it ends): the files are counted again when next asked.
     */
    public void writtenPastMeter() {
        uncounted = true;
    }

    private void recountIfWrittenPastMeter() {
        if (uncounted) {
            synchronized (this) {
                if (uncounted) {
                    uncounted = false;
                    used.set(count.getAsLong());
                }
            }
        }
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
        recountIfWrittenPastMeter();
        long now;
        do {
            now = used.get();
            if (now + bytes > limit.get() || now + bytes < 0) {
                throw new IOException(DISK_FULL);
            }
        } while (!used.compareAndSet(now, now + bytes));
    }

    /** Whether the disk keeps user-defined file attributes: only without a quota, which could not count them. */
    public boolean keepsUserAttributes() {
        return unlimited();
    }

    /** What a name takes in its directory and the inode it names, its bytes and {@value #NAME_BYTES} more. */
    public static long nameBytes(Path host) {
        Path name = host.getFileName();
        return name == null ? 0 : NAME_BYTES + name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * What a name at {@code host} takes on the disk: a regular file its bytes and its name; a
     * directory a block and its name (not its entries); a link its target and its name; anything
     * else (a Unix domain socket's file) its name.
     */
    static long heldBytes(Path host, BasicFileAttributes attributes) {
        if (attributes.isRegularFile()) {
            return attributes.size() + nameBytes(host);
        }
        if (attributes.isDirectory()) {
            return directoryBytes(host);
        }
        return attributes.isSymbolicLink() ? linkBytes(host, attributes.size()) : nameBytes(host); // a socket's, a pipe's
    }

    /** What a directory at {@code host} takes, its entries not included: a block and its name. */
    static long directoryBytes(Path host) {
        return DIRECTORY_BYTES + nameBytes(host);
    }

    /** What a symbolic link at {@code host} takes: its target's bytes and its name. */
    static long linkBytes(Path host, long targetBytes) {
        return targetBytes + nameBytes(host);
    }

    /**
     * What a tree takes on the disk, links not followed, but for the directories in {@code free}
     * (whose entries count); what vanishes as it is walked counts nothing.
     */
    static long treeBytes(Path root, Set<Path> free) throws IOException {
        long[] sum = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                sum[0] += free.contains(dir) ? 0 : heldBytes(dir, attributes);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                sum[0] += heldBytes(file, attributes);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    /**
     * Runs what may create a regular file at {@code host}: where nothing is there, room for its
     * name is reserved first, and given back if the creation fails.
     *
     * @throws IOException {@value #DISK_FULL}, if the quota has no room for the name; or what the creation throws
     */
    public <T> T creatingFile(Path host, Creation<T> creation) throws IOException {
        Runnable giveBack = nameReserved(host);
        try {
            return creation.create();
        } catch (IOException | RuntimeException | Error e) {
            if (giveBack != null) {
                giveBack.run();
            }
            throw e;
        }
    }

    /**
     * Reserves room for the name of a file about to be made at {@code host} by code that is not
     * the disk's (the JDK's opening of a path of its own making, the bind of a socket).
     *
     * @return what gives the room back if no file is made; {@code null} if the disk has no quota
     *         or something is at {@code host} already
     * @throws IOException {@value #DISK_FULL}, if the quota has no room for the name
     */
    public Runnable nameReserved(Path host) throws IOException {
        if (unlimited() || Files.exists(host, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        long name = nameBytes(host);
        reserve(name);
        return () -> release(name);
    }

    /** Something that may create a file. */
    @FunctionalInterface
    public interface Creation<T> {
        T create() throws IOException;
    }

    /**
     * Counts the name of a regular file just created at {@code host} (where its name was not known
     * before: a temporary file): if the quota has no room for it, the file is deleted again.
     *
     * @throws IOException {@value #DISK_FULL}, if the quota has no room for the name
     */
    public void fileCreated(Path host) throws IOException {
        if (unlimited()) {
            return;
        }
        try {
            reserve(nameBytes(host));
        } catch (IOException full) {
            Files.deleteIfExists(host);
            throw full;
        }
    }

    /** Gives back room: a file shrank or was deleted. */
    public void release(long bytes) {
        if (bytes > 0) {
            used.accumulateAndGet(bytes, (now, b) -> Math.max(0, now - b));
        }
    }
}
