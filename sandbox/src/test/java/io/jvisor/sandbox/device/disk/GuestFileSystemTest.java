package io.jvisor.sandbox.device.disk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.disk.VirtualDisk.Mount;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guest's own file system: what a guest does with {@code java.nio.file} lands on its disk, and only there. */
class GuestFileSystemTest {

    private static final VirtualDisk.Gate ALLOW = (path, write) -> { };

    @TempDir
    Path tmp;

    private Path root;
    private Path data;
    private Path ro;
    private VirtualDisk disk;
    private FileSystem fs;

    @BeforeEach
    void open() throws IOException {
        root = tmp.resolve("disk");
        data = Files.createDirectories(tmp.resolve("data"));
        ro = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(ro.resolve("lib.txt"), "library");
        disk = VirtualDisk.open(root, List.of(new Mount("/data", data, true), new Mount("/opt/ro", ro, false)),
                Long.MAX_VALUE, ALLOW);
        fs = disk.fileSystem();
    }

    /** Opens the disk again, as a new guest would find it. */
    private void reopen() throws IOException {
        open();
    }

    private Path path(String first, String... more) {
        return fs.getPath(first, more);
    }

    private void assertGuestPaths(List<Path> paths) {
        assertFalse(paths.isEmpty());
        for (Path p : paths) {
            assertSame(fs, p.getFileSystem(), p::toString);
            assertFalse(p.toString().contains(tmp.toString()), p::toString);
        }
    }

    @Nested
    class Files_ {

        @Test
        void writesLandUnderTheHostRoot() throws IOException {
            Files.writeString(path("/home/guest/hello.txt"), "hello");
            assertEquals("hello", Files.readString(root.resolve("home/guest/hello.txt")));
            assertEquals("hello", Files.readString(path("home/guest/../guest/hello.txt")));
            assertTrue(Files.exists(path("/home/guest/hello.txt")));
            assertEquals(5, Files.size(path("/home/guest/hello.txt")));
        }

        @Test
        void dotDotStaysOnTheDisk() throws IOException {
            Files.writeString(path("/../../../escape.txt"), "x");
            assertTrue(Files.exists(root.resolve("escape.txt")));
            assertFalse(Files.exists(tmp.resolve("escape.txt")));
        }

        @Test
        void mountsAreWhereTheGuestPutThem() throws IOException {
            Files.writeString(path("/data/out.txt"), "out");
            assertEquals("out", Files.readString(data.resolve("out.txt")));
            assertEquals("library", Files.readString(path("/opt/ro/lib.txt")));
        }

        @Test
        void aReadOnlyMountRefusesWrites() {
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> Files.writeString(path("/opt/ro/lib.txt"), "changed"));
            assertEquals("/opt/ro/lib.txt", e.getFile());
            assertThrows(AccessDeniedException.class, () -> Files.delete(path("/opt/ro/lib.txt")));
            assertFalse(Files.isWritable(path("/opt/ro/lib.txt")));
            assertTrue(Files.isReadable(path("/opt/ro/lib.txt")));
        }

        @Test
        void exceptionsShowGuestPaths() {
            NoSuchFileException e = assertThrows(NoSuchFileException.class,
                    () -> Files.readString(path("/home/guest/missing.txt")));
            assertEquals("/home/guest/missing.txt", e.getFile());
            assertFalse(e.getMessage().contains(tmp.toString()), e.getMessage());
            NoSuchFileException d = assertThrows(NoSuchFileException.class, () -> Files.delete(path("/data/none")));
            assertEquals("/data/none", d.getFile());
        }

