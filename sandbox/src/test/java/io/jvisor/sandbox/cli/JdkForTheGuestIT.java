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
 * working directory (the JDK made them absolute against the JVM's).
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
        Result r = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--main", "JdkWork", classes.toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("text/html", "text/plain", "javac 0", "jar 0"), r.outLines()),
                () -> assertTrue(Files.exists(disk.resolve("out/p/A.class")), "javac's class file, by relative names, on the disk"),
                () -> assertTrue(Files.exists(disk.resolve("a.jar")), "jar's archive on the disk"),
                () -> assertTrue(Files.readString(disk.resolve("home/guest/home0.log")).contains("to %h/home%u.log")),
                () -> assertTrue(Files.readString(disk.resolve("tmp/temporary.log")).contains("to %t/temporary.log")),
                () -> assertTrue(Files.readString(disk.resolve("tmp/%t.log")).contains("to /logs/%t/%%t.log"),
                        "all before the last %t dropped, as the JDK drops it; %% kept"),
                () -> assertEquals(List.of("disk", "sources"), Fixtures.names(dir).stream().filter(n -> !n.equals("home")).toList(),
                        "nothing beside the disk"));
    }
}
