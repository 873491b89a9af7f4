package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.GuestSources;
import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the JDK's own code does for a guest, in a JVM the guest is the first to use: the JDK
 * initialises its JVM-wide defaults on the guest's thread with the JDK's own values (the file name
 * map behind {@code Files.probeContentType}, which the guard of JVM-wide state refused, so that the
 * JDK's initialisation failed for every program of the JVM), and a {@code FileHandler}'s pattern
 * names the guest's own directories ({@code %h}, {@code %t}: the JDK reads the JVM's, a home the
 * guest's disk does not have), and the JDK's tools given relative names find them in the guest's
 * working directory (the JDK made them absolute against the JVM's). The temporary files the JDK
 * makes for a guest (the jar tool's, a remote jar's copy, {@code ImageIO}'s cache) lie in the
 * guest's temporary directory on its disk, not in the JVM's on the host, and a copy the JDK deletes
 * when the JVM exits is the one on the disk.
 */
class JdkForTheGuestIT {

    private static final String GUEST = String.join("\n",
            "import java.nio.file.*;",
            "import java.util.logging.*;",
            "public class JdkWork {",
            "  public static void main(String[] args) throws Exception {",
            "    System.out.println(Files.probeContentType(Path.of(\"page.html\")));",
            "    System.out.println(java.net.URLConnection.guessContentTypeFromName(\"notes.txt\"));",
            "    Logger logger = Logger.getLogger(\"work\");",
            "    for (String pattern : new String[] {\"%h/home%u.log\", \"%t/temporary.log\", \"/logs/%t/%%t.log\"}) {",
            "      FileHandler file = new FileHandler(pattern);",
            "      logger.addHandler(file);",
            "      logger.info(\"to \" + pattern);",
            "      logger.removeHandler(file);",
            "      file.close();",
            "    }",
            "    Files.createDirectories(Path.of(\"src/p\"));",
            "    Files.writeString(Path.of(\"src/p/A.java\"), \"package p; public class A {}\");",
            "    for (String[] tool : new String[][] {{\"javac\", \"-d\", \"out\", \"src/p/A.java\"}, {\"jar\", \"cf\", \"a.jar\", \"-C\", \"out\", \".\"}}) {",
            "      System.out.println(tool[0] + \" \" + java.util.spi.ToolProvider.findFirst(tool[0]).orElseThrow()",
            "          .run(System.out, System.err, java.util.Arrays.copyOfRange(tool, 1, tool.length)));",
            "    }",
            "    byte[] jar = Files.readAllBytes(Path.of(\"a.jar\"));",
            "    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(\"127.0.0.1\", 0), 0);",
            "    server.createContext(\"/a.jar\", x -> { x.sendResponseHeaders(200, jar.length); x.getResponseBody().write(jar); x.close(); });",
            "    server.start();",
            "    java.net.URL entry = new java.net.URL(\"jar:http://127.0.0.1:\" + server.getAddress().getPort() + \"/a.jar!/p/A.class\");",
            "    try (java.io.InputStream in = entry.openStream()) {",
            "      System.out.println(\"remote jar's class file: \" + (in.readAllBytes().length > 0));",
            "    }",
            "    server.stop(0);",
            "    try (javax.imageio.stream.ImageInputStream image = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(new byte[8]))) {",
            "      System.out.println(\"cached by a file: \" + (image instanceof javax.imageio.stream.FileCacheImageInputStream));",
            "    }",
            "  }",
            "}",
            "");

    /** Finds javac by its own look-up of services, then runs JShell in its own JVM (local execution) on a script on its disk. */
    private static final String SHELL = String.join("\n",
            "public class Shell {",
            "  public static void main(String[] args) throws Exception {",
            "    System.out.println(\"javac found: \" + java.util.ServiceLoader.load(javax.tools.JavaCompiler.class).findFirst().isPresent());",
            "    System.out.println(\"jshell ended: \" + jdk.jshell.tool.JavaShellToolBuilder.builder().start(\"--execution\", \"local\", args[0]));",
            "  }",
            "}",
            "");

    private static final String SCRIPT = String.join("\n",
            "int square(int x) { return x * x; }",
            "System.out.println(\"square: \" + square(12));",
            "java.nio.file.Files.writeString(java.nio.file.Path.of(\"snippet.txt\"), \"written by a snippet\");",
            "System.out.println(\"/etc/passwd exists: \" + new java.io.File(\"/etc/passwd\").exists());",
            "System.exit(3);",
            "");

    @TempDir
    Path dir;

    @Test
    void aGuestsOwnServiceLookUpFindsTheJdkToolsAndJShellRunsItsSnippetsInTheGuest() throws IOException {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Shell", SHELL));
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.writeString(disk.resolve("script.jsh"), SCRIPT);
        Result r = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--main", "Shell", classes.toString(), "/script.jsh");

        assertAll(r.toString(),
                () -> assertEquals(3, r.status(), "the snippet's exit, the guest's"),
                () -> assertEquals(List.of("javac found: true", "square: 144", "/etc/passwd exists: false"), r.outLines()),
                () -> assertEquals("written by a snippet", Files.readString(disk.resolve("snippet.txt"))));
    }

    @Test
    void theJdkWorksForTheGuestAsInAJvmOfItsOwn() throws IOException {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("JdkWork", GUEST));
        Path disk = dir.resolve("disk");
        Path hostTemporary = Files.createDirectories(dir.resolve("host-tmp"));
        Result r = Launch.jvisorFrom(Launch.jvisorJar(), List.of("-Djava.io.tmpdir=" + hostTemporary), dir,
                "run", "--disk", disk.toString(), "--main", "JdkWork", classes.toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("text/html", "text/plain", "javac 0", "jar 0", "remote jar's class file: true",
                        "cached by a file: true"), r.outLines()),
                () -> assertEquals(List.of(), Fixtures.names(hostTemporary), "the JVM's temporary directory"),
                () -> assertEquals(List.of("%t.log", "temporary.log"), Fixtures.names(disk.resolve("tmp")),
                        "the guest's, the remote jar's copy deleted as the JVM exited"),
                () -> assertTrue(Files.exists(disk.resolve("out/p/A.class")), "javac's class file, by relative names, on the disk"),
                () -> assertTrue(Files.exists(disk.resolve("a.jar")), "jar's archive on the disk"),
                () -> assertTrue(Files.readString(disk.resolve("home/guest/home0.log")).contains("to %h/home%u.log")),
                () -> assertTrue(Files.readString(disk.resolve("tmp/temporary.log")).contains("to %t/temporary.log")),
                () -> assertTrue(Files.readString(disk.resolve("tmp/%t.log")).contains("to /logs/%t/%%t.log"),
                        "all before the last %t dropped, as the JDK drops it; %% kept"),
                () -> assertEquals(List.of("disk", "host-tmp", "sources"), Fixtures.names(dir).stream().filter(n -> !n.equals("home")).toList(),
                        "nothing beside the disk"));
    }
}
