package io.jvisor.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A class path as a URL class loader reads it: its entries, and after each jar the jars and
 * directories its manifest's {@code Class-Path} names (relative to the jar, as the JDK resolves
 * them), and theirs in turn. The loader opens those on the guest's thread, so the guest's disk
 * must show them as it shows the class path itself.
 */
final class ClassPath {

    private ClassPath() {
    }

    /**
     * The entries and what their manifests add, each once, in the order a class loader searches
     * them. An entry the JDK would skip (missing, unreadable, not a {@code file:} URL) is left out.
     */
    static List<Path> withManifestEntries(List<Path> entries) {
        Set<Path> found = new LinkedHashSet<>();
        for (Path entry : entries) {
            add(entry.toAbsolutePath().normalize(), found);
        }
        return new ArrayList<>(found);
    }

    private static void add(Path entry, Set<Path> found) {
        if (!found.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        for (Path named : manifestClassPath(entry)) {
            if (Files.exists(named)) {
                add(named, found);
            }
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        String value;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException | SecurityException e) {
            return List.of(); // the class loader cannot read it either
        }
        List<Path> named = new ArrayList<>();
        if (value != null) {
            URI base = jar.toUri();
            for (String token : value.trim().split("\\s+")) {
                try {
                    URI uri = base.resolve(token);
                    if ("file".equals(uri.getScheme())) {
                        named.add(Path.of(uri).normalize());
                    }
                } catch (IllegalArgumentException e) {
                    // not a URL: the JDK skips it too
                }
            }
        }
        return named;
    }
}
