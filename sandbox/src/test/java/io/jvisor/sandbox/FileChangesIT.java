package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.device.disk.DiskQuota;
import io.jvisor.sandbox.device.disk.VirtualDisk;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code java.io.File} changes on a guest's disk counts against its quota as the same change
 * made through {@code java.nio.file} does: a file deleted gives its bytes and its name back, a
 * directory costs a block and its name, a rename that replaces a file gives that file's bytes back, and a file
 * renamed onto the disk from a writable mount costs its bytes. Before, none of these were counted
 * (2,000 directories took 8 MB of a disk of 100 KB; a file renamed in from a mount was free).
 */
class FileChangesIT {

    private static final long QUOTA = 100_000;

    /** Prints the disk's bytes in use after each change, with what {@code java.io.File} answered. */
    private static final String CHANGER = String.join("\n",
            "import java.io.*;",
            "public class Changer {",
            "  static void used(String what, boolean answer) {",
            "    System.out.println(what + \" \" + answer + \" \" + (" + QUOTA + " - new File(\"/\").getUsableSpace()));",
            "  }",
            "  static void write(String name, int bytes) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(name)) { out.write(new byte[bytes]); }",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    write(\"/a.bin\", 10000);",
            "    used(\"written\", true);",
            "    used(\"delete\", new File(\"/a.bin\").delete());",
            "    used(\"mkdir\", new File(\"/d\").mkdir());",
            "    used(\"mkdirs\", new File(\"/e/f\").mkdirs());",
            "    used(\"mkdirs again\", new File(\"/e/f\").mkdirs());",
            "    used(\"delete directory\", new File(\"/d\").delete());",
            "    write(\"/r.bin\", 5000);",
            "    write(\"/s.bin\", 7000);",
            "    used(\"rename over\", new File(\"/r.bin\").renameTo(new File(\"/s.bin\")));",
            "    used(\"rename into mount\", new File(\"/s.bin\").renameTo(new File(\"/mnt/s.bin\")));",
            "    used(\"rename from mount\", new File(\"/mnt/big.bin\").renameTo(new File(\"/big.bin\")));",
            "    used(\"rename past quota\", new File(\"/mnt/bigger.bin\").renameTo(new File(\"/bigger.bin\")));",
            "    used(\"delete empty name\", new File(\"\").delete());",
            "    int made = 0;",
            "    while (made < 1000 && new File(\"/many\" + made).mkdir()) made++;",
            "    System.out.println(\"directories \" + made);",
            "  }",
            "}",
            "");

    /**
     * Logs 100 records of 1,000 bytes through a {@code FileHandler} that keeps two files of 2,000
     * bytes at most: each rotation deletes and renames them in the JDK's own code. Says what its
     * error manager heard and how many records were written.
     */
    private static final String ROTATOR = String.join("\n",
            "import java.util.logging.*;",
            "public class Rotator {",
            "  public static void main(String[] args) throws Exception {",
            "    FileHandler handler = new FileHandler(\"/log%g.txt\", 2000, 2);",
            "    handler.setFormatter(new Formatter() { public String format(LogRecord r) { return r.getMessage(); } });",
            "    handler.setErrorManager(new ErrorManager() {",
            "      @Override public void error(String msg, Exception e, int code) { System.out.println(\"error \" + e); }",
            "    });",
            "    for (int i = 0; i < 100; i++) {",
            "      handler.publish(new LogRecord(Level.INFO, \"x\".repeat(1000)));",
            "    }",
            "    handler.close();",
            "    System.out.println(\"logged\");",
            "  }",
            "}",
            "");

    /**
     * Makes empty files in each way a program may (the JDK's own {@code PrintWriter} of a name and a
     * hard link among them) until the disk is full, deletes them, and prints how many each made and
     * the bytes in use after.
     */
    private static final String EMPTY = String.join("\n",
            "import java.io.*;",
            "import java.nio.file.*;",
            "public class Empty {",
            "  interface Make { File make(int i) throws Exception; }",
            "  static void fill(String way, Make make) throws Exception {",
            "    java.util.List<File> made = new java.util.ArrayList<>();",
            "    try {",
            "      while (made.size() < 100000) made.add(make.make(made.size()));",
            "    } catch (IOException full) {",
            "      System.out.println(way + \" \" + made.size() + \" \" + full.getMessage().contains(\"No space left on device\")"
                    + " + \" \" + (made.size() > 0 && made.stream().allMatch(File::exists)));",
            "    }",
            "    for (File f : made) Files.delete(f.toPath());",
            "  }",
            "  static File named(String name) { return new File(\"/e/\" + name); }",
            "  public static void main(String[] args) throws Exception {",
            "    new File(\"/e\").mkdir();",
            "    long before = " + QUOTA + " - new File(\"/\").getUsableSpace();",
            "    fill(\"Files.createFile\", i -> Files.createFile(Path.of(\"/e/n\" + i)).toFile());",
            "    fill(\"FileOutputStream\", i -> { new FileOutputStream(named(\"o\" + i)).close(); return named(\"o\" + i); });",
            "    fill(\"RandomAccessFile\", i -> { new RandomAccessFile(named(\"r\" + i), \"rw\").close(); return named(\"r\" + i); });",
            "    fill(\"PrintWriter\", i -> { new PrintWriter(\"/e/p\" + i).close(); return named(\"p\" + i); });",
            "    fill(\"createNewFile\", i -> { named(\"c\" + i).createNewFile(); return named(\"c\" + i); });",
            "    fill(\"File.createTempFile\", i -> File.createTempFile(\"tmp\", null, new File(\"/e\")));",
            "    fill(\"Files.createTempFile\", i -> Files.createTempFile(Path.of(\"/e\"), \"tmp\", null).toFile());",
            "    Files.createFile(Path.of(\"/e/target\"));",
            "    fill(\"Files.createLink\", i -> Files.createLink(Path.of(\"/e/l\" + i), Path.of(\"/e/target\")).toFile());",
            "    Files.delete(Path.of(\"/e/target\"));",
            // the JDK's code makes these by paths of its own making: the lock file of each handler, deleted as it closes
            "    fill(\"FileHandler\", i -> { new java.util.logging.FileHandler(\"/e/h\" + i).close(); return named(\"h\" + i); });",
            "    fill(\"UnixDomainSocket\", i -> {",
            "      try (var s = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {",
            "        s.bind(java.net.UnixDomainSocketAddress.of(\"/e/s\" + i));",
            "      }",
            "      return named(\"s\" + i);",
            "    });",
            // what a refused handler left (its lock file)
            "    try (var left = Files.list(Path.of(\"/e\"))) { for (Path p : left.toList()) Files.delete(p); }",
            "    System.out.println(\"given back \" + (" + QUOTA + " - new File(\"/\").getUsableSpace() == before));",
            "  }",
            "}",
            "");

    @TempDir
    static Path sources;

    private static Path classes;

    @BeforeAll
    static void compileTheGuest() throws Exception {
        classes = GuestSources.compile(sources, Map.of("Changer", CHANGER, "Rotator", ROTATOR, "Empty", EMPTY));
    }

    @Test
    void whatJavaIoChangesOnTheDiskCountsAgainstItsQuota(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("mount"));
        Files.write(mount.resolve("big.bin"), new byte[50_000]);
        Files.write(mount.resolve("bigger.bin"), new byte[60_000]);
        Guest g = run(GuestSpec.builder("changer").mainClass("Changer").disk(dir.resolve("disk"))
                .mount(new VirtualDisk.Mount("/mnt", mount, true)).quota(Resource.DISK, Limit.soft(QUOTA)));

        long d = directory("d");
        long ef = directory("e") + directory("f");
        long many = directory("many0");
        long big = 50_000 + name("big.bin");
        assertEquals(List.of("written true " + (10_000 + name("a.bin")), "delete true 0", "mkdir true " + d, "mkdirs true " + (d + ef),
                "mkdirs again false " + (d + ef), "delete directory true " + ef, "rename over true " + (ef + 5000 + name("s.bin")),
                "rename into mount true " + ef, "rename from mount true " + (ef + big),
                "rename past quota false " + (ef + big), "delete empty name false " + (ef + big),
                // what is left of the 100,000 bytes, at a block and a name of 5 characters (many0 to many9) a directory
                "directories " + ((QUOTA - ef - big) / many)), g.console().capturedOut().lines().toList());
        assertEquals(List.of("bigger.bin", "s.bin"), Files.list(mount).map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void whatTheJdkDeletesAndRenamesForAGuestComesBackToItsQuota(@TempDir Path dir) throws Exception {
        Guest g = run(GuestSpec.builder("rotator").mainClass("Rotator").disk(dir.resolve("disk"))
                .quota(Resource.DISK, Limit.soft(20_000)));

        // before, the rotations' deletes gave nothing back: the disk was full after about ten of them
        assertEquals(List.of("logged"), g.console().capturedOut().lines().distinct().toList());
        assertEquals(List.of("log0.txt", "log1.txt"), Files.list(dir.resolve("disk")).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("log") && n.endsWith(".txt")).sorted().toList());
    }

    @Test
    void anEmptyFileCostsItsNameHoweverItIsMade(@TempDir Path dir) throws Exception {
        Guest g = run(GuestSpec.builder("empty").mainClass("Empty").disk(dir.resolve("disk"))
                .quota(Resource.DISK, Limit.soft(QUOTA)));

        // before, none was counted: 200,000 empty files under a quota of 100 KB, each an inode of the host's
        List<String> lines = g.console().capturedOut().lines().toList();
        long room = (QUOTA - directory("e")) / name("n99");
        for (String way : List.of("Files.createFile", "FileOutputStream", "RandomAccessFile", "PrintWriter", "createNewFile",
                "File.createTempFile", "Files.createTempFile", "Files.createLink", "FileHandler", "UnixDomainSocket")) {
            String[] line = lines.stream().filter(l -> l.startsWith(way + " ")).findFirst().orElse(way + " - - -").split(" ");
            assertAll(way + ": " + lines,
                    () -> assertTrue(Long.parseLong(line[1]) > room / 4 && Long.parseLong(line[1]) <= room + 1,
                            "files made until the quota, at a name each"),
                    () -> assertEquals("true true", line[2] + " " + line[3], "refused as a full disk, each made a file"));
        }
        assertEquals("given back true", lines.get(lines.size() - 1), "the names of the files deleted");
        assertEquals(g.usage(Resource.DISK), VirtualDisk.open(dir.resolve("disk"), List.of(), QUOTA, (path, write) -> { })
                .quota().used(), "as a count of the disk's files finds");
    }

    /** Runs a guest of the compiled classes to its end, which must be status 0. */
    private static Guest run(GuestSpec.Builder spec) throws Exception {
        Guest g = Hypervisor.get().start(spec.classPath(classes).console(Console.Mode.CAPTURE).build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g;
    }

    /** What a directory of this name takes on the disk: a block and its name. */
    private static long directory(String name) {
        return DiskQuota.DIRECTORY_BYTES + name(name);
    }

    /** What a name takes on the disk, a file's besides its bytes. */
    private static long name(String name) {
        return DiskQuota.NAME_BYTES + name.length();
    }
}
