package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual disk under {@code jvisor run}: a guest's files land in its disk directory, it sees
 * guest paths only, and nothing outside the disk changes.
 */
class DiskIT {

    @TempDir
    Path dir;

    private Path disk() {
        return dir.resolve("disk");
    }

    @Test
    void aGuestWritesAndReadsItsFilesOnItsDiskAndSeesOnlyGuestPaths() throws IOException {
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), Fixtures.helloJar().toString(),
                "--write=notes/a.txt=hello", "--read=notes/a.txt", "--where", "--tree=/notes");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "wrote /notes/a.txt (5 bytes)", "/notes/a.txt: hello",
                        "user.dir=/ user.home=/home/guest java.io.tmpdir=/tmp . is /", "/notes/", "/notes/a.txt"), r.outLines()),
                () -> assertEquals("hello", Files.readString(disk().resolve("notes/a.txt"))),
                () -> assertFalse(r.stdout().contains(dir.toString()), "the guest saw a host path"));
    }

    @Test
    void userDirNamesTheGuestsWorkingDirectoryAsForJava() throws IOException {
        Files.createDirectories(disk().resolve("work"));
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), "-Duser.dir=/work/", Fixtures.helloJar().toString(),
                "--write=notes/a.txt=hello", "--read=notes/a.txt", "--where");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "wrote /work/notes/a.txt (5 bytes)", "/work/notes/a.txt: hello",
                        "user.dir=/work user.home=/home/guest java.io.tmpdir=/tmp . is /work"), r.outLines()),
                () -> assertEquals("hello", Files.readString(disk().resolve("work/notes/a.txt"))));
    }

    /** Draws text on an image and says how wide it was and whether a pixel was lit. */
    private static final String DRAW = String.join("\n",
            "import java.awt.*;",
            "import java.awt.image.BufferedImage;",
            "public class Draw {",
            "  public static void main(String[] args) {",
            "    BufferedImage image = new BufferedImage(200, 50, BufferedImage.TYPE_INT_RGB);",
            "    Graphics2D g = image.createGraphics();",
            "    g.setColor(Color.WHITE);",
            "    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));",
            "    g.drawString(\"jvisor\", 10, 30);",
            "    int lit = 0;",
            "    for (int x = 0; x < 200; x++) for (int y = 0; y < 50; y++) if ((image.getRGB(x, y) & 0xffffff) != 0) lit++;",
            "    System.out.println(\"width \" + g.getFontMetrics().stringWidth(\"jvisor\") + \", lit \" + (lit > 0));",
            "  }",
            "}",
            "");

    /**
     * The JDK's font manager, one for the JVM, opens the system's font files on the thread that
     * first draws text: a guest's here, the first in its JVM, whose disk showed none ("No physical
     * fonts found", for the host too from then on).
     */
    @Test
    void aGuestDrawsTextWithTheSystemsFontsAsNatively() throws IOException {
        Path classes = io.jvisor.sandbox.GuestSources.compile(dir.resolve("draw"), java.util.Map.of("Draw", DRAW));
        Result natively = Launch.java(dir, "-Djava.awt.headless=true", "-cp", classes.toString(), "Draw");
        org.junit.jupiter.api.Assumptions.assumeTrue(natively.status() == 0, () -> "this machine draws no text: " + natively);
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), "-Djava.awt.headless=true", "--main", "Draw",
                classes.toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(natively.outLines(), r.outLines()),
                () -> assertTrue(r.outLines().get(0).endsWith(", lit true")));
    }

    @Test
    void dotDotAndAbsolutePathsStayInsideTheDisk() throws IOException {
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), Fixtures.helloJar().toString(),
                "--write=../../../../outside.txt=x", "--write=/../etc/escaped=y", "--write=" + dir.resolve("host.txt") + "=z");

        assertEquals(0, r.status(), r::toString);
        assertEquals(List.of("outside.txt", "etc/escaped", dir.resolve("host.txt").toString().substring(1)).stream().sorted()
                .collect(Collectors.toList()), Fixtures.regularFiles(disk()));
        assertEquals(List.of("disk"), listNames(dir), "nothing was written beside the disk");
    }

    private static List<String> listNames(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("home")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void pathsAndStreamsMadeByReflectionAreOnTheDiskToo() throws IOException {
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), Fixtures.misbehavingJar().toString(), "reflective-file");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.stdout().contains("wrote /reflected.txt and /constructed.txt")),
                () -> assertEquals(List.of("constructed.txt", "reflected.txt"), Fixtures.regularFiles(disk())));
    }

    @Test
    void anAllowedProcessRunsInItsDirectoryOnTheDiskAndRedirectsToTheDisk() throws IOException {
        Files.createDirectories(disk().resolve("work"));
        Path policy = Files.writeString(dir.resolve("pwd.policy"), "preset constrained\nallow process pwd\n");
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--policy", policy.toString(),
                Fixtures.misbehavingJar().toString(), "process-pwd");

        String work = disk().resolve("work").toRealPath().toString();
        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.stdout().contains("pwd ended with 0 and wrote " + work), "the process ran on the disk"),
                () -> assertEquals(work, Files.readString(disk().resolve("work/pwd.txt")).trim()));
    }

    @Test
    void fileUrlsNameFilesOnTheDisk() throws IOException {
        Files.createDirectories(disk());
        Files.writeString(disk().resolve("note.txt"), "on the disk");
        Path hostFile = Files.writeString(dir.resolve("host.txt"), "on the host");
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), Fixtures.helloJar().toString(),
                "--url=file:/note.txt", "--url=" + hostFile.toUri());

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertTrue(r.stdout().contains("file:/note.txt: on the disk")),
                () -> assertFalse(r.stdout().contains("on the host")),
                () -> assertTrue(r.stderr().contains("java.io.FileNotFoundException"), "the host's file is not on the disk"));
    }

    @Test
    void withoutDiskTheDiskIsUnderTheHomeDirectory() throws IOException {
        Result r = Launch.jvisor(dir, "run", "--name", "hello", Fixtures.helloJar().toString(), "--write=x.txt=1");

        assertEquals(0, r.status(), r::toString);
        assertEquals("1", Files.readString(dir.resolve("home/.jvisor/disks/hello/x.txt")));
    }

    /** A quota for ten bytes in two files of one letter's name: what a file holds and its name count. */
    private static final long TEN_BYTES_AND_TWO_NAMES = 10 + 2 * (io.jvisor.sandbox.device.disk.DiskQuota.NAME_BYTES + 1);

    @Test
    void aWritePastTheQuotaFailsAsOnAFullDiskAndKeepsWhatWasWritten() throws IOException {
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--disk-quota", String.valueOf(TEN_BYTES_AND_TWO_NAMES),
                Fixtures.helloJar().toString(), "--write=a=12345", "--write=b=123456789");

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertTrue(r.stderr().contains("java.io.IOException: No space left on device"), r.stderr()),
                () -> assertEquals("12345", Files.readString(disk().resolve("a"))),
                () -> assertEquals("", Files.readString(disk().resolve("b"))));
    }

    @Test
    void aWriteThroughARandomAccessFilesChannelCountsAgainstTheQuotaToo() throws IOException {
        Result r = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--disk-quota", String.valueOf(TEN_BYTES_AND_TWO_NAMES),
                Fixtures.helloJar().toString(), "--channel-write=a=12345", "--channel-write=b=123456789");

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertTrue(r.stdout().contains("wrote a through a RandomAccessFile's channel (5 bytes)"), r.stdout()),
                () -> assertTrue(r.stderr().contains("java.io.IOException: No space left on device"), r.stderr()),
                () -> assertEquals("12345", Files.readString(disk().resolve("a"))),
                () -> assertEquals("", Files.readString(disk().resolve("b"))));
    }

    @Test
    void aMountedDirectoryIsReadOnlyUnlessSaidOtherwise() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("in.txt"), "from the host");
        Result read = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--mount", data + ":/data",
                Fixtures.helloJar().toString(), "--read=/data/in.txt", "--write=/data/out.txt=no");
        Result write = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--mount", data + ":/data:rw",
                Fixtures.helloJar().toString(), "--write=/data/out.txt=yes");

        assertAll(read + "\n" + write,
                () -> assertEquals(1, read.status()),
                () -> assertTrue(read.stdout().contains("/data/in.txt: from the host")),
                () -> assertTrue(read.stderr().contains("java.io.FileNotFoundException: /data/out.txt (Read-only file system"), read.stderr()),
                () -> assertEquals(0, write.status()),
                () -> assertEquals("yes", Files.readString(data.resolve("out.txt"))));
    }

    @Test
    void underTheUntrustedPresetFilesAreRefusedWithTheJdksExceptionsNamingTheRule() {
        Result read = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--preset", "untrusted", "--name", "hello",
                Fixtures.helloJar().toString(), "--read=/a");
        Result write = Launch.jvisor(dir, "run", "--disk", disk().toString(), "--preset", "untrusted", "--name", "hello",
                Fixtures.helloJar().toString(), "--write=a=1");

        assertAll(read + "\n" + write,
                () -> assertEquals(1, read.status()),
                () -> assertTrue(read.stderr().contains("java.nio.file.AccessDeniedException: /a: jvisor: guest 'hello' may not "
                        + "read it: denied by policy rule 'deny file-read' (preset untrusted:"), read.stderr()),
                () -> assertEquals(1, write.status()),
                () -> assertTrue(write.stderr().contains("java.lang.SecurityException: /: jvisor: guest 'hello' may not "
                        + "write it: denied by policy rule 'deny file-write' (preset untrusted:"), write.stderr()));
    }

    @Test
    void h2RunScriptWritesItsDatabaseOnTheDiskWithTheSameOutputAsNatively() throws IOException {
        Path h2 = Launch.property("guest.h2");
        String script = "CREATE TABLE notes(id INT PRIMARY KEY, text VARCHAR(100));\n"
                + "INSERT INTO notes VALUES (1, 'one'), (2, 'two');\n"
                + "SELECT id, text FROM notes ORDER BY id;\n";
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Files.writeString(nativeDir.resolve("init.sql"), script);
        Files.createDirectories(disk());
        Files.writeString(disk().resolve("init.sql"), script);
        List<String> args = List.of("org.h2.tools.RunScript", "-url", "jdbc:h2:./db/notes", "-script", "init.sql", "-showResults");

        Result nativeRun = Launch.java(nativeDir, Stream.concat(Stream.of("-cp", h2.toString()), args.stream()).toArray(String[]::new));
        Result guest = Launch.jvisor(dir, Stream.concat(Stream.of("run", "--disk", disk().toString(), "--main", args.get(0),
                h2.toString()), args.stream().skip(1)).toArray(String[]::new));

        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertEquals(nativeRun.status(), guest.status()),
                () -> assertEquals(nativeRun.stdout(), guest.stdout()),
                () -> assertTrue(nativeRun.stdout().contains("two"), "the native run printed the query's result"),
                () -> assertEquals(List.of("db/notes.mv.db"), Fixtures.regularFiles(nativeDir.resolve("db"))
                        .stream().map(f -> "db/" + f).collect(Collectors.toList())),
                () -> assertEquals(List.of("db/notes.mv.db", "init.sql"), Fixtures.regularFiles(disk())),
                () -> assertEquals(List.of("disk", "native"), listNames(dir), "nothing was written beside the disk"));
    }
}
