package io.jvisor.sandbox.device.disk;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A guest's disk: a host directory that the guest sees as the root of a file system of its own,
 * with host directories mounted into it. Every guest path is made absolute against the guest's
 * working directory and normalised in the guest's name space first ({@code ..} at the root stays
 * at the root), then mapped onto the host by the longest mount that holds it, so no path leaves
 * the disk and its mounts. Host paths are mapped back for what the guest sees. Thread-safe.
 */
public final class VirtualDisk {

    /** The guest's working directory where it names none ({@code user.dir}). */
    public static final String WORKING_DIRECTORY = "/";
    /** The guest's home directory. */
    public static final String HOME = "/home/guest";
    /** The guest's temporary directory. */
    public static final String TMPDIR = "/tmp";

    /** Why a path that leads off the disk and its mounts is refused. */
    static final String OUTSIDE = "resolves outside the guest's disk";
    private static final String TOO_MANY_LINKS = "Too many levels of symbolic links";
    /** The most links a path may pass through, as Linux allows. */
    private static final int MAX_LINKS = 40;

    /**
     * A host file or directory seen by the guest at a path of its own.
     *
     * @param guestPath absolute, normalised guest path ({@code /} for the disk itself)
     * @param hostPath  absolute host path
     * @param writable  whether the guest may change what is under it
     */
    public record Mount(String guestPath, Path hostPath, boolean writable) {
        public Mount {
            Objects.requireNonNull(hostPath, "hostPath");
            guestPath = normalise(Objects.requireNonNull(guestPath, "guestPath"), "/");
        }
    }

    /** Decides whether a guest may read or write a path: the guest's policy. */
    @FunctionalInterface
    public interface Gate {
        /**
         * Returns if the guest may read (or write) the file, throws the {@code AccessDeniedException}
         * of a refused access naming the rule otherwise.
         *
         * @param guestPath absolute, normalised guest path
         */
        void check(String guestPath, boolean write) throws AccessDeniedException;
    }

    /** The refusal of a write to a read-only mount: what a read-only file system gives. */
    public static final class ReadOnly extends AccessDeniedException {
        private static final long serialVersionUID = 1L;

        ReadOnly(String guestPath) {
            super(guestPath, null, "Read-only file system (mounted read-only by jvisor)");
        }
    }

    /** A guest path located on the host. */
    public static final class Location {
        private final String guestPath;
        private final Mount mount;
        /** The path below the mount's host directory, {@code ""} for the directory itself. */
        private final String rest;
        private Path hostPath;
        /** Whether the guest's policy and the disk allowed an access here: 0 none, 1 to read, 2 to write. */
        private byte allowed;
        private java.io.File hostFile;

        Location(String guestPath, Mount mount, String rest) {
            this.guestPath = guestPath;
            this.mount = mount;
            this.rest = rest;
        }

        /** A location whose host path is known already: one that passes through links into another mount. */
        Location(String guestPath, Mount mount, Path hostPath) {
            this(guestPath, mount, "");
            this.hostPath = hostPath;
        }

        /** The absolute, normalised guest path. */
        public String guestPath() {
            return guestPath;
        }

        /** The mount (or the disk, mounted at {@code /}) that holds it. */
        public Mount mount() {
            return mount;
        }

        /** Where it is on the host. */
        public Path hostPath() {
            Path p = hostPath;
            if (p == null) {
                p = rest.isEmpty() ? mount.hostPath() : mount.hostPath().resolve(rest);
                hostPath = p; // racy but benign: every thread computes the same path
            }
            return p;
        }

        /**
         * {@link #hostPath()} as a {@code java.io} file, made from the path's text without a
         * {@code Path}: a {@code java.io} trap's hot path. For a location the disk allowed an
         * access to, a {@link DecidedFile}, which the JDK's file guards pass without deciding again.
         */
        public java.io.File hostFile() {
            java.io.File f = hostFile;
            if (f == null) {
                boolean whole = hostPath != null || rest.isEmpty();
                String parent = whole ? hostPath().toString() : mount.hostPath().toString();
                String child = whole ? "" : rest;
                f = allowed == 0 ? new java.io.File(parent, child) : new DecidedFile(parent, child, allowed == 2);
                hostFile = f; // racy but benign, as hostPath
            }
            return f;
        }

