package io.jvisor.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a guest's class path shows of the host: what its jars' manifests name counts only as jars beside them. */
class ClassPathTest {

    @TempDir
    Path dir;

    private static Path jar(Path file, String classPath) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        new JarOutputStream(Files.newOutputStream(file), manifest).close();
        return file;
    }

    @Test
    void aManifestAddsJarsBesideItsJarButNoFileDirectoryOrJarElsewhere() throws IOException {
        Path lib = jar(dir.resolve("app/lib/a.jar"), null);
        Path elsewhere = jar(dir.resolve("other/b.jar"), null);
        Path secret = Files.writeString(dir.resolve("app/secret.txt"), "not a jar");
        Path app = jar(dir.resolve("app/app.jar"), String.join(" ", "lib/a.jar", "secret.txt", "lib/", elsewhere.toUri().toString(),
                "../other/b.jar", "/etc/hostname", "missing.jar"));

        assertEquals(List.of(app, lib), ClassPath.withManifestEntries(List.of(app)));
        assertEquals(List.of(secret.getParent()), ClassPath.withManifestEntries(List.of(secret.getParent())),
                "an entry the host gives is the host's to choose");
    }
}