        @Test
        void listWalkAndDirectoryStreamsGiveGuestPaths() throws IOException {
            Files.createDirectories(path("/srv/a/b"));
            Files.writeString(path("/srv/a/b/c.txt"), "c");
            Files.writeString(path("/srv/d.txt"), "d");
            try (Stream<Path> list = Files.list(path("/srv"))) {
                List<Path> entries = list.sorted().collect(Collectors.toList());
                assertGuestPaths(entries);
                assertEquals(List.of(path("/srv/a"), path("/srv/d.txt")), entries);
            }
            try (Stream<Path> walk = Files.walk(path("/srv"))) {
                List<Path> entries = walk.sorted().collect(Collectors.toList());
                assertGuestPaths(entries);
                assertEquals(List.of(path("/srv"), path("/srv/a"), path("/srv/a/b"), path("/srv/a/b/c.txt"),
                        path("/srv/d.txt")), entries);
            }
            List<Path> seen = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path("srv"), entry -> {
                seen.add(entry);
                return entry.getFileName().toString().endsWith(".txt");
            })) {
                List<Path> entries = new ArrayList<>();
                dir.forEach(entries::add);
                assertEquals(List.of(path("srv/d.txt")), entries);
            }
            assertGuestPaths(seen);
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path("/srv"), "*.txt")) {
                assertEquals(path("/srv/d.txt"), dir.iterator().next());
            }
        }

        @Test
        void theRootListsItsMountPoints() throws IOException {
            try (Stream<Path> list = Files.list(path("/"))) {
                Set<String> names = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
                assertEquals(Set.of("home", "tmp", "data"), names);
            }
            Files.createDirectories(path("/opt"));
            try (Stream<Path> list = Files.list(path("/opt"))) {
                assertEquals(List.of(path("/opt/ro")), list.collect(Collectors.toList()));
            }
            Files.createDirectories(path("/data/sub"));
            try (Stream<Path> list = Files.list(path("/"))) {
                assertEquals(1, list.filter(p -> p.equals(path("/data"))).count());
            }
        }

        @Test
        void theRealPathIsAGuestPath() throws IOException {
            Files.createDirectories(path("/home/guest/dir"));
            assertEquals(path("/home/guest/dir"), path("home/guest/./dir").toRealPath());
            assertEquals(path("/"), path("/").toRealPath());
            assertEquals(path("/data"), path("/data/").toRealPath());
            assertEquals("/home/guest", path("home/guest").toAbsolutePath().toString());
            assertEquals(NoSuchFileException.class,
                    assertThrows(IOException.class, () -> path("/nothing").toRealPath()).getClass());
        }

        @Test
        void copyAndMove() throws IOException {
            Files.writeString(path("/a.txt"), "a");
            Files.copy(path("/a.txt"), path("/data/b.txt"));
            assertEquals("a", Files.readString(data.resolve("b.txt")));
            Files.move(path("/data/b.txt"), path("/tmp/c.txt"));
            assertEquals("a", Files.readString(root.resolve("tmp/c.txt")));
            assertFalse(Files.exists(data.resolve("b.txt")));
            assertThrows(FileAlreadyExistsException.class, () -> Files.copy(path("/a.txt"), path("/tmp/c.txt")));
            assertThrows(AccessDeniedException.class, () -> Files.copy(path("/a.txt"), path("/opt/ro/a.txt")));
        }

        @Test
        void mountPointsCannotBeRemoved() {
            FileSystemException e = assertThrows(FileSystemException.class, () -> Files.delete(path("/data")));
            assertEquals("/data", e.getFile());
            assertTrue(Files.isDirectory(data));
            assertThrows(FileSystemException.class, () -> Files.move(path("/data"), path("/moved")));
            assertThrows(FileSystemException.class, () -> Files.delete(path("/")));
        }

        @Test
        void channelsAndStreams() throws IOException {
            try (FileChannel channel = FileChannel.open(path("/tmp/ch"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                channel.write(ByteBuffer.wrap("channel".getBytes(UTF_8)));
                assertEquals(7, channel.size());
                try (FileLock lock = channel.lock()) {
                    assertSame(channel, lock.channel());
                }
            }
            assertEquals("channel", Files.readString(root.resolve("tmp/ch")));
            try (SeekableByteChannel channel = Files.newByteChannel(path("/tmp/ch"))) {
                ByteBuffer buffer = ByteBuffer.allocate(16);
                channel.position(3).read(buffer);
                assertEquals("nnel", new String(buffer.array(), 0, buffer.position(), UTF_8));
            }
            try (OutputStream out = Files.newOutputStream(path("/tmp/ch"), StandardOpenOption.APPEND)) {
                out.write("!".getBytes(UTF_8));
            }
            try (InputStream in = Files.newInputStream(path("/tmp/ch"))) {
                assertEquals("channel!", new String(in.readAllBytes(), UTF_8));
            }
            Path temp = Files.createTempFile(path("/tmp"), "guest", ".tmp");
            assertTrue(temp.startsWith(path("/tmp")), temp::toString);
            assertTrue(Files.exists(root.resolve("tmp").resolve(temp.getFileName().toString())));
        }

        @Test
        void attributes() throws IOException {
            Path file = Files.writeString(path("/tmp/attr"), "x");
            FileTime time = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(file, time);
            assertEquals(time, Files.getLastModifiedTime(root.resolve("tmp/attr")));
            BasicFileAttributeView view = Files.getFileAttributeView(file, BasicFileAttributeView.class);
            assertEquals("basic", view.name());
            assertEquals(1, view.readAttributes().size());
            assertEquals(1L, Files.getAttribute(file, "size"));
            assertTrue((Boolean) Files.readAttributes(file, "isRegularFile").get("isRegularFile"));
            BasicFileAttributeView readOnly = Files.getFileAttributeView(path("/opt/ro/lib.txt"),
                    BasicFileAttributeView.class);
            assertEquals(7, readOnly.readAttributes().size());
            assertThrows(AccessDeniedException.class, () -> readOnly.setTimes(time, null, null));
            assertTrue(Files.isHidden(path("/tmp/.hidden")));
            assertFalse(Files.isHidden(path("/tmp/shown")));
            assertTrue(Files.isSameFile(path("/tmp/attr"), path("/tmp/../tmp/attr")));
            assertNotNull(Files.getFileStore(file));
        }
    }

    @Nested
    class Links {

        @Test
        void anAbsoluteTargetPointsInsideTheDisk() throws IOException {
            Path link = Files.createSymbolicLink(path("/home/guest/passwd"), path("/etc/passwd"));
            Path hostTarget = Files.readSymbolicLink(root.resolve("home/guest/passwd"));
            assertTrue(hostTarget.startsWith(root), hostTarget::toString);
            assertEquals(root.resolve("etc/passwd"), hostTarget);
            assertEquals(path("/etc/passwd"), Files.readSymbolicLink(link));
            Files.createDirectories(path("/etc"));
            Files.writeString(path("/etc/passwd"), "guest:x:1000");
            assertEquals("guest:x:1000", Files.readString(link));
            assertEquals(path("/etc/passwd"), link.toRealPath());
        }

        @Test
        void aRelativeTargetCannotClimbOut() throws IOException {
            Path link = Files.createSymbolicLink(path("/home/guest/etc"), path("../../../etc"));
            Path hostTarget = Files.readSymbolicLink(root.resolve("home/guest/etc"));
            assertTrue(hostTarget.startsWith(root), hostTarget::toString);
            assertEquals(root.resolve("etc"), hostTarget);
            assertEquals(path("/etc"), Files.readSymbolicLink(link));
        }

        @Test
        void aRelativeTargetBelowTheLinkStaysRelativeAsNatively() throws IOException {
            Files.writeString(path("/home/guest/hello.txt"), "hello");
            Path sibling = Files.createSymbolicLink(path("/home/guest/sibling"), path("hello.txt"));
            Path up = Files.createSymbolicLink(path("/tmp/up"), path("../home/guest/hello.txt"));
            assertEquals(Path.of("hello.txt"), Files.readSymbolicLink(root.resolve("home/guest/sibling")));
            assertEquals(root.resolve("home/guest/hello.txt"), Files.readSymbolicLink(root.resolve("tmp/up")),
                    "a target that climbs holds its host path");
            assertEquals(path("hello.txt"), Files.readSymbolicLink(sibling), "the guest reads back what it wrote");
            assertEquals("hello", Files.readString(sibling));
            assertEquals("hello", Files.readString(up));
        }

        @Test
        void aRelativeTargetInAnotherMountHoldsItsHostPath() throws IOException {
            Path link = Files.createSymbolicLink(path("/home/guest/library"), path("../../opt/ro/lib.txt"));
            assertEquals(ro.resolve("lib.txt"), Files.readSymbolicLink(root.resolve("home/guest/library")),
                    "the host would find the disk's /opt/ro, not the mount, by the relative path");
            assertEquals(path("/opt/ro/lib.txt"), Files.readSymbolicLink(link));
            assertEquals("library", Files.readString(link));
        }

        @Test
        void aHostLinkThatLeadsOutIsRefused() throws IOException {
            Path secret = Files.writeString(tmp.resolve("secret.txt"), "host secret");
            Files.createSymbolicLink(root.resolve("tmp/out"), secret);
            Files.createSymbolicLink(root.resolve("tmp/outdir"), tmp);
            reopen(); // the host placed the links before the guest started
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> Files.readString(path("/tmp/out")));
            assertEquals("/tmp/out", e.getFile());
            assertEquals(GuestFileSystemProvider.OUTSIDE, e.getReason());
            assertThrows(AccessDeniedException.class, () -> Files.writeString(path("/tmp/out"), "overwritten"));
            assertThrows(AccessDeniedException.class, () -> Files.readString(path("/tmp/outdir/secret.txt")));
            assertThrows(AccessDeniedException.class, () -> Files.list(path("/tmp/outdir")));
            assertThrows(AccessDeniedException.class, () -> path("/tmp/out").toRealPath());
            assertEquals("host secret", Files.readString(secret));
            assertEquals(secret.toString(), Files.readSymbolicLink(path("/tmp/out")).toString());
            assertTrue(Files.isSymbolicLink(path("/tmp/out")));
            Files.delete(path("/tmp/out"));
            assertTrue(Files.exists(secret));
        }

        @Test
        void aLinkIntoAReadOnlyMountDoesNotMakeItWritable() throws IOException {
            Path link = Files.createSymbolicLink(path("/home/guest/lib"), path("/opt/ro/lib.txt"));
            assertEquals("library", Files.readString(link));
            assertThrows(AccessDeniedException.class, () -> Files.writeString(link, "changed"));
            Files.createSymbolicLink(path("/home/guest/rodir"), path("/opt/ro"));
            assertThrows(AccessDeniedException.class, () -> Files.writeString(path("/home/guest/rodir/new.txt"), "x"));
            assertThrows(FileSystemException.class, () -> Files.createLink(path("/home/guest/hard"), path("/opt/ro/lib.txt")));
            assertEquals("library", Files.readString(ro.resolve("lib.txt")));
            assertFalse(Files.exists(ro.resolve("new.txt")));
        }

        @Test
        void aLinkMadeAfterAnAccessCountsForTheNextAccessOfThatPath() throws IOException {
            assertTrue(disk.reachFollowing("/home/guest/later/new.txt", true).onDisk(), "writable on the disk before the link");
            Files.createSymbolicLink(path("/home/guest/later"), path("/opt/ro"));
            assertThrows(AccessDeniedException.class, () -> disk.reachFollowing("/home/guest/later/new.txt", true),
                    "the location found before the link is not used again");
        }

        @Test
        void aFileTheDiskAllowedIsDecidedForThatAccessOnly() throws IOException {
            java.io.File read = disk.reachFollowing("/home/guest/a.txt", false).hostFile();
            java.io.File written = disk.reachFollowing("/home/guest/a.txt", true).hostFile();
            assertTrue(read instanceof DecidedFile && ((DecidedFile) read).allows(false));
            assertFalse(((DecidedFile) read).allows(true), "allowed to read, not to write");
            assertTrue(((DecidedFile) written).allows(true));
            assertFalse(disk.locate("/home/guest/a.txt").hostFile() instanceof DecidedFile, "located, not allowed");
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(written);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                Object copy = in.readObject();
                assertEquals(java.io.File.class, copy.getClass(), "a copy is a plain file, which the guards decide");
                assertEquals(written, copy);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void aLinkLoopFails() throws IOException {
            Files.createSymbolicLink(path("/tmp/a"), path("/tmp/b"));
            Files.createSymbolicLink(path("/tmp/b"), path("/tmp/a"));
            FileSystemException e = assertThrows(FileSystemException.class, () -> Files.readString(path("/tmp/a")));
            assertEquals("/tmp/a", e.getFile());
        }

        @Test
        void hardLinksStayOnTheDisk() throws IOException {
            Files.writeString(path("/tmp/orig"), "same");
            Files.createLink(path("/home/guest/hard"), path("/tmp/orig"));
            assertEquals("same", Files.readString(root.resolve("home/guest/hard")));
            assertTrue(Files.isSameFile(path("/home/guest/hard"), path("/tmp/orig")));
        }
    }

    @Nested
    class Policy {

        @Test
        void aDenyingGateRefuses() throws IOException {
            VirtualDisk gated = VirtualDisk.open(root, List.of(), Long.MAX_VALUE, (path, write) -> {
                if (path.startsWith("/secret")) {
                    throw new AccessDeniedException(path, null, "denied by policy");
                }
            });
            Files.createDirectories(root.resolve("secret"));
            Files.writeString(root.resolve("secret/key"), "k");
            FileSystem guarded = gated.fileSystem();
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> Files.readString(guarded.getPath("/secret/key")));
            assertEquals("/secret/key", e.getFile());
            assertThrows(AccessDeniedException.class, () -> Files.writeString(guarded.getPath("/secret/new"), "n"));
            assertThrows(AccessDeniedException.class, () -> Files.list(guarded.getPath("/secret")));
            assertFalse(Files.exists(guarded.getPath("/secret/key")));
            Path link = Files.createSymbolicLink(guarded.getPath("/tmp/key"), guarded.getPath("/secret/key"));
            assertThrows(AccessDeniedException.class, () -> Files.readString(link));
            assertEquals("k", Files.readString(root.resolve("secret/key")));
        }
    }

    @Nested
    class Quota {

        private FileSystem limited;
        private DiskQuota quota;

        /** 100 bytes of content, and the names of two files of up to six letters. */
        private static final long LIMIT = 100 + 2 * name("second");

        @BeforeEach
        void limit() throws IOException {
            VirtualDisk small = VirtualDisk.open(root, List.of(new Mount("/data", data, true)), LIMIT, ALLOW);
            limited = small.fileSystem();
            quota = small.quota();
        }

        /** What a file's name takes. */
        private static long name(String name) {
            return DiskQuota.NAME_BYTES + name.length();
        }

        private Path at(String path) {
            return limited.getPath(path);
        }

        @Test
        void aWritePastTheQuotaFailsWhole() throws IOException {
            Files.writeString(at("/tmp/first"), "x".repeat(40));
            assertEquals(40 + name("first"), quota.used());
            IOException e = assertThrows(IOException.class, () -> Files.writeString(at("/tmp/second"), "y".repeat(150)));
            assertEquals(DiskQuota.DISK_FULL, e.getMessage());
            assertEquals("x".repeat(40), Files.readString(at("/tmp/first")));
            assertEquals(0, Files.size(root.resolve("tmp/second")), "made, then not written");
            assertEquals(40 + name("first") + name("second"), quota.used());
        }

        @Test
        void deletingGivesRoomBack() throws IOException {
            Files.writeString(at("/tmp/a"), "a".repeat(80));
            assertThrows(IOException.class, () -> Files.writeString(at("/tmp/b"), "b".repeat(50)));
            Files.delete(at("/tmp/a"));
            assertEquals(name("b"), quota.used());
            Files.writeString(at("/tmp/b"), "b".repeat(50));
            assertEquals(50 + name("b"), quota.used());
        }

        @Test
        void overwritingCountsTheNewSizeOnly() throws IOException {
            for (int i = 0; i < 5; i++) {
                Files.writeString(at("/tmp/a"), "a".repeat(90));
            }
            assertEquals(90 + name("a"), quota.used());
            try (FileChannel channel = FileChannel.open(at("/tmp/a"), StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[10]), 85);
                assertEquals(95 + name("a"), quota.used());
                assertThrows(IOException.class, () -> channel.write(ByteBuffer.wrap(new byte[100]), 95));
                channel.truncate(20);
            }
            assertEquals(20 + name("a"), quota.used());
            assertEquals(20, Files.size(root.resolve("tmp/a")));
        }

        @Test
        void mountsAreNotCounted() throws IOException {
            Files.writeString(at("/data/big"), "d".repeat(500));
            assertEquals(0, quota.used());
            assertThrows(IOException.class, () -> Files.copy(at("/data/big"), at("/tmp/big")));
            assertFalse(Files.exists(root.resolve("tmp/big")));
            assertThrows(IOException.class, () -> Files.move(at("/data/big"), at("/tmp/big")));
            assertTrue(Files.exists(data.resolve("big")));
            Files.writeString(at("/tmp/small"), "s".repeat(60));
            Files.move(at("/tmp/small"), at("/data/small"));
            assertEquals(0, quota.used());
            Files.copy(at("/data/small"), at("/tmp/copy"));
            assertEquals(60 + name("copy"), quota.used());
            Files.copy(at("/data/small"), at("/tmp/copy"), StandardCopyOption.REPLACE_EXISTING);
            assertEquals(60 + name("copy"), quota.used());
        }

        @Test
        void streamsAndTransfersKeepTheQuota() throws IOException {
            try (OutputStream out = Files.newOutputStream(at("/tmp/s"))) {
                out.write(new byte[60]);
                assertThrows(IOException.class, () -> out.write(new byte[(int) LIMIT]));
                out.write(new byte[40]);
            }
            assertEquals(100 + name("s"), quota.used());
            Files.delete(at("/tmp/s"));
            try (FileChannel channel = FileChannel.open(at("/tmp/t"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                InputStream source = new java.io.ByteArrayInputStream(new byte[30]);
                assertEquals(30, channel.transferFrom(Channels.newChannel(source), 0, Long.MAX_VALUE));
            }
            assertEquals(30 + name("t"), quota.used());
            Files.delete(at("/tmp/t"));
            try (OutputStream out = Files.newOutputStream(at("/tmp/del"), StandardOpenOption.CREATE,
                    StandardOpenOption.DELETE_ON_CLOSE)) {
                out.write(new byte[70]);
                assertEquals(70, quota.used(), "unlinked at once, its name is gone");
            }
            assertEquals(0, quota.used());
        }

        @Test
        void asynchronousWritesKeepTheQuota() throws Exception {
            try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(at("/tmp/async"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                assertEquals(50, channel.write(ByteBuffer.wrap(new byte[50]), 0).get());
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> channel.write(ByteBuffer.wrap(new byte[(int) LIMIT]), 50).get());
                assertEquals(DiskQuota.DISK_FULL, e.getCause().getMessage());
            }
            assertEquals(50 + name("async"), quota.used());
            assertEquals(50, Files.size(root.resolve("tmp/async")));
        }
    }

    @Nested
    class Paths {

        @Test
        void lexicalOperations() {
            Path p = path("/home/guest/a.txt");
            assertTrue(p.isAbsolute());
            assertEquals(path("/"), p.getRoot());
            assertEquals(path("a.txt"), p.getFileName());
            assertEquals(path("/home/guest"), p.getParent());
            assertEquals(3, p.getNameCount());
            assertEquals(path("guest"), p.getName(1));
            assertEquals(path("guest/a.txt"), p.subpath(1, 3));
            assertTrue(p.startsWith(path("/home")));
            assertTrue(p.startsWith("/home/guest"));
            assertTrue(p.endsWith(path("guest/a.txt")));
            assertTrue(p.endsWith("a.txt"));
            assertEquals(path("/home/b"), path("/home/guest/../b").normalize());
            assertEquals(path("/home/guest/x/y"), path("/home/guest").resolve(path("x")).resolve("y"));
            assertEquals(path("/home/guest/b.txt"), p.resolveSibling("b.txt"));
            assertEquals(path("../b"), path("/home/a").relativize(path("/home/b")));
            assertTrue(path("/a").compareTo(path("/b")) < 0);
            assertEquals(List.of(path("home"), path("guest"), path("a.txt")), toList(p));
            assertEquals(path("/x").hashCode(), path("/x").hashCode());
            assertEquals(new File("/home/guest/a.txt"), p.toFile());
        }

        @Test
        void otherPathsDoNotMix() {
            Path host = Path.of("/tmp");
            assertThrows(ProviderMismatchException.class, () -> path("/a").resolve(host));
            assertThrows(ProviderMismatchException.class, () -> path("/a").relativize(host));
            assertThrows(ProviderMismatchException.class, () -> path("/a").compareTo(host));
            assertFalse(path("/tmp").equals(host));
            assertFalse(path("/tmp").startsWith(host));
            assertFalse(path("/tmp").endsWith(host));
            assertThrows(ProviderMismatchException.class, () -> fs.provider().delete(host));
        }

        @Test
        void aWatchServiceWatchesTheHostDirectoryOfAGuestDirectoryAndNamesGuestPaths() throws Exception {
            Path dir = Files.createDirectories(path("/data/watched"));
            try (java.nio.file.WatchService watcher = fs.newWatchService();
                 java.nio.file.WatchService hosts = FileSystems.getDefault().newWatchService()) {
                java.nio.file.WatchKey registered = dir.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
                assertThrows(ProviderMismatchException.class, () -> dir.register(hosts, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE));
                // whole when it appears: the event comes at the file's creation, before a write into it
                Files.move(Files.writeString(data.resolve("made.txt"), "made on the host"), data.resolve("watched/made.txt"),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);

                java.nio.file.WatchKey key = watcher.poll(30, java.util.concurrent.TimeUnit.SECONDS);
                assertSame(registered, key);
                assertSame(dir, key.watchable());
                java.nio.file.WatchEvent<?> event = key.pollEvents().get(0);
                assertEquals(java.nio.file.StandardWatchEventKinds.ENTRY_CREATE, event.kind());
                assertEquals(path("made.txt"), event.context());
                assertEquals("made on the host", Files.readString(dir.resolve((Path) event.context())));
                assertTrue(key.reset());
                key.cancel();
                assertFalse(key.isValid());
            }
        }

        @Test
        void urisAreGuestUris() throws IOException {
            assertEquals(URI.create("file:///home/guest/"), path("home/guest").toUri());
            assertEquals(URI.create("file:///home/guest/a%20b.txt"), path("/home/guest/a b.txt").toUri());
            assertEquals(path("/home/guest/a b.txt"), fs.provider().getPath(URI.create("file:///home/guest/a%20b.txt")));
            assertSame(fs, fs.provider().getFileSystem(URI.create("file:///")));
            assertThrows(IllegalArgumentException.class, () -> fs.provider().getPath(URI.create("http://host/x")));
            assertThrows(java.nio.file.FileSystemAlreadyExistsException.class,
                    () -> fs.provider().newFileSystem(URI.create("file:///"), java.util.Map.of()));
        }

        @Test
        void theFileSystem() {
            assertEquals("/", fs.getSeparator());
            assertEquals(List.of(path("/")), toList(fs.getRootDirectories()));
            assertTrue(fs.isOpen());
            assertFalse(fs.isReadOnly());
            assertTrue(fs.supportedFileAttributeViews().contains("basic"));
            assertTrue(fs.getFileStores().iterator().hasNext());
            assertEquals("file", fs.provider().getScheme());
            assertThrows(UnsupportedOperationException.class, fs::close);
            PathMatcher matcher = fs.getPathMatcher("glob:/home/**.txt");
            assertTrue(matcher.matches(path("/home/guest/a.txt")));
            assertFalse(matcher.matches(path("/tmp/a.txt")));
            assertFalse(matcher.matches(Path.of("/home/guest/a.txt")));
            assertNotNull(fs.getUserPrincipalLookupService());
            assertInstanceOf(GuestPath.class, fs.getPath("a", "b"));
            assertArrayEquals(new String[] {"a", "b"}, toList(fs.getPath("a", "b")).stream().map(Path::toString).toArray());
        }

        private List<Path> toList(Iterable<Path> paths) {
            List<Path> list = new ArrayList<>();
            paths.forEach(list::add);
            return list;
        }
    }
}
