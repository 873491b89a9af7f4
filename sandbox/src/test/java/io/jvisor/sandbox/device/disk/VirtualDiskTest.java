package io.jvisor.sandbox.device.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.disk.VirtualDisk.Location;
import io.jvisor.sandbox.device.disk.VirtualDisk.Mount;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a guest's paths map onto the host and back. */
class VirtualDiskTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path data;
    private Path sub;
    private Path ro;
    private VirtualDisk disk;

    @BeforeEach
    void open() throws IOException {
        root = tmp.resolve("disk");
        data = Files.createDirectories(tmp.resolve("data"));
        sub = Files.createDirectories(tmp.resolve("elsewhere"));
        ro = Files.createDirectories(tmp.resolve("ro"));
        disk = VirtualDisk.open(root, List.of(
                new Mount("/data", data, true),
                new Mount("/data/sub/", sub, true),
                new Mount("/opt/ro", ro, false)), Long.MAX_VALUE, (path, write) -> { });
    }

    @Test
    void createsTheDiskWithHomeAndTmp() {
        assertEquals(root.toAbsolutePath(), disk.root());
        assertTrue(Files.isDirectory(root.resolve("home/guest")));
        assertTrue(Files.isDirectory(root.resolve("tmp")));
    }

    @Test
    void pathsAreAbsoluteAgainstTheWorkingDirectory() {
        assertEquals("/", disk.absolute(""));
        assertEquals("/", disk.absolute("."));
        assertEquals("/a/b", disk.absolute("a/b"));
        assertEquals("/a/b", disk.absolute("/a//./b/"));
        assertEquals("/b", disk.absolute("a/../b"));
        assertEquals("/a/.b/...", disk.absolute("/a/.b/..."), "names that only start with dots are names");
        assertEquals("/a", disk.absolute("/a/b/.."));
        assertEquals("/a", disk.absolute("/a/."));
    }

    @Test
    void pathsAreAbsoluteAgainstTheWorkingDirectoryTheGuestNames() throws IOException {
        VirtualDisk inProject = VirtualDisk.open(root, List.of(), Long.MAX_VALUE, "proj/../work/", (path, write) -> { });
        assertEquals("/work", inProject.workingDirectory());
        assertEquals("/work/target/a", inProject.absolute("target/a"));
        assertEquals("/etc", inProject.absolute("../../../etc"));
        assertEquals("/tmp/a", inProject.absolute("/tmp/a"));
        assertEquals(root.resolve("work/pom.xml"), inProject.locate("pom.xml").hostPath());
        assertEquals("/work/x", inProject.fileSystem().getPath("x").toAbsolutePath().toString());
    }

    @Test
    void holdsAHostPathByTextAsByPath() {
        Path realRoot = disk.root();
        Path realData = disk.mounts().stream().filter(m -> m.guestPath().equals("/data")).findFirst().orElseThrow().hostPath();
        Path realRo = disk.mounts().stream().filter(m -> m.guestPath().equals("/opt/ro")).findFirst().orElseThrow().hostPath();
        List<String> paths = List.of(realRoot.toString(), realRoot + "/tmp/a", realRoot + "x/a", realData + "/f",
                realData + "/../disk/tmp/a", realData + "/./f", realData + "//f", realRo + "/f", realRo.toString(),
                realRo + "/../ro/f", realRo + "/../data/f", tmp + "/f", "/", "/etc/passwd", realRoot + "/../../etc");
        for (String path : paths) {
            for (boolean write : new boolean[] {false, true}) {
                assertEquals(disk.holds(Path.of(path), write), disk.holds(path, write), path + (write ? " for writing" : ""));
            }
        }
        assertTrue(disk.holds(realRoot + "/tmp/a", true));
        assertFalse(disk.holds(realRoot + "x/a", false), "a sibling whose name starts with the disk's");
        assertFalse(disk.holds(realRo + "/f", true), "a read-only mount");
        assertFalse(disk.holds(realData + "/../../etc/passwd", false));
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        assertEquals("/etc/passwd", disk.absolute("/../../../etc/passwd"));
        assertEquals("/etc", disk.absolute("../../etc"));
        assertEquals(root.resolve("etc/passwd"), disk.locate("../../../etc/passwd").hostPath());
        assertEquals(root, disk.locate("/..").hostPath());
    }

    @Test
    void locatesOnTheDisk() {
        Location at = disk.locate("home/guest/notes.txt");
        assertEquals("/home/guest/notes.txt", at.guestPath());
        assertEquals(root.resolve("home/guest/notes.txt"), at.hostPath());
        assertTrue(at.onDisk());
    }

    @Test
    void theLongestMountWins() {
        assertEquals(List.of("/data/sub", "/opt/ro", "/data", "/"),
                disk.mounts().stream().map(Mount::guestPath).toList());
        assertEquals(sub.resolve("f"), disk.locate("/data/sub/f").hostPath());
        assertEquals(sub, disk.locate("/data/sub").hostPath());
        assertEquals(data.resolve("x"), disk.locate("/data/x").hostPath());
        assertEquals(data.resolve("subway"), disk.locate("/data/subway").hostPath());
        assertEquals(root.resolve("database"), disk.locate("/database").hostPath());
        assertEquals(data, disk.locate("/data/sub/..").hostPath());
        assertTrue(!disk.locate("/data/x").onDisk());
    }

    @Test
    void aReadOnlyMountRefusesWrites() throws IOException {
        assertEquals(ro.resolve("lib.jar"), disk.access("/opt/ro/lib.jar", false).hostPath());
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> disk.access("/opt/ro/lib.jar", true));
        assertEquals("/opt/ro/lib.jar", e.getFile());
        assertEquals(root.resolve("opt/x"), disk.access("/opt/x", true).hostPath());
    }

    @Test
    void theGateDecides() throws IOException {
        VirtualDisk gated = VirtualDisk.open(root, List.of(), Long.MAX_VALUE, (path, write) -> {
            if (write && path.startsWith("/etc")) {
                throw new AccessDeniedException(path, null, "denied by policy");
            }
        });
        assertEquals(root.resolve("etc/hosts"), gated.access("/etc/hosts", false).hostPath());
        assertEquals("/etc/hosts", assertThrows(AccessDeniedException.class,
                () -> gated.access("/tmp/../etc/hosts", true)).getFile());
    }

    @Test
    void hostPathsMapBack() {
        assertEquals("/", disk.toGuest(root));
        assertEquals("/a/b", disk.toGuest(root.resolve("a/b")));
        assertEquals("/data", disk.toGuest(data));
        assertEquals("/data/x", disk.toGuest(data.resolve("x")));
        assertEquals("/data/sub/y", disk.toGuest(sub.resolve("y")));
        assertEquals("/a", disk.toGuest(root.resolve("b/../a")));
        assertNull(disk.toGuest(tmp.resolve("outside")));
        assertNull(disk.toGuest(tmp));
    }

    @Test
    void textShowsGuestPaths() {
        assertEquals("/home/guest/x: gone", disk.guestText(root.resolve("home/guest/x") + ": gone"));
        assertEquals("/data/sub/f and /data/g", disk.guestText(sub.resolve("f") + " and " + data.resolve("g")));
        assertEquals("/", disk.guestText(root.toString()));
        assertNull(disk.guestText(null));
    }

    @Test
    void exceptionsKeepTheirType() {
        IOException e = disk.guestException(new NoSuchFileException(root.resolve("a").toString()));
        assertInstanceOf(NoSuchFileException.class, e);
        assertEquals("/a", ((NoSuchFileException) e).getFile());
        IOException plain = new IOException("no host path");
        assertEquals(plain, disk.guestException(plain));
    }

    @Test
    void mountsAreTakenAtTheirRealPaths() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-data"), data);
        VirtualDisk linked = VirtualDisk.open(root, List.of(new Mount("/data", link, true)), Long.MAX_VALUE,
                (path, write) -> { });
        assertEquals(data.toRealPath().resolve("x"), linked.locate("/data/x").hostPath());
        assertEquals("/data/x", linked.toGuest(data.toRealPath().resolve("x")));
    }

    @Test
    void aDiskWithoutQuotaMetersNothingUntilAQuotaIsSetWhichCountsItsFiles() throws IOException {
        VirtualDisk unlimited = VirtualDisk.open(root, List.of(), Long.MAX_VALUE, (path, write) -> { });
        assertTrue(unlimited.quota().unlimited());
        try (java.io.FileOutputStream out = FileStreams.openOutput(unlimited, "/a", false)) {
            out.write(new byte[30]);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(root.resolve("b"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[12]));
        }
        long held = 42 + name("a") + name("b");
        assertEquals(held, unlimited.quota().used(), "counted from the files, written through jvisor or not");

        long limit = held + name("c") + 8;
        unlimited.quota().setLimit(limit);
        assertFalse(unlimited.quota().unlimited());
        assertEquals(held, unlimited.quota().used());
        try (java.io.FileOutputStream out = FileStreams.openOutput(unlimited, "/c", false)) {
            out.write(new byte[8]);
            assertEquals(DiskQuota.DISK_FULL, assertThrows(IOException.class, () -> out.write(new byte[1])).getMessage());
        }
        assertEquals(limit, unlimited.quota().used());
        assertEquals(8, Files.size(root.resolve("c")));
    }

    @Test
    void quotaCountsWhatIsOnTheDisk() throws IOException {
        Files.write(root.resolve("tmp/ten"), new byte[10]);
        VirtualDisk counted = VirtualDisk.open(root, List.of(), 100 + name("ten"), (path, write) -> { });
        assertEquals(10 + name("ten"), counted.quota().used(), "its bytes and its name");
        counted.quota().reserve(90);
        assertEquals(DiskQuota.DISK_FULL, assertThrows(IOException.class, () -> counted.quota().reserve(1)).getMessage());
        counted.quota().release(50);
        assertEquals(50 + name("ten"), counted.quota().used());
    }

    /** What a file's name takes on a disk with a quota. */
    private static long name(String name) {
        return DiskQuota.NAME_BYTES + name.length();
    }

    @Test
    void quotaCountsDirectoriesAndLinksAndKeepsNoUserAttributes() throws IOException {
        VirtualDisk limited = VirtualDisk.open(root, List.of(), Long.MAX_VALUE, (path, write) -> { });
        long before = limited.quota().used();
        limited.quota().setLimit(before + 3 * DiskQuota.DIRECTORY_BYTES);
        java.nio.file.FileSystem guest = limited.fileSystem();
        Files.createDirectory(guest.getPath("/d"));
        long directory = DiskQuota.DIRECTORY_BYTES + DiskQuota.NAME_BYTES + "d".length();
        assertEquals(before + directory, limited.quota().used());
        Files.createSymbolicLink(guest.getPath("/d/link"), guest.getPath("/tmp"));
        long link = limited.quota().used() - before - directory;
        assertTrue(link > DiskQuota.NAME_BYTES + "link".length(), "the link's name and target: " + link);
        assertEquals(DiskQuota.DISK_FULL, assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                Files.createDirectory(guest.getPath("/d/" + i));
            }
        }).getMessage());
        assertTrue(Files.exists(guest.getPath("/d/0")) && !Files.exists(guest.getPath("/d/1")), "one more fits");
        for (String name : List.of("/d/0", "/d/link", "/d")) {
            Files.delete(guest.getPath(name));
        }
        assertEquals(before, limited.quota().used(), "all given back");
        assertEquals(before, VirtualDisk.open(root, List.of(), Long.MAX_VALUE, (path, write) -> { }).quota().used(),
                "as a count of the disk finds");
        assertNull(Files.getFileAttributeView(guest.getPath("/tmp"), java.nio.file.attribute.UserDefinedFileAttributeView.class));
        assertThrows(UnsupportedOperationException.class, () -> Files.setAttribute(guest.getPath("/tmp"), "user:x", new byte[1]));
        assertFalse(guest.supportedFileAttributeViews().contains("user"));
    }
}
