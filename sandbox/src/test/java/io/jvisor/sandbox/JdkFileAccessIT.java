package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the JDK opens for a guest through an API that no trap replaces at the guest's call
 * ({@code javax.imageio}'s {@code FileImageInputStream(File)}, which opens a
 * {@code RandomAccessFile} inside the JDK) is decided as the guest's own open is: a
 * {@code java.io.File} of the guest's own class, which may name one file when it is decided and
 * another when the JDK opens it, is asked what it names once; and a guest that works on the host's
 * files ({@code disk host}) meets its file rules there too. A real path the JDK resolves for a
 * guest (the zip file system's, javac's) is resolved on its disk.
 */
class JdkFileAccessIT {

    private static final String NL = System.lineSeparator();

    /**
     * {@code plain PATH} reads PATH's first line through the image stream; {@code shifting FIRST
     * THEN} does so through a File that names FIRST at its first {@code getPath()} and THEN after.
     */
    private static final String READER = String.join("\n",
            "public class ImageRead {",
            "  public static void main(String[] args) throws Exception {",
            "    java.io.File file = !args[0].equals(\"shifting\") ? new java.io.File(args[1]) : new java.io.File(args[1]) {",
            "      private int asked;",
            "      @Override public String getPath() { return asked++ == 0 ? args[1] : args[2]; }",
            "    };",
            "    try (javax.imageio.stream.FileImageInputStream in = new javax.imageio.stream.FileImageInputStream(file)) {",
            "      System.out.println(\"read: \" + in.readLine());",
            "    } catch (java.io.IOException | SecurityException e) {",
            "      System.out.println(\"refused: \" + e.getMessage());",
            "    }",
            "  }",
            "}",
            "");

    /** Writes a jar on its disk and reads it through the zip file system, which resolves the jar's real path as it opens and closes. */
    private static final String ZIP = String.join("\n",
            "import java.nio.file.*;",
            "public class ZipOnDisk {",
            "  public static void main(String[] args) throws Exception {",
            "    Files.createDirectories(Path.of(\"/lib\"));",
            "    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(new java.io.FileOutputStream(\"/lib/a.jar\"))) {",
            "      out.putNextEntry(new java.util.zip.ZipEntry(\"greeting.txt\"));",
            "      out.write(\"from a jar on the disk\".getBytes(java.nio.charset.StandardCharsets.UTF_8));",
            "    }",
            "    try (FileSystem zip = FileSystems.newFileSystem(java.net.URI.create(\"jar:file:/lib/a.jar\"), java.util.Map.of())) {",
            "      System.out.println(Files.readString(zip.getPath(\"greeting.txt\")) + \" in \" + zip.getPath(\"/\").toUri());",
            "    }",
            "    System.out.println(\"closed\");",
            "  }",
            "}",
            "");

