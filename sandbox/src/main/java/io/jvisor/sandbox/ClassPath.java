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
 * A class path as a URL class loader reads it: its entries, and after each jar the jars its
 * manifest's {@code Class-Path} names (relative to the jar, as the JDK resolves them), and theirs
 * in turn. The loader opens those on the guest's thread, so the guest's disk must show them as it
 * shows the class path itself. A manifest is the guest's own text: of what it names, only jars in
 * the jar's own directory or below it count, not a directory, nor a file of another kind, nor
 * anything elsewhere on the host (the host's files, another guest's jar), which the disk would
 * otherwise show the guest.
 */
final class ClassPath {

    private ClassPath() {
    }

    /**
     * The entries and what their manifests add, each once, in the order a class loader searches
     * them. An entry the JDK would skip (missing, unreadable, not a {@code file:} URL) is left out,
     * and so is one a manifest names outside its jar's directory or that is no jar.
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
            if (isJarBeside(entry, named)) {
                add(named, found);
            }
        }
    }

    /** Whether {@code named} is a jar (a zip file, by its first bytes) in the directory of {@code jar} or below it. */
    static boolean isJarBeside(Path jar, Path named) {
        try {
            Path real = named.toRealPath();
            if (!real.startsWith(jar.toRealPath().getParent()) || !Files.isRegularFile(real)) {
                return false;
            }
            try (java.io.InputStream in = Files.newInputStream(real)) {
                byte[] magic = in.readNBytes(4);
                return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
            }
        } catch (IOException | SecurityException e) {
            return false;
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
