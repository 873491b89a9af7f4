package io.jvisor.sandbox.device.disk;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Iterator;

/**
 * A path of a guest's file system. It holds the path as a lexical path of the host's default file
 * system, which gives it the syntax and the name operations; it never touches the host by it: what
 * it names is found through the guest's {@link VirtualDisk}.
 */
final class GuestPath implements Path {

    private final GuestFileSystem fileSystem;
    private final Path lexical;

    GuestPath(GuestFileSystem fileSystem, Path lexical) {
        this.fileSystem = fileSystem;
        this.lexical = lexical;
    }

    /** The path's names as a path of the host's default file system, to be used lexically only. */
    Path lexical() {
        return lexical;
    }

    private GuestPath wrap(Path path) {
        return path == null ? null : new GuestPath(fileSystem, path);
    }

    /** The lexical path of another path of this file system. */
    private Path lexicalOf(Path other) {
        if (other instanceof GuestPath g && g.fileSystem == fileSystem) {
            return g.lexical;
        }
        throw new ProviderMismatchException();
    }

    @Override
    public GuestFileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return lexical.isAbsolute();
    }

    @Override
    public GuestPath getRoot() {
        return wrap(lexical.getRoot());
    }

    @Override
    public GuestPath getFileName() {
        return wrap(lexical.getFileName());
    }

    @Override
    public GuestPath getParent() {
        return wrap(lexical.getParent());
    }

    @Override
    public int getNameCount() {
        return lexical.getNameCount();
    }

    @Override
    public GuestPath getName(int index) {
        return wrap(lexical.getName(index));
    }

    @Override
    public GuestPath subpath(int beginIndex, int endIndex) {
        return wrap(lexical.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof GuestPath g && g.fileSystem == fileSystem && lexical.startsWith(g.lexical);
    }

    @Override
    public boolean startsWith(String other) {
        return lexical.startsWith(other);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof GuestPath g && g.fileSystem == fileSystem && lexical.endsWith(g.lexical);
    }

    @Override
    public boolean endsWith(String other) {
        return lexical.endsWith(other);
    }

    @Override
    public GuestPath normalize() {
        return wrap(lexical.normalize());
    }

    @Override
    public GuestPath resolve(Path other) {
        return wrap(lexical.resolve(lexicalOf(other)));
    }

    @Override
    public GuestPath resolve(String other) {
        return wrap(lexical.resolve(other));
    }

    @Override
    public GuestPath resolveSibling(Path other) {
        return wrap(lexical.resolveSibling(lexicalOf(other)));
    }

    @Override
    public GuestPath resolveSibling(String other) {
        return wrap(lexical.resolveSibling(other));
    }

    @Override
    public GuestPath relativize(Path other) {
        return wrap(lexical.relativize(lexicalOf(other)));
    }

    /** A {@code file:} URI of the absolute guest path; with a trailing {@code /} for a directory, as the JDK's. */
    @Override
    public URI toUri() {
        String path = toAbsolutePath().toString();
        if (!path.endsWith("/") && Files.isDirectory(this)) {
            path += "/";
        }
        try {
            return URI.create(new URI("file", "", path, null, null).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("an absolute path makes a URI: " + path, e);
        }
    }

    /** The path resolved against the guest's working directory, never the host's. */
    @Override
    public GuestPath toAbsolutePath() {
        return isAbsolute() ? this : wrap(lexical.getFileSystem().getPath(fileSystem.disk().workingDirectory()).resolve(lexical));
    }

    /**
     * The guest path of the file the path leads to on the host.
     *
     * @throws java.nio.file.AccessDeniedException if it leads outside the disk and its mounts
     */
    @Override
    public GuestPath toRealPath(LinkOption... options) throws IOException {
        return fileSystem.provider().realPath(this, options);
    }

    /** A {@code java.io.File} that holds the guest path: jvisor maps {@code java.io} to the disk by itself. */
    @Override
    public File toFile() {
        return new File(toString());
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) throws IOException {
        return fileSystem.provider().register(this, watcher, events, modifiers);
    }

    @Override
    public Iterator<Path> iterator() {
        Iterator<Path> names = lexical.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return names.hasNext();
            }

            @Override
            public Path next() {
                return wrap(names.next());
            }
        };
    }

    @Override
    public int compareTo(Path other) {
        return lexical.compareTo(lexicalOf(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GuestPath g && g.fileSystem == fileSystem && lexical.equals(g.lexical);
    }

    @Override
    public int hashCode() {
        return lexical.hashCode();
    }

    @Override
    public String toString() {
        return lexical.toString();
    }
}