    /**
     * Writes 4,000 bytes to a file of each name through the JDK's own opening of it: a
     * {@code Formatter} of a file name, a logging {@code FileHandler}, ImageIO's
     * {@code FileImageOutputStream}, and {@code RandomAccessFile.writeBytes(String)}, final, of a
     * file its trap opened; says what each ended with (and what calling the guards' entry point that
     * gives back room did).
     */
    private static final String FILLER = String.join("\n",
            "import java.nio.file.*;",
            "public class Filler {",
            "  static final String TEXT = \"x\".repeat(4000);",
            "  public static void main(String[] args) throws Exception {",
            "    try {",
            "      Class.forName(\"io.jvisor.hooks.Guards\").getMethod(\"fileWriteFailed\", Object.class, long.class).invoke(null, TEXT, 1L);",
            "      System.out.println(\"the guards' entry point gave back room\");",
            "    } catch (ReflectiveOperationException e) {",
            "      System.out.println(\"guards \" + e.getClass().getName());",
            "    }",
            "    java.util.Formatter formatter = new java.util.Formatter(\"/formatter.txt\");",
            "    formatter.format(\"%s\", TEXT).flush();",
            "    formatter.close();",
            "    System.out.println(\"formatter \" + formatter.ioException() + \" \" + Files.size(Path.of(\"/formatter.txt\")));",
            "    java.util.logging.FileHandler handler = new java.util.logging.FileHandler(\"/handler.log\");",
            "    handler.setErrorManager(new java.util.logging.ErrorManager() {",
            "      @Override public void error(String msg, Exception e, int code) { System.out.println(\"handler \" + e); }",
            "    });",
            "    handler.setFormatter(new java.util.logging.SimpleFormatter() {",
            "      @Override public String format(java.util.logging.LogRecord r) { return r.getMessage(); }",
            "    });",
            "    handler.publish(new java.util.logging.LogRecord(java.util.logging.Level.INFO, TEXT));",
            "    handler.close();",
            "    System.out.println(\"handler \" + Files.size(Path.of(\"/handler.log\")));",
            "    try (javax.imageio.stream.FileImageOutputStream image = new javax.imageio.stream.FileImageOutputStream(new java.io.File(\"/image.bin\"))) {",
            "      image.write(TEXT.getBytes());",
            "    } catch (java.io.IOException e) {",
            "      System.out.println(\"image \" + e);",
            "    }",
            "    System.out.println(\"image \" + Files.size(Path.of(\"/image.bin\")));",
            "    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(\"/random.txt\", \"rw\")) {",
            "      file.writeBytes(TEXT);",
            "    } catch (java.io.IOException e) {",
            "      System.out.println(\"random \" + e);",
            "    }",
            "    System.out.println(\"random \" + Files.size(Path.of(\"/random.txt\")));",
            "  }",
            "}",
            "");

    /**
     * Writes 4,000 bytes through a stream made of the descriptor of a file whose writes count
     * against the quota: of a file stream and of a random access file its trap opened, and through
     * such a stream's channel; then rewrites 900 bytes in place ten times through a stream of a random access
     * file's descriptor, which grows nothing. Says what each ended with.
     */
    private static final String SHARER = String.join("\n",
            "import java.io.*;",
            "import java.nio.file.*;",
            "public class Sharer {",
            "  static final byte[] TEXT = \"x\".repeat(4000).getBytes();",
            "  interface Write { void to(String name) throws IOException; }",
            "  static void tried(String what, Write write) throws IOException {",
            "    String name = \"/\" + what + \".bin\";",
            "    try {",
            "      write.to(name);",
            "      System.out.println(what + \" wrote\");",
            "    } catch (IOException e) {",
            "      System.out.println(what + \" \" + e);",
            "    }",
            "    System.out.println(what + \" \" + Files.size(Path.of(name)));",
            "    Files.delete(Path.of(name));",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    tried(\"stream\", name -> new FileOutputStream(new FileOutputStream(name).getFD()).write(TEXT));",
            "    tried(\"random\", name -> new FileOutputStream(new RandomAccessFile(name, \"rw\").getFD()).write(TEXT));",
            "    tried(\"channel\", name -> new FileOutputStream(new RandomAccessFile(name, \"rw\").getFD()).getChannel()",
            "        .write(java.nio.ByteBuffer.wrap(TEXT)));",
            "    RandomAccessFile file = new RandomAccessFile(\"/place.bin\", \"rw\");",
            "    FileOutputStream again = new FileOutputStream(file.getFD());",
            "    for (int i = 0; i < 10; i++) {",
            "      file.seek(0);",
            "      again.write(TEXT, 0, 900);",
            "    }",
            "    System.out.println(\"in place \" + file.length());",
            "  }",
            "}",
            "");

    @TempDir
    static Path sources;

    private static Path classes;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTheGuest() throws Exception {
        classes = GuestSources.compile(sources, Map.of("ImageRead", READER, "ZipOnDisk", ZIP, "Filler", FILLER, "Sharer", SHARER));
    }

    private static String run(GuestSpec.Builder spec) throws Exception {
        return run(spec, "ImageRead");
    }

    private static String run(GuestSpec.Builder spec, String mainClass) throws Exception {
        Guest g = Hypervisor.get().start(spec.classPath(classes).mainClass(mainClass).console(Console.Mode.CAPTURE).build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut();
    }

    @Test
    void aFileThatNamesAnotherWhenOpenedIsAskedOnce() throws Exception {
        Path disk = dir.resolve("disk");
        Path onDisk = Files.writeString(Files.createDirectories(disk.resolve("home/guest")).resolve("ok.txt"), "on the disk\n");
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("host")).resolve("secret.txt"), "the host's secret\n");

        // the host path of a file of its disk, which a guest might guess
        assertEquals("read: on the disk" + NL, run(GuestSpec.builder("shifting").disk(disk)
                .args(List.of("shifting", onDisk.toString(), secret.toString()))));
    }

