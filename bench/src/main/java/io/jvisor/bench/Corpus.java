package io.jvisor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * The class files of a real, multi-megabyte jar (Byte Buddy, see {@code corpus.properties}), read
 * into memory once: what the class-load and rewrite benchmarks chew on. The build packs the jar
 * into benchmarks.jar byte for byte, so that it stays one jar however the benchmarks are packaged.
 * Multi-release variants and {@code module-info} are left out: every class file here belongs to
 * one class of one loader. Immutable.
 */
final class Corpus {

    private static final Corpus INSTANCE = load();

    private final String artifact;
    private final Map<String, byte[]> classFiles;
    private final long bytes;

    private Corpus(String artifact, Map<String, byte[]> classFiles) {
        this.artifact = artifact;
        this.classFiles = Collections.unmodifiableMap(classFiles);
        this.bytes = classFiles.values().stream().mapToLong(b -> b.length).sum();
    }

    /** The corpus, read on first use. */
    static Corpus get() {
        return INSTANCE;
    }

    /** The Maven coordinates of the jar, {@code group:artifact:version}. */
    String artifact() {
        return artifact;
    }

    /** How many class files it holds. */
    int size() {
        return classFiles.size();
    }

    /** The total size of its class files, uncompressed. */
    long bytes() {
        return bytes;
    }

    /** The binary names of its classes, in the order of the jar. */
    List<String> classNames() {
        return new ArrayList<>(classFiles.keySet());
    }

    /** Its class files, in the order of the jar; the arrays are shared, never modify them. */
    byte[][] classFiles() {
        return classFiles.values().toArray(new byte[0][]);
    }

    /** The class file of a class, or {@code null}; shared, never modify it. */
    byte[] classFile(String binaryName) {
        return classFiles.get(binaryName);
    }

    /** The corpus jar as it is, copied to a new temporary file: a class path of a program to start. */
    static java.nio.file.Path copyOfJar() throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("jvisor-bench-corpus", ".jar");
        try (InputStream jar = Corpus.class.getResourceAsStream("corpus.jar")) {
            java.nio.file.Files.copy(jar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Override
    public String toString() {
        return String.format("%s (%d classes, %.1f MB of class files)", artifact, size(), bytes / 1e6);
    }

    private static Corpus load() {
        try (InputStream props = Corpus.class.getResourceAsStream("corpus.properties");
             InputStream jar = Corpus.class.getResourceAsStream("corpus.jar")) {
            if (props == null || jar == null) {
                throw new IllegalStateException("the benchmark corpus is missing: run the benchmarks from "
                        + "bench/target/benchmarks.jar, built by 'mvn -B -q package -DskipTests' (it copies the corpus jar in)");
            }
            Properties p = new Properties();
            p.load(props);
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (JarInputStream in = new JarInputStream(jar)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    String name = e.getName();
                    if (e.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/")
                            || name.endsWith("module-info.class")) {
                        continue;
                    }
                    files.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                }
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("the benchmark corpus holds no class files");
            }
            return new Corpus(p.getProperty("artifact", "corpus.jar"), files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark corpus", e);
        }
    }
}