        Location allowed(boolean write) {
            allowed = write ? (byte) 2 : 1;
            return this;
        }

        /** Whether the location is on the disk itself (where the quota counts). */
        public boolean onDisk() {
            return mount.guestPath().equals("/");
        }

        @Override
        public String toString() {
            return "Location[" + guestPath + " at " + hostPath() + "]";
        }
    }

    private final Path root;
    private final List<Mount> mounts;
    private final Gate gate;
    private final DiskQuota quota;
    private final GuestFileSystem fileSystem;
    /**
     * The mounts (the disk among them) that may hold a link: one was there when the disk opened, or
     * the guest has made one since. A path that lies in another mount passes through no link.
     */
    private final Set<Mount> linked;
    /** How many links the guest made: a location found before one is not kept (see {@link Reached}). */
    private final java.util.concurrent.atomic.AtomicInteger linksCreated = new java.util.concurrent.atomic.AtomicInteger();
    private Reached lastReached;
    /** Where the guest's relative paths start: absolute, normalised. */
    private final String workingDirectory;

    private VirtualDisk(Path root, List<Mount> mounts, String workingDirectory, Gate gate, DiskQuota quota, Set<Mount> linked) {
        this.workingDirectory = workingDirectory;
        this.linked = linked;
        this.root = root;
        this.mounts = mounts;
        this.gate = gate;
        this.quota = quota;
        this.fileSystem = new GuestFileSystem(this);
    }

    /**
     * Opens a disk on a host directory, creating it with the guest's home and temporary directory
     * where missing. The disk and the mounts that exist are taken at their real host paths, so that
     * a host path the host resolved maps back to the guest.
     *
     * @param root       the host directory, not {@code null}
     * @param mounts     host files and directories mounted into the guest, not {@code null}
     * @param quotaBytes the most bytes the files on the disk may hold, or {@code Long.MAX_VALUE}
     * @param gate       the guest's policy for files, not {@code null}
     * @throws IOException if the directory cannot be created or read
     */
    public static VirtualDisk open(Path root, List<Mount> mounts, long quotaBytes, Gate gate) throws IOException {
        return open(root, mounts, quotaBytes, WORKING_DIRECTORY, gate);
    }

    /**
     * {@link #open(Path, List, long, Gate)} for a guest whose relative paths start at
     * {@code workingDirectory}, a guest path (made absolute against the root).
     */
    public static VirtualDisk open(Path root, List<Mount> mounts, long quotaBytes, String workingDirectory, Gate gate)
            throws IOException {
        Files.createDirectories(root);
        Path real = root.toRealPath();
        Files.createDirectories(real.resolve(HOME.substring(1)));
        Files.createDirectories(real.resolve(TMPDIR.substring(1)));
        List<Mount> all = new ArrayList<>();
        for (Mount m : mounts) {
            Path host = m.hostPath().toAbsolutePath().normalize();
            all.add(new Mount(m.guestPath(), Files.exists(host) ? host.toRealPath() : host, m.writable()));
        }
        all.add(new Mount("/", real, true));
        all.sort(Comparator.comparingInt((Mount m) -> m.guestPath().length()).reversed());
        Set<Mount> linked = ConcurrentHashMap.newKeySet();
        for (Mount m : all) {
            if (holdsLink(m.hostPath())) {
                linked.add(m);
            }
        }
        return new VirtualDisk(real, List.copyOf(all), rooted(workingDirectory), Objects.requireNonNull(gate, "gate"),
                new DiskQuota(quotaBytes, () -> usage(real)), linked);
    }

