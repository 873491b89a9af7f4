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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application packaged as a jar whose manifest names its libraries ({@code Class-Path:
 * lib/hsqldb.jar}), as {@code maven-jar-plugin}'s {@code addClasspath} packages it: under jvisor
 * the libraries are on its class path as under {@code java -jar} (they were not: the guest's disk
 * did not show them to its class loader), and HSQLDB (Maven Central, unmodified), found by the
 * JDK's service loader through {@code DriverManager}, keeps a file database on the guest's disk
 * across runs.
 */
class HsqldbIT {

    private static final String APP = String.join("\n",
            "import java.sql.*;",
            "public class Runs {",
            "  public static void main(String[] args) throws SQLException {",
            "    try (Connection c = DriverManager.getConnection(\"jdbc:hsqldb:file:\" + args[0], \"SA\", \"\")) {",
            "      Statement s = c.createStatement();",
            "      s.execute(\"CREATE TABLE IF NOT EXISTS runs (started TIMESTAMP)\");",
            "      s.execute(\"INSERT INTO runs VALUES (CURRENT_TIMESTAMP)\");",
            "      ResultSet r = s.executeQuery(\"SELECT COUNT(*) FROM runs\");",
            "      r.next();",
            "      System.out.println(\"runs \" + r.getInt(1));",
            "      s.execute(\"SHUTDOWN\");",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    /** The application's jar, {@code app/runs.jar}, with HSQLDB beside it in {@code app/lib}. */
    private Path application() throws IOException {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Runs", APP));
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.copy(Path.of(System.getProperty("guest.hsqldb")), Files.createDirectories(app.resolve("lib")).resolve("hsqldb.jar"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Runs");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/hsqldb.jar");
        Path jar = app.resolve("runs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Runs.class"));
            out.write(Files.readAllBytes(classes.resolve("Runs.class")));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void theLibrariesAJarsManifestNamesAreOnTheGuestsClassPath() throws IOException {
        Path jar = application();
        Result nativeRun = Launch.java(dir, "-jar", jar.toString(), dir.resolve("native/db").toString());
        assertEquals(List.of("runs 1"), nativeRun.outLines(), nativeRun.toString());

        Path disk = dir.resolve("disk");
        Result first = Launch.jvisor(dir, "run", "--disk", disk.toString(), jar.toString(), "/data/db");
        Result second = Launch.jvisor(dir, "run", "--disk", disk.toString(), jar.toString(), "/data/db");
        assertAll(
                () -> assertEquals(0, first.status(), first.toString()),
                () -> assertEquals(List.of("runs 1"), first.outLines(), first.toString()),
                () -> assertEquals(List.of("runs 2"), second.outLines(), second.toString()),
                () -> assertTrue(Files.isRegularFile(disk.resolve("data/db.script")), "the database is on the disk"),
                () -> assertEquals(List.of("app", "disk", "native", "sources"),
                        Fixtures.names(dir).stream().filter(n -> !n.equals("home")).toList(), "nothing beside the disk"));
    }
}
