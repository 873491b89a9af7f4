package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Maven as it is distributed, unmodified, as a guest: it builds a project on the guest's
 * disk (compiles it and its JUnit test with javac, the jars of its local repository on javac's
 * class path, runs the test in the guest, packages a jar that then runs as a guest), offline, from
 * this build's local repository mounted read-only; {@code -Duser.dir} puts it in the project.
 * Tests in a JVM of their own are a process its policy refuses, by name.
 */
class MavenIT {

    /** The versions of what the project's build uses, as this build has them in its local repository. */
    private static Map<String, String> versions() {
        String versions = System.getProperty("plugin.versions");
        assertTrue(versions != null, "system property plugin.versions is not set: run the integration tests through Maven");
        return Arrays.stream(versions.split(",")).map(v -> v.split("=", 2)).collect(Collectors.toMap(v -> v[0], v -> v[1]));
    }

    private static String pom() {
        Map<String, String> versions = versions();
        return String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <groupId>guest</groupId><artifactId>tiny</artifactId><version>1</version>",
                "  <properties>",
                "    <maven.compiler.release>17</maven.compiler.release>",
                "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>",
                "  </properties>",
                "  <dependencies>",
                "    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>"
                        + "<version>" + versions.get("junit") + "</version><scope>test</scope></dependency>",
                "  </dependencies>",
                "  <build><plugins>",
                plugin("resources", versions), plugin("compiler", versions), plugin("surefire", versions), plugin("jar", versions),
                "  </plugins></build>",
                "</project>",
                "");
    }

    private static final String MAIN = String.join("\n",
            "package tiny;",
            "public class Main {",
            "  public static void main(String[] args) { System.out.println(\"built by a guest\"); }",
            "}",
            "");

    private static final String TEST = String.join("\n",
            "package tiny;",
            "import static org.junit.jupiter.api.Assertions.assertEquals;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import org.junit.jupiter.api.Test;",
            "class MainTest {",
            "  @Test void adds() { assertEquals(4, 2 + 2); }",
            "  @Test void writesInTheProject() throws Exception {",
            "    assertEquals(\"written by a test\", Files.readString(Files.writeString(Path.of(\"target\", \"out.txt\"), \"written by a test\")));",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    private static String plugin(String name, Map<String, String> versions) {
        return "    <plugin><artifactId>maven-" + name + "-plugin</artifactId><version>" + versions.get(name) + "</version></plugin>";
    }

    private Path disk() {
        return dir.resolve("disk");
    }

    private Result build(String... options) throws IOException {
        Path project = disk().resolve("project");
        Files.createDirectories(project.resolve("src/main/java/tiny"));
        Files.createDirectories(project.resolve("src/test/java/tiny"));
        Files.writeString(project.resolve("pom.xml"), pom());
        Files.writeString(project.resolve("src/main/java/tiny/Main.java"), MAIN);
        Files.writeString(project.resolve("src/test/java/tiny/MainTest.java"), TEST);
        Path maven;
        try (Stream<Path> homes = Files.list(Launch.property("guest.maven.dir"))) {
            maven = homes.filter(h -> h.getFileName().toString().startsWith("apache-maven-")).findFirst().orElseThrow();
        }
        Path classworlds;
        try (Stream<Path> boot = Files.list(maven.resolve("boot"))) {
            classworlds = boot.filter(j -> j.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        return Launch.jvisor(dir, Stream.concat(Stream.of("run", "--disk", disk().toString(),
                        "--mount", maven + ":/opt/maven", "--mount", Launch.property("maven.local.repository") + ":/repo",
                        "-Duser.dir=/project", "-Dmaven.home=/opt/maven", "-Dclassworlds.conf=/opt/maven/bin/m2.conf",
                        "-Dmaven.multiModuleProjectDirectory=/project",
                        "--main", "org.codehaus.plexus.classworlds.launcher.Launcher", classworlds.toString(),
                        "-B", "-o", "-Dmaven.repo.local=/repo", "package"), Stream.of(options))
                .toArray(String[]::new));
    }

    @Test
    void mavenBuildsAndTestsAProjectOnTheDiskWhoseJarRunsAsAGuest() throws IOException {
        Result built = build("-DforkCount=0");
        Path jar = disk().resolve("project/target/tiny-1.jar");
        Result ran = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk2").toString(), "--main", "tiny.Main", jar.toString());

        assertAll(built + "\n" + ran,
                () -> assertEquals(0, built.status()),
                () -> assertTrue(built.outLines().contains("[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"),
                        "the test ran in the guest"),
                () -> assertTrue(built.outLines().contains("[INFO] BUILD SUCCESS")),
                () -> assertEquals("written by a test", Files.readString(disk().resolve("project/target/out.txt")),
                        "the test's relative path, in the project"),
                () -> assertEquals(0, ran.status()),
                () -> assertEquals(List.of("built by a guest"), ran.outLines()));
    }

    @Test
    void testsInAJvmOfTheirOwnAreAProcessThePolicyRefuses() throws IOException {
        Result built = build();

        assertAll(built.toString(),
                () -> assertNotEquals(0, built.status()),
                () -> assertTrue(built.stdout().contains("may not start processes: denied by policy rule 'deny process'"),
                        "surefire's fork refused by the rule"));
    }
}