    private static boolean holdsLink(Path host) throws IOException {
        if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isSymbolicLink(host);
        }
        try (Stream<Path> files = Files.walk(host)) {
            return files.anyMatch(Files::isSymbolicLink);
        }
    }

    /** The bytes a disk's files, directories and links take (see {@link DiskQuota}), but for those every disk has. */
    private static long usage(Path root) {
        try {
            return DiskQuota.treeBytes(root, Set.of(root, root.resolve("home"), root.resolve(HOME.substring(1)), root.resolve(TMPDIR.substring(1))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot count the bytes on the disk " + root + ": " + e.getMessage(), e);
        }
    }

    /** The host directory that holds the disk. */
    public Path root() {
        return root;
    }

    /** The mounts, longest guest path first; the disk itself is the last. */
    public List<Mount> mounts() {
        return mounts;
    }

    /** The disk's quota and how much of it is used. */
    public DiskQuota quota() {
        return quota;
    }

    /** The guest's own {@code java.nio.file} file system. */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The guest's working directory, where its relative paths start: absolute, normalised. */
    public String workingDirectory() {
        return workingDirectory;
    }

    /** A guest path made absolute against the working directory and normalised; {@code ""} stays the working directory. */
    public String absolute(String guestPath) {
        return normalise(guestPath, workingDirectory);
    }

    /** A guest path made absolute against the root and normalised. */
    public static String rooted(String guestPath) {
        return normalise(guestPath, "/");
    }

    private static String normalise(String path, String base) {
        String full = path.startsWith("/") ? path : base.equals("/") ? "/" + path : base + "/" + path;
        if (isNormal(full)) {
            return full; // the common case, without a copy
        }
        List<String> names = new ArrayList<>();
        for (String name : full.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else {
                names.add(name);
            }
        }
        return "/" + String.join("/", names);
    }

    /** Whether an absolute path has no empty, "." or ".." name and no trailing slash (but "/" itself). */
    private static boolean isNormal(String path) {
        int length = path.length();
        if (length > 1 && path.charAt(length - 1) == '/') {
            return false;
        }
        int start = 1;
        while (start < length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            int name = end - start;
            if (name == 0 || name == 1 && path.charAt(start) == '.'
                    || name == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** Where a guest path is on the host; no policy decision. */
    public Location locate(String guestPath) {
        String path = absolute(guestPath);
        for (Mount m : mounts) {
            String at = m.guestPath();
            if (at.equals("/") || path.equals(at) || path.startsWith(at) && path.charAt(at.length()) == '/') {
                String rest = at.equals("/") ? path.substring(1) : path.substring(at.length());
                if (rest.startsWith("/")) {
                    rest = rest.substring(1);
                }
                return new Location(path, m, rest);
            }
        }
        throw new IllegalStateException("the disk itself is mounted at /");
    }

    /**
     * The host path for a guest's access to a guest path, after its policy and the mount allowed it.
     *
     * @throws AccessDeniedException if the policy refuses; {@link ReadOnly} if a write goes to a read-only mount
     */
    public Location access(String guestPath, boolean write) throws AccessDeniedException {
        Location at = locate(guestPath);
        gate.check(at.guestPath(), write);
        if (write && !at.mount().writable()) {
            throw new ReadOnly(at.guestPath());
        }
        return at.allowed(write);
    }

    /** Whether a guest path is where a mount (or the disk) is. */
    public boolean isMountPoint(String guestPath) {
        String path = absolute(guestPath);
        for (Mount m : mounts) {
            if (m.guestPath().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** Tells the disk that the guest made a link in a mount: from now on accesses there follow their paths' links. */
    void linkCreated(Mount mount) {
        linked.add(mount);
        linksCreated.incrementAndGet(); // after the mount is marked: a location found since is not kept
    }

    /**
     * The location for a guest's access, after its policy and the mounts allowed it both for the
     * path and for where the path's links lead, as the host would follow them: a path that leads
     * off the disk and its mounts is refused, one that leads into a read-only mount cannot write.
     * The location's mount is the one that holds the file the path leads to.
     *
     * <p>Links the host puts on the disk or in a mount while the guest runs are the host's doing:
     * in a mount where no link was found when the disk opened and the guest made none, no path's
     * links are followed, so an access there costs no more than its own system call.
     *
     * @param follow whether the access follows a link at the path's last name
     * @throws AccessDeniedException if refused
     * @throws IOException           if the links cannot be read, or lead through too many links
     */
    public Location reach(String guestPath, boolean write, boolean follow) throws IOException {
        Reached last = lastReached;
        int linksNow = linksCreated.get();
        if (last != null && last.write == write && last.follow == follow && last.links == linksNow
                && last.guestPath.equals(guestPath)) {
            gate.check(last.at.guestPath(), write);
            return last.at;
        }
        Location at = access(guestPath, write);
        if (!linked.contains(at.mount())) {
            lastReached = new Reached(guestPath, write, follow, linksNow, at);
            return at;
        }
        Path real;
        try {
            real = resolved(at, follow);
        } catch (IOException e) {
            throw guestException(e);
        }
        Mount mount = mountHolding(real);
        if (mount == null) {
            throw new AccessDeniedException(at.guestPath(), null, OUTSIDE);
        }
        String leadsTo = toGuest(real);
        if (!leadsTo.equals(at.guestPath())) {
            access(leadsTo, write);
        }
        return new Location(at.guestPath(), mount, at.hostPath()).allowed(write);
    }

    /**
     * {@link #reach} for a {@code java.io} call, which follows links and reports a path it cannot
     * follow (a link loop) by its own result: such a path is left to the host's call.
     */
    public Location reachFollowing(String guestPath, boolean write) throws AccessDeniedException {
        try {
            return reach(guestPath, write, true);
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            return locate(guestPath).allowed(write); // access() has allowed it: only following its links failed
        }
    }

    /**
     * The last location {@link #reach} gave, for a program's next access to the same file (its
     * {@code exists}, {@code length}, open): in a mount without links a path's location depends on
     * its text alone, so only the policy decides again. A link the guest makes anywhere retires it
     * ({@link #linksCreated}).
     */
    private record Reached(String guestPath, boolean write, boolean follow, int links, Location at) {
    }

    /**
     * The host path a located guest path leads to: its links followed as the host follows them
     * (the last one only if {@code follow}), starting from its mount's host directory, which has
     * none. From a name the host cannot find or pass on, the rest is taken lexically: the host
     * cannot go further either.
     */
    private static Path resolved(Location at, boolean follow) throws IOException {
        Deque<String> names = new ArrayDeque<>();
        Path now = at.mount().hostPath();
        for (Path name : now.relativize(at.hostPath())) {
            if (!name.toString().isEmpty()) {
                names.addLast(name.toString());
            }
        }
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                now = now.getParent() == null ? now : now.getParent();
                continue;
            }
            Path next = now.resolve(name);
            if (names.isEmpty() && !follow) {
                return next;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                for (String rest : names) {
                    next = next.resolve(rest);
                }
                return next.normalize();
            }
            if (!attributes.isSymbolicLink()) {
                now = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new FileSystemException(at.guestPath(), null, TOO_MANY_LINKS);
            }
            Path target = Files.readSymbolicLink(next);
            for (int i = target.getNameCount() - 1; i >= 0; i--) {
                names.addFirst(target.getName(i).toString());
            }
            if (target.isAbsolute()) {
                now = target.getRoot();
            }
        }
        return now;
    }

    /** The mount whose host directory holds a host path most closely, or {@code null} if none does. */
    private Mount mountHolding(Path host) {
        Mount best = null;
        for (Mount m : mounts) {
            if (host.startsWith(m.hostPath())
                    && (best == null || m.hostPath().getNameCount() > best.hostPath().getNameCount())) {
                best = m;
            }
        }
        return best;
    }

    /**
     * Whether an absolute host path lies on the disk or in a mount that allows the access: the
     * path is taken as written, its links not followed.
     */
    public boolean holds(Path hostPath, boolean write) {
        Mount m = mountHolding(hostPath.normalize());
        return m != null && (!write || m.writable());
    }

    /**
     * {@link #holds(Path, boolean)} for the text of an absolute host path: a normal one (as
     * {@code java.io} and jvisor's traps write them) is compared as text, without the
     * {@code Path} the file guards' hot path would otherwise make for every access.
     */
    public boolean holds(String hostPath, boolean write) {
        if (!isNormal(hostPath)) {
            return holds(Path.of(hostPath), write);
        }
        Mount best = null;
        int longest = -1;
        for (Mount m : mounts) {
            String at = m.hostPath().toString(); // a Path keeps its text
            if (at.length() > longest && hostPath.startsWith(at)
                    && (hostPath.length() == at.length() || hostPath.charAt(at.length()) == '/' || at.equals("/"))) {
                best = m;
                longest = at.length();
            }
        }
        return best != null && (!write || best.writable());
    }

    /** Whether a host path lies on the disk itself, where the quota counts, and not in a mount. */
    public boolean onDisk(Path hostPath) {
        Mount m = mountHolding(hostPath.toAbsolutePath().normalize());
        return m != null && m.guestPath().equals("/");
    }

    /** The guest path of a host path, or {@code null} if the path is outside the disk and its mounts. */
    public String toGuest(Path hostPath) {
        Path host = hostPath.toAbsolutePath().normalize();
        Mount best = mountHolding(host);
        if (best == null) {
            return null;
        }
        String rest = best.hostPath().relativize(host).toString();
        if (rest.isEmpty()) {
            return best.guestPath();
        }
        return best.guestPath().equals("/") ? "/" + rest : best.guestPath() + "/" + rest;
    }

    /** A text (an exception's message) with every host path of the disk and its mounts shown as the guest sees it. */
    public String guestText(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Mount m : mounts) {
            String host = m.hostPath().toString();
            if (result.contains(host) && !host.equals(m.guestPath())) {
                String guest = m.guestPath().equals("/") ? "" : m.guestPath();
                result = result.replace(host + "/", guest + "/").replace(host, m.guestPath());
            }
        }
        return result;
    }

    /**
     * The exception a host operation threw, as the guest sees it: the same type, with guest paths
     * in its message.
     */
    public IOException guestException(IOException e) {
        IOException mapped;
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            mapped = fileSystemException(f, guestText(f.getFile()), guestText(f.getOtherFile()), f.getReason());
        } else if (e instanceof FileNotFoundException) {
            mapped = new FileNotFoundException(guestText(e.getMessage()));
        } else {
            String message = guestText(e.getMessage());
            if (Objects.equals(message, e.getMessage())) {
                return e;
            }
            mapped = new IOException(message, e.getCause());
        }
        mapped.setStackTrace(e.getStackTrace());
        return mapped;
    }

    private static FileSystemException fileSystemException(FileSystemException e, String file, String other, String reason) {
        if (e instanceof NoSuchFileException) {
            return new NoSuchFileException(file, other, reason);
        } else if (e instanceof FileAlreadyExistsException) {
            return new FileAlreadyExistsException(file, other, reason);
        } else if (e instanceof AccessDeniedException) {
            return new AccessDeniedException(file, other, reason);
        } else if (e instanceof DirectoryNotEmptyException) {
            return new DirectoryNotEmptyException(file);
        } else if (e instanceof NotDirectoryException) {
            return new NotDirectoryException(file);
        } else if (e instanceof NotLinkException) {
            return new NotLinkException(file, other, reason);
        } else if (e instanceof FileSystemLoopException) {
            return new FileSystemLoopException(file);
        } else if (e instanceof AtomicMoveNotSupportedException) {
            return new AtomicMoveNotSupportedException(file, other, reason);
        }
        return new FileSystemException(file, other, reason);
    }
}
