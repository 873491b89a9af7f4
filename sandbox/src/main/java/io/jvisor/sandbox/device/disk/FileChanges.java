package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The changes {@code java.io.File} makes to a guest's files (delete, mkdir, mkdirs, renameTo), made
 * through its disk's file system, so that the disk's quota and mounts see them as they see the
 * same change made through {@code java.nio.file}: before, a file deleted gave none of its bytes
 * back, a directory cost nothing (2,000 of them took 8 MB of a disk of 100 KB), and a file renamed
 * from a mount onto the disk was not counted. Each answers as {@code java.io.File} does:
 * {@code false} for a change that failed, for whatever reason.
 */
public final class FileChanges {

    private FileChanges() {
    }

    /** As {@code File.delete()}: a file or an empty directory. */
    public static boolean delete(VirtualDisk disk, String guestPath) {
        return !guestPath.isEmpty() && done(() -> Files.delete(disk.fileSystem().getPath(guestPath)));
    }

    /** As {@code File.mkdir()}, or {@code File.mkdirs()} with {@code parents}: {@code false} where it exists already. */
    public static boolean makeDirectory(VirtualDisk disk, String guestPath, boolean parents) {
        if (guestPath.isEmpty()) {
            return false;
        }
        Path dir = disk.fileSystem().getPath(guestPath);
        if (!parents) {
            return done(() -> Files.createDirectory(dir));
        }
        return !Files.exists(dir) && done(() -> Files.createDirectories(dir));
    }

    /** As {@code File.renameTo(File)}: the host's rename, which replaces a file of the new name and never copies. */
    public static boolean rename(VirtualDisk disk, String guestPath, String newGuestPath) {
        return !guestPath.isEmpty() && !newGuestPath.isEmpty() && done(() -> Files.move(disk.fileSystem().getPath(guestPath),
                disk.fileSystem().getPath(newGuestPath), StandardCopyOption.ATOMIC_MOVE));
    }

    @FunctionalInterface
    private interface Change {
        void run() throws IOException;
    }

    private static boolean done(Change change) {
        try {
            change.run();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
