package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The entries of a guest directory as guest paths: those of its host directory, then the mount
 * points in it that the host directory does not hold, so the guest sees its mounts where they
 * are. The guest's filter sees guest paths; the host stream stays hidden (it is not a
 * {@code SecureDirectoryStream} the guest could use on the host).
 */
final class GuestDirectoryStream implements DirectoryStream<Path> {

    private final VirtualDisk disk;
    private final DirectoryStream<Path> host;
    private final GuestPath dir;
    private final List<String> mountPoints;
    private final Filter<? super Path> filter;
    private volatile boolean closed;

    /**
     * @param host        the open stream of the host directory, with no filter
     * @param dir         the guest directory, as the guest named it
     * @param mountPoints the names of the mount points in the directory
     */
    GuestDirectoryStream(VirtualDisk disk, DirectoryStream<Path> host, GuestPath dir, List<String> mountPoints,
                         Filter<? super Path> filter) {
        this.disk = disk;
        this.host = host;
        this.dir = dir;
        this.mountPoints = mountPoints;
        this.filter = filter;
    }

    @Override
    public Iterator<Path> iterator() {
        Iterator<Path> entries = host.iterator();
        Iterator<String> mounts = mountPoints.iterator();
        Set<String> seen = new HashSet<>();
        return new Iterator<>() {
            private Path next;

            @Override
            public boolean hasNext() {
                while (next == null && !closed) {
                    String name;
                    if (hostHasNext()) {
                        name = entries.next().getFileName().toString();
                        seen.add(name);
                    } else if (mounts.hasNext()) {
                        name = mounts.next();
                        if (seen.contains(name)) {
                            continue;
                        }
                    } else {
                        return false;
                    }
                    GuestPath entry = dir.resolve(name);
                    if (accepts(entry)) {
                        next = entry;
                    }
                }
                return next != null;
            }

            private boolean hostHasNext() {
                try {
                    return entries.hasNext();
                } catch (DirectoryIteratorException e) {
                    throw new DirectoryIteratorException(disk.guestException(e.getCause()));
                }
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path result = next;
                next = null;
                return result;
            }
        };
    }

    private boolean accepts(GuestPath entry) {
        try {
            return filter.accept(entry);
        } catch (IOException e) {
            throw new DirectoryIteratorException(e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            host.close();
        } catch (IOException e) {
            throw disk.guestException(e);
        }
    }
}
