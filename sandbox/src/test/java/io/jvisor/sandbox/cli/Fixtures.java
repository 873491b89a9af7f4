package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Guest jars and sources the tests build or read: broken jars, class files of other versions, sample sources. */
final class Fixtures {

    private Fixtures() {
    }

    /** Every regular file under a directory (none if it does not exist), relative to it, sorted. */
    static List<String> regularFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** The names of what a directory holds, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The jars in the directory that a system property of the build names, as a class path. */
    static String jarsOf(String property) throws IOException {
        try (Stream<Path> jars = Files.list(Launch.property(property))) {
            return jars.filter(j -> j.toString().endsWith(".jar")).sorted().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

        /** The sample guests this project builds. */
    static Path helloJar() {
        return Launch.property("sample.hello");
    }

    static Path exitJar() {
        return Launch.property("sample.exit");
    }

    static Path misbehavingJar() {
        return Launch.property("sample.misbehaving");
    }

    /** The key-value store as a paravirtual guest. */
    static Path paravirtualJar() {
        return Launch.property("sample.paravirtual");
    }

    /** The same store as an ordinary program. */
    static Path kvJar() {
        return Launch.property("sample.kv");
    }

    /** The plugin host, and its plugins by name: {@code hello}, {@code sneaky}. */
    static Path pluginHostJar() {
        return Launch.property("sample.plugins");
    }

    static Path pluginJar(String name) {
        return Launch.property("sample.plugins." + name);
    }

    /**
     * The number of the one line of a sample's source that contains {@code fragment}, e.g. the line
     * of {@code System.exit(} in {@code ExitSample.java}: what jvisor must report as the call site.
     *
     * @param sample the sample module, e.g. {@code exit}
     * @param source the source file under {@code src/main/java}, e.g. {@code guest/exit/ExitSample.java}
     */
    static int sourceLine(String sample, String source, String fragment) {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = base.resolve("../samples").resolve(sample).resolve("src/main/java").resolve(source).normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample source " + file, e);
        }
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                assertEquals(-1, found, file + " contains '" + fragment + "' on more than one line");
                found = i + 1;
            }
        }
        assertTrue(found > 0, file + " does not contain '" + fragment + "'");
        return found;
    }

    /** A copy of {@code jar} whose manifest names no {@code Main-Class}. */
    static Path withoutMainClass(Path jar, Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        return withManifest(jar, manifest, target);
    }

    /** A copy of {@code jar} whose manifest has one attribute more. */
    static Path withManifestAttribute(Path jar, String name, String value, Path target) throws IOException {
        Manifest manifest;
        try (JarFile in = new JarFile(jar.toFile())) {
            manifest = new Manifest(in.getManifest());
        }
        manifest.getMainAttributes().putValue(name, value);
        return withManifest(jar, manifest, target);
    }

    private static Path withManifest(Path jar, Manifest manifest, Path target) throws IOException {
        try (JarFile in = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            manifest.write(out);
            out.closeEntry();
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    /**
     * A copy of {@code jar} in which the class file {@code entry} claims class-file major version
     * {@code major} (bytes 6 and 7 of a class file); its manifest is kept.
     */
    static Path withClassVersion(Path jar, String entry, int major, Path target) throws IOException {
        return withEntry(jar, entry, data -> {
            assertEquals(0xCAFEBABE, ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16)
                    | ((data[2] & 0xff) << 8) | (data[3] & 0xff), entry + " is not a class file");
            data[6] = (byte) (major >>> 8);
            data[7] = (byte) major;
            return data;
        }, target);
    }

    /** A copy of {@code jar} in which {@code entry}, which it must hold, is changed; the rest is kept. */
    static Path withEntry(Path jar, String entry, UnaryOperator<byte[]> change, Path target) throws IOException {
        boolean patched = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    data = change.apply(data);
                    patched = true;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        assertTrue(patched, jar + " has no entry " + entry);
        return target;
    }

    /** A copy of {@code jar} without {@code entry}, which it must hold; the rest is kept. */
    static Path withoutEntry(Path jar, String entry, Path target) throws IOException {
        boolean dropped = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    dropped = true;
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        assertTrue(dropped, jar + " has no entry " + entry);
        return target;
    }

    /** A zip file with no entries at all. */
    static Path emptyZip(Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(file)) {
            out.finish();
        }
        return target;
    }

    /** Extracts the {@code .class} entries of a jar into a directory. */
    static Path classesOf(Path jar, Path directory) throws IOException {
        int classes = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isDirectory() || !e.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                Path file = directory.resolve(e.getName()).normalize();
                assertTrue(file.startsWith(directory), "entry outside the directory: " + e.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
        assertTrue(classes > 0, jar + " holds no class files");
        return directory;
    }
}