    @Test
    void aGuestOnTheHostsFilesMeetsItsRulesInTheJdksOpens() throws Exception {
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("host")).resolve("secret.txt"), "the host's secret\n");
        Path open = Files.writeString(dir.resolve("open.txt"), "open to it\n");
        Policy policy = Policy.parse("preset constrained\ndisk host\ndeny file-read " + dir.resolve("host") + "\n", "host.policy");

        assertEquals("refused: " + secret + " (jvisor: guest 'host-files' may not read it: denied by policy rule 'deny file-read "
                + dir.resolve("host") + "' (host.policy:3))" + NL,
                run(GuestSpec.builder("host-files").policy(policy).args(List.of("plain", secret.toString()))));
        assertEquals("read: open to it" + NL, run(GuestSpec.builder("host-files-open").policy(policy)
                .args(List.of("plain", open.toString()))));
    }

    @Test
    void aRealPathTheJdkResolvesForAGuestIsOnItsDisk() throws Exception {
        Path disk = dir.resolve("disk");

        // the zip file system resolves the jar's real path as it opens it and as it closes it
        assertEquals("from a jar on the disk in jar:file:///lib/a.jar!/" + NL + "closed" + NL,
                run(GuestSpec.builder("zip").disk(disk), "ZipOnDisk"));
        assertEquals(List.of("greeting.txt"), entries(disk.resolve("lib/a.jar")));
    }

    @Test
    void whatTheJdkWritesToAFileItOpenedForAGuestCountsAgainstItsDiskQuota() throws Exception {
        Path disk = dir.resolve("disk");
        String full = "java.io.IOException: No space left on device";

        // before, each grew to its 4,000 bytes on a disk of 1,000 (the handler tells its error manager at each write)
        // and a guest may not call the guards' entry point that gives back what a failed write reserved
        assertEquals(List.of("guards java.lang.IllegalAccessException", "formatter " + full + " 0", "handler " + full, "handler 0", "image " + full, "image 0",
                "random " + full, "random 0"), run(GuestSpec.builder("filler").disk(disk)
                .quota(io.jvisor.sandbox.quota.Resource.DISK, io.jvisor.sandbox.quota.Limit.soft(1000)), "Filler").lines().distinct().toList());
    }

    @Test
    void aStreamOfTheDescriptorOfAMeteredFileCountsAgainstTheSameQuota() throws Exception {
        String full = "java.io.IOException: No space left on device";

        // before, each wrote its 4,000 bytes on a disk of 1,000 (audit 16 wrote 64 MB on a disk of 1 MB)
        assertEquals(List.of("stream " + full, "stream 0", "random " + full, "random 0", "channel " + full, "channel 0",
                "in place 900"), run(GuestSpec.builder("sharer").disk(dir.resolve("disk"))
                .quota(io.jvisor.sandbox.quota.Resource.DISK, io.jvisor.sandbox.quota.Limit.soft(1000)), "Sharer").lines().toList());
    }

    private static List<String> entries(Path jar) throws java.io.IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.stream().map(java.util.zip.ZipEntry::getName).collect(java.util.stream.Collectors.toList());
        }
    }
}
