package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * A guest's own {@code java.nio.file} file system: the guest's disk, with its mounts, seen from its
 * root {@code /}. Its paths are {@link GuestPath}s with the syntax of the host's default file
 * system (Unix); its provider maps every access onto the host through the {@link VirtualDisk}, so
 * that the guest's policy decides it and no path leaves the disk and its mounts.
 */
final class GuestFileSystem extends FileSystem {

    private static final FileSystem HOST = FileSystems.getDefault();

    private final VirtualDisk disk;
    private final GuestFileSystemProvider provider;

    GuestFileSystem(VirtualDisk disk) {
        this.disk = disk;
        this.provider = new GuestFileSystemProvider(this);
    }

    /** The disk the file system shows. */
    VirtualDisk disk() {
        return disk;
    }

    @Override
    public GuestFileSystemProvider provider() {
        return provider;
    }

    /** The guest cannot close the file system it runs on: it would lose its root. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("jvisor: a guest cannot close its own root file system");
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(getPath("/"));
    }

    /** The host file store that holds the disk; none if the host cannot tell. */
    @Override
    public Iterable<FileStore> getFileStores() {
        try {
            return List.of(Files.getFileStore(disk.root()));
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        Set<String> views = HOST.supportedFileAttributeViews();
        return disk.quota().keepsUserAttributes() ? views
                : views.stream().filter(view -> !view.equals(GuestFileSystemProvider.USER_VIEW)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public GuestPath getPath(String first, String... more) {
        return new GuestPath(this, HOST.getPath(first, more));
    }

    /** The host's matcher for the syntax and pattern, applied to a guest path's names; other paths never match. */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher host = HOST.getPathMatcher(syntaxAndPattern);
        return path -> path instanceof GuestPath g && g.getFileSystem() == this && host.matches(g.lexical());
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return HOST.getUserPrincipalLookupService();
    }

    /** A watch service of the host's, whose keys and events name the guest's paths. */
    @Override
    public WatchService newWatchService() throws IOException {
        return new GuestWatchService(this, HOST.newWatchService());
    }
}
