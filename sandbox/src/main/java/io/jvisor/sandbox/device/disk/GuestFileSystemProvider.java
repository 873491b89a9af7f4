package io.jvisor.sandbox.device.disk;

import io.jvisor.hooks.Guards;
import io.jvisor.sandbox.device.disk.VirtualDisk.Location;
import io.jvisor.sandbox.device.disk.VirtualDisk.Mount;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The provider of a guest's file system. Every operation locates its guest paths through the
 * {@link VirtualDisk} (the guest's policy and the read-only mounts decide there), follows the
 * links on the way as the host would and locates again where they lead, so a link cannot take the
 * guest outside the disk and its mounts nor past its policy, then runs the host's default provider
 * on the host paths; the guest sees guest paths only, in results and in exceptions. Writes to
 * the disk itself keep its quota.
 *
 * <p>The checks run before the host operation: a guest thread that swaps a directory for a link
 * between the two can still reach where the swapped link leads; the JDK has no {@code openat} to
 * close that.
 */
final class GuestFileSystemProvider extends FileSystemProvider {

    /** Why a path that leads off the disk and its mounts is refused. */
    static final String OUTSIDE = VirtualDisk.OUTSIDE;

    private static final String BUSY = "Device or resource busy";
    private static final String CROSS_DEVICE = "Invalid cross-device link";
    private static final FileSystemProvider HOST = FileSystems.getDefault().provider();

    /** A host operation whose exception names host paths. */
    @FunctionalInterface
    private interface HostCall<T> {
        T call() throws IOException;
    }

    /** A host operation without a result whose exception names host paths. */
    @FunctionalInterface
    private interface HostAction {
        void run() throws IOException;
    }

    /**
     * A guest path located on the host, its access allowed.
     *
     * @param guestPath  the absolute, normalised guest path
     * @param host       the host path to operate on
     * @param mount      the mount that holds the file the host path leads to
     */
    private record Target(String guestPath, Path host, Mount mount) {
        /** Whether the file is on the disk itself, where the quota counts. */
        boolean onDisk() {
            return mount.guestPath().equals("/");
        }
    }

    private final GuestFileSystem fileSystem;
    private final VirtualDisk disk;

    GuestFileSystemProvider(GuestFileSystem fileSystem) {
        this.fileSystem = fileSystem;
        this.disk = fileSystem.disk();
    }

    // ---------------------------------------------------------------------------------------------
    // Locating guest paths

    private GuestPath guest(Path path) {
        Objects.requireNonNull(path, "path");
        if (path instanceof GuestPath g && g.getFileSystem() == fileSystem) {
            return g;
        }
        throw new ProviderMismatchException();
    }

    /**
     * Locates a guest path for an access, after the policy and the mounts allowed it for the path
     * and for where its links lead (see {@link VirtualDisk#reach}).
     *
     * @param follow whether the access follows a link at the path's last name
     * @throws AccessDeniedException if refused, or if the path leads off the disk and its mounts
     */
    private Target target(Path path, boolean write, boolean follow) throws IOException {
        Location at = disk.reach(guest(path).toAbsolutePath().toString(), write, follow);
        return new Target(at.guestPath(), at.hostPath(), at.mount());
    }

    private <T> T host(HostCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (IOException e) {
            throw disk.guestException(e);
        }
    }

    private void run(HostAction action) throws IOException {
        try {
            action.run();
        } catch (IOException e) {
            throw disk.guestException(e);
        }
    }

    private static boolean follows(Object[] options) {
        return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    }

    /** Refuses to remove or replace where a mount is: it belongs to the host, as a mount point to the OS. */
    private void requireNoMountPoint(Target target) throws FileSystemException {
        if (disk.isMountPoint(target.guestPath())) {
            throw new FileSystemException(target.guestPath(), null, BUSY);
        }
    }

    /** The guest path of a real host path. */
    GuestPath realPath(GuestPath path, LinkOption... options) throws IOException {
        Target target = target(path, false, follows(options));
        Path real = host(() -> target.host().toRealPath(options));
        String guest = disk.toGuest(real);
        if (guest == null) {
            throw new AccessDeniedException(target.guestPath(), null, OUTSIDE);
        }
        return fileSystem.getPath(guest);
    }

    // ---------------------------------------------------------------------------------------------
    // Sizes for the quota

    /** The size of a regular file; 0 for anything else or nothing. */
    private static long regularSize(Path host, boolean follow) {
        try {
            BasicFileAttributes attributes = follow
                    ? Files.readAttributes(host, BasicFileAttributes.class)
                    : Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What a name takes on the disk (see {@link DiskQuota#heldBytes}), as {@code at} if it were there; 0 for nothing. */
    private static long heldBytes(Path host, boolean follow, Path at) {
        try {
            BasicFileAttributes attributes = follow
                    ? Files.readAttributes(host, BasicFileAttributes.class)
                    : Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return DiskQuota.heldBytes(at, attributes);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The bytes the disk gets back when a name goes: what it names, but the bytes of a regular file with other names. */
    private static long freedByUnlink(Path host) {
        try {
            if (Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)
                    && (Integer) Files.getAttribute(host, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1) {
                return DiskQuota.nameBytes(host);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // its size is given back, as for a file of one name
        }
        return heldBytes(host, false, host);
    }

    /** Whether two host paths are one file, as the JDK's copy and move decide it (the target's link not followed). */
    private static boolean sameFile(Path source, boolean follow, Path target) {
        try {
            Object key = (follow
                    ? Files.readAttributes(source, BasicFileAttributes.class)
                    : Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)).fileKey();
            return key != null
                    && key.equals(Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The provider

    @Override
    public String getScheme() {
        return "file";
    }

    private static void checkUri(URI uri) {
        if (!uri.isAbsolute() || !"file".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("URI scheme is not \"file\": " + uri);
        }
        if (uri.isOpaque()) {
            throw new IllegalArgumentException("URI is not hierarchical: " + uri);
        }
        if (uri.getRawAuthority() != null) {
            throw new IllegalArgumentException("URI has an authority component: " + uri);
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("URI has a query component: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("URI has a fragment component: " + uri);
        }
        if (uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("URI path component is empty: " + uri);
        }
    }

    /** There is one guest file system, and it exists: the guest's root. */
    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        checkUri(uri);
        throw new FileSystemAlreadyExistsException(uri.toString());
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        checkUri(uri);
        return fileSystem;
    }

    @Override
    public Path getPath(URI uri) {
        checkUri(uri);
        return fileSystem.getPath(uri.getPath());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    /** Opens a file; a channel that may grow or unlink a file on the disk keeps the quota. */
    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Target target = opening(path, options);
        long truncated = disk.quota().unlimited() ? 0 : truncated(target, options);
        FileChannel channel = opened(target, options, () -> host(() -> HOST.newFileChannel(target.host(), options, attrs)));
        if (!keepsQuota(target, options)) {
            return channel;
        }
        disk.quota().release(truncated);
        return new QuotaFileChannel(channel, disk.quota(), options.contains(StandardOpenOption.DELETE_ON_CLOSE));
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
                                                              ExecutorService executor, FileAttribute<?>... attrs)
            throws IOException {
        Target target = opening(path, options);
        long truncated = disk.quota().unlimited() ? 0 : truncated(target, options);
        AsynchronousFileChannel channel =
                opened(target, options, () -> host(() -> HOST.newAsynchronousFileChannel(target.host(), options, executor, attrs)));
        if (!keepsQuota(target, options)) {
            return channel;
        }
        disk.quota().release(truncated);
        return new QuotaFileChannel.Asynchronous(channel, disk.quota(),
                options.contains(StandardOpenOption.DELETE_ON_CLOSE));
    }

    /** Locates a file to open: for writing if the options may change it; {@code DELETE_ON_CLOSE} does not follow a link, as on the host. */
    private Target opening(Path path, Set<? extends OpenOption> options) throws IOException {
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.DELETE_ON_CLOSE);
        boolean follow = !options.contains(LinkOption.NOFOLLOW_LINKS)
                && !options.contains(StandardOpenOption.DELETE_ON_CLOSE);
        return target(path, write, follow);
    }

    /**
     * Opens a file on the disk: the name of a file it creates is counted first (and given back if
     * the opening fails); one opened with {@code DELETE_ON_CLOSE}, which the host unlinks at once,
     * takes no name, and gives back that of the file it unlinks.
     */
    private <T> T opened(Target target, Set<? extends OpenOption> options, DiskQuota.Creation<T> open) throws IOException {
        if (!target.onDisk() || disk.quota().unlimited()
                || !options.contains(StandardOpenOption.WRITE) && !options.contains(StandardOpenOption.APPEND)) {
            return open.create();
        }
        if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            boolean named = Files.exists(target.host(), LinkOption.NOFOLLOW_LINKS);
            T opened = open.create();
            disk.quota().release(named ? DiskQuota.nameBytes(target.host()) : 0);
            return opened;
        }
        boolean creates = options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW);
        return creates ? disk.quota().creatingFile(target.host(), open) : open.create();
    }

    private static boolean keepsQuota(Target target, Set<? extends OpenOption> options) {
        return target.onDisk() && (options.contains(StandardOpenOption.WRITE)
                || options.contains(StandardOpenOption.APPEND) || options.contains(StandardOpenOption.DELETE_ON_CLOSE));
    }

    /** The bytes an opening gives back by truncating the file, to be released once it opened. */
    private static long truncated(Target target, Set<? extends OpenOption> options) {
        boolean truncates = options.contains(StandardOpenOption.WRITE)
                && options.contains(StandardOpenOption.TRUNCATE_EXISTING)
                && !options.contains(StandardOpenOption.APPEND);
        return truncates && target.onDisk() ? regularSize(target.host(), !options.contains(LinkOption.NOFOLLOW_LINKS)) : 0;
    }

    /** The directory's entries and the mount points in it, as guest paths; the guest's filter sees guest paths. */
    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Objects.requireNonNull(filter, "filter");
        GuestPath guest = guest(dir);
        Target target = target(guest, false, true);
        DirectoryStream<Path> host = host(() -> HOST.newDirectoryStream(target.host(), entry -> true));
        return new GuestDirectoryStream(disk, host, guest, mountPoints(target.guestPath()), filter);
    }

    /** Watches a guest directory: the host directory it is, decided as a read of it, with the host's watch service. */
    WatchKey register(GuestPath dir, WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        if (!(watcher instanceof GuestWatchService guestWatcher) || guestWatcher.fileSystem() != fileSystem) {
            throw new ProviderMismatchException("jvisor: a guest's path is watched by a watch service of its own file system");
        }
        Target target = target(dir, false, true);
        return guestWatcher.registered(dir, host(() -> target.host().register(guestWatcher.host(), events, modifiers)));
    }

    /** The names of the mount points directly in a guest directory. */
    private List<String> mountPoints(String dir) {
        List<String> names = new ArrayList<>();
        for (Mount m : disk.mounts()) {
            String at = m.guestPath();
            int slash = at.lastIndexOf('/');
            if (!at.equals("/") && (slash == 0 ? "/" : at.substring(0, slash)).equals(dir)) {
                names.add(at.substring(slash + 1));
            }
        }
        return names;
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Target target = target(dir, true, false);
        changing(target.onDisk() ? DiskQuota.directoryBytes(target.host()) : 0, 0, () -> HOST.createDirectory(target.host(), attrs));
    }

    /**
     * Creates a link whose target is confined to the guest's name space: the target is located as a
     * guest path (a relative one against the link's directory) and the link holds the host path of
     * that location, so the host, following it, stays on the disk. A relative target that only
     * {@linkplain Guards#descends descends}, and that the host resolves against the link's host
     * directory to that same location (it enters no mount), is kept as the guest wrote it, as
     * natively: reading the link gives it back, and a program that records links (a Git repository)
     * records the same. Where it leads is decided at each access through it, as for every link.
     */
    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        GuestPath guestLink = guest(link);
        GuestPath guestTarget = guest(target);
        Target at = target(guestLink, true, false);
        String leadsTo = guestTarget.isAbsolute()
                ? guestTarget.toString()
                : guestLink.toAbsolutePath().resolveSibling(guestTarget).toString();
        Path hostTarget = disk.locate(leadsTo).hostPath();
        Path relative = guestTarget.isAbsolute() ? null : at.host().getFileSystem().getPath(guestTarget.toString());
        Path held = relative != null && Guards.descends(relative) && at.host().resolveSibling(relative).equals(hostTarget)
                ? relative : hostTarget;
        disk.linkCreated(at.mount());
        long grows = at.onDisk()
                ? DiskQuota.linkBytes(at.host(), held.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) : 0;
        changing(grows, 0, () -> HOST.createSymbolicLink(at.host(), held, attrs));
    }

    /**
     * Creates a hard link, which lets the guest change the existing file through a new name: it needs
     * the right to write that file, and stays within one mount (or the disk), as the host stays
     * within one device.
     */
    @Override
    public void createLink(Path link, Path existing) throws IOException {
        Target at = target(link, true, false);
        Target file = target(existing, true, true);
        if (!at.mount().equals(file.mount())) {
            throw new FileSystemException(at.guestPath(), file.guestPath(), CROSS_DEVICE);
        }
        changing(at.onDisk() ? DiskQuota.nameBytes(at.host()) : 0, 0, () -> HOST.createLink(at.host(), file.host()));
    }

    /** The link's target as a guest path; a host target off the disk and its mounts as the link holds it. */
    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        Target at = target(link, false, false);
        Path target = host(() -> HOST.readSymbolicLink(at.host()));
        String guest = target.isAbsolute() ? disk.toGuest(target) : null;
        return fileSystem.getPath(guest == null ? target.toString() : guest);
    }

    /** Deletes a file, giving its bytes back to the quota if it was the last name of a file on the disk. */
    @Override
    public void delete(Path path) throws IOException {
        Target target = target(path, true, false);
        requireNoMountPoint(target);
        changing(0, target.onDisk() ? freedByUnlink(target.host()) : 0, () -> HOST.delete(target.host()));
    }

    /** Copies a file; a copy onto the disk reserves its size (less what it replaces) before the host copies anything. */
    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        boolean follow = follows(options);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        Target from = target(source, false, follow);
        Target to = target(target, true, false);
        if (replace) {
            requireNoMountPoint(to);
        }
        if (sameFile(from.host(), follow, to.host())) {
            return;
        }
        long grows = to.onDisk() ? heldBytes(from.host(), follow, to.host()) : 0;
        long frees = to.onDisk() && replace ? freedByUnlink(to.host()) : 0;
        changing(grows, frees, () -> HOST.copy(from.host(), to.host(), options));
    }

    /** Moves a file or tree; one that moves onto the disk reserves its size first, one that leaves it gives it back. */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        // an atomic move is the host's rename, which replaces what the new name named
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING)
                || Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE);
        Target from = target(source, true, false);
        Target to = target(target, true, false);
        requireNoMountPoint(from);
        if (replace) {
            requireNoMountPoint(to);
        }
        if (sameFile(from.host(), false, to.host())) {
            return;
        }
        long moved = from.onDisk() == to.onDisk() ? 0 : host(() -> DiskQuota.treeBytes(from.host(), Set.of()));
        // a move within the disk changes a name alone
        boolean renamed = from.onDisk() && to.onDisk() && heldBytes(from.host(), false, from.host()) > 0;
        long grows = (to.onDisk() ? moved : 0) + (renamed ? DiskQuota.nameBytes(to.host()) : 0);
        long frees = (from.onDisk() ? moved : 0) + (renamed ? DiskQuota.nameBytes(from.host()) : 0)
                + (to.onDisk() && replace ? freedByUnlink(to.host()) : 0);
        changing(grows, frees, () -> HOST.move(from.host(), to.host(), options));
    }

    /**
     * Runs a host operation that adds {@code grows} bytes to the disk and frees {@code frees}: the
     * difference is reserved before it runs, or given back once it ran.
     */
    private void changing(long grows, long frees, HostAction action) throws IOException {
        long reserved = Math.max(0, grows - frees);
        disk.quota().reserve(reserved);
        try {
            run(action);
        } catch (IOException | RuntimeException e) {
            disk.quota().release(reserved);
            throw e;
        }
        disk.quota().release(Math.max(0, frees - grows));
    }

    /** Whether two guest paths are one file; a path of another file system never is. */
    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        GuestPath first = guest(path);
        if (first.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof GuestPath second) || second.getFileSystem() != fileSystem) {
            return false;
        }
        Target a = target(first, false, true);
        Target b = target(second, false, true);
        return host(() -> HOST.isSameFile(a.host(), b.host()));
    }

    /** Whether the guest's name of the file starts with a dot, as on Unix. */
    @Override
    public boolean isHidden(Path path) throws IOException {
        GuestPath guest = guest(path);
        disk.access(guest.toAbsolutePath().toString(), false);
        GuestPath name = guest.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        Target target = target(path, false, true);
        return host(() -> HOST.getFileStore(target.host()));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Target target = target(path, Arrays.asList(modes).contains(AccessMode.WRITE), true);
        run(() -> HOST.checkAccess(target.host(), modes));
    }

    /**
     * A view that locates the path, and asks the policy, on every call (a view is lazy, and may
     * outlive a change of the file): methods that set or write attributes as writes.
     */
    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        GuestPath guest = guest(path);
        if (type == java.nio.file.attribute.UserDefinedFileAttributeView.class && !disk.quota().keepsUserAttributes()) {
            return null;
        }
        V located = HOST.getFileAttributeView(disk.locate(guest.toAbsolutePath().toString()).hostPath(), type, options);
        if (located == null) {
            return null;
        }
        boolean follow = follows(options);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, type.getSimpleName() + " of " + guest);
            }
            if (method.getName().equals("name") && method.getParameterCount() == 0) {
                return located.name();
            }
            Target target = target(guest, changes(method), follow);
            V view = HOST.getFileAttributeView(target.host(), type, options);
            try {
                return method.invoke(view, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof IOException io ? disk.guestException(io) : e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(GuestFileSystemProvider.class.getClassLoader(),
                new Class<?>[] {type}, handler));
    }

    private static boolean changes(Method method) {
        String name = method.getName();
        return name.startsWith("set") || name.equals("write") || name.equals("delete");
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String description) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> description;
        };
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        Target target = target(path, false, follows(options));
        return host(() -> HOST.readAttributes(target.host(), type, options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        requireKeptView(attributes);
        Target target = target(path, false, follows(options));
        return host(() -> HOST.readAttributes(target.host(), attributes, options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        requireKeptView(attribute);
        Target target = target(path, true, follows(options));
        run(() -> HOST.setAttribute(target.host(), attribute, value, options));
    }

    /** Refuses the user-defined attributes a disk with a quota does not keep, as the JDK refuses a view it lacks. */
    private void requireKeptView(String attributes) {
        if (attributes.startsWith(USER_VIEW + ":") && !disk.quota().keepsUserAttributes()) {
            throw new UnsupportedOperationException("View '" + USER_VIEW + "' not available");
        }
    }

    /** The name of the view of user-defined attributes. */
    static final String USER_VIEW = "user";
}
