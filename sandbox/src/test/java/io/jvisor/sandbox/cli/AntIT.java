package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Ant from Maven Central, unmodified, as a guest: its command line runs a build that
 * compiles a source file with the JDK's compiler (in the guest, through {@code javax.tools}, which
 * reads the JDK's own modules), makes a jar of it and reports. Under {@code jvisor run --disk} the
 * build must go as natively, with the same class file, every file of it on the disk.
 */
class AntIT {

    private static final String BUILD = String.join("\n",
            "<project name=\"demo\" default=\"jar\">",
            "  <target name=\"compile\">",
            "    <mkdir dir=\"build/classes\"/>",
            "    <javac srcdir=\"src\" destdir=\"build/classes\" includeantruntime=\"false\" release=\"17\"/>",
            "  </target>",
            "  <target name=\"jar\" depends=\"compile\">",
            "    <jar destfile=\"build/demo.jar\" basedir=\"build/classes\"/>",
            "    <echo message=\"built ${ant.project.name} with Java ${java.specification.version}\"/>",
            "  </target>",
            "</project>",
            "");
    private static final String SOURCE = "package demo;\npublic class Main {\n    public static void main(String[] args) {\n"
            + "        System.out.println(\"hello \" + String.join(\" \", args));\n    }\n}\n";

    @TempDir
    Path dir;

    /** A project directory: the build file and its source. */
    private static Path project(Path at) throws IOException {
        Files.writeString(Files.createDirectories(at).resolve("build.xml"), BUILD);
        Files.writeString(Files.createDirectories(at.resolve("src/demo")).resolve("Main.java"), SOURCE);
        return at;
    }

    /** Ant's report, its paths relative to the project, without the time it took. */
    private static List<String> report(Result r, String projectPath) {
        return r.outLines().stream().filter(l -> !l.startsWith("Total time:")).map(l -> l.replace(projectPath, "")).toList();
    }

    @Test
    void anAntBuildCompilesAndPacksAsNativelyOnTheDisk() throws IOException {
        String ant = Launch.property("guest.ant").toString();
        String launcher = Launch.property("guest.ant.launcher").toString();
        Path nativeProject = project(dir.resolve("native"));
        Path disk = project(dir.resolve("disk"));

        Result nativeRun = Launch.java(nativeProject, "-cp", launcher + File.pathSeparator + ant, "org.apache.tools.ant.Main",
                "-f", nativeProject.resolve("build.xml").toString());
        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "-cp", launcher, "--main", "org.apache.tools.ant.Main", ant,
                "-f", "/build.xml");

        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertTrue(nativeRun.outLines().contains("BUILD SUCCESSFUL"), "the build natively"),
                () -> assertEquals(0, guest.status()),
                () -> assertEquals(report(nativeRun, nativeProject.toString()), report(guest, ""), "the same report"),
                () -> assertArrayEquals(Files.readAllBytes(nativeProject.resolve("build/classes/demo/Main.class")),
                        Files.readAllBytes(disk.resolve("build/classes/demo/Main.class")), "the same class file"),
                () -> {
                    try (JarFile jar = new JarFile(disk.resolve("build/demo.jar").toFile())) {
                        assertTrue(jar.getEntry("demo/Main.class") != null, "the class in the jar on the disk");
                    }
                },
                () -> assertEquals(List.of("disk", "native"), Fixtures.names(dir).stream().filter(n -> !n.equals("home")).toList(),
                        "nothing beside the disk"));
    }
}
