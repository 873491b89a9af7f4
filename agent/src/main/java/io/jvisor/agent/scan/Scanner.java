package io.jvisor.agent.scan;

import io.jvisor.agent.rewrite.RewriteException;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.rewrite.TrapSite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The prescan report without running anything: what the rewriter would trap in a jar file or a
 * directory of classes ({@code jvisor scan}).
 *
 * <p>Every {@code .class} entry is handed to the same {@link Rewriter#rewrite(byte[],
 * java.util.function.Consumer)} call the agent makes when a guest loads the class, so the report
 * shows exactly what the agent would rewrite. What is scanned:
 * <ul>
 *   <li>a jar (any zip file): every entry whose name ends in {@code .class}, in the order of the
 *       zip directory, including the versioned entries of a multi-release jar
 *       ({@code META-INF/versions/N/...}), which the report names by their full path. Nested jars
 *       (e.g. {@code BOOT-INF/lib/*.jar}) are not opened.</li>
 *   <li>a directory: every regular file below it whose name ends in {@code .class}, in path
 *       order, named by its path relative to the directory with {@code /} separators. Symbolic
 *       links are not followed.</li>
 * </ul>
 * {@code module-info.class} entries, at any depth, are skipped: a module descriptor holds no code.
 *
 * <p>A class that cannot be read or rewritten does not end the scan: it is recorded in
 * {@link ScanReport#errors()} (the agent would refuse to load it) and the scan goes on.
 */
public final class Scanner {

    private static final String CLASS_SUFFIX = ".class";
    private static final String MODULE_INFO = "module-info.class";
    private static final String EXPECTED = "(expected a .jar file or a directory of .class files)";

    private Scanner() {
    }

    /**
     * Scans a jar file or a directory of class files. Reads the input only; runs nothing from it.
     *
     * @param jarOrDirectory a jar (or other zip) file, or a directory holding {@code .class} files;
     *                       not {@code null}
     * @param rewriter       the rewriter whose work is reported, usually
     *                       {@code new Rewriter(Catalog.standard())}; not {@code null}
     * @return the report, never {@code null}; an input without classes gives a report of zero
     *         classes
     * @throws IOException if {@code jarOrDirectory} does not exist, is an empty file, is a file
     *                     but not a zip file, or cannot be read as a whole; the message says which
     *                     path and what is wrong. A single entry or file that cannot be read is
     *                     reported in {@link ScanReport#errors()} instead.
     */
    public static ScanReport scan(Path jarOrDirectory, Rewriter rewriter) throws IOException {
        return scan(jarOrDirectory, rewriter, null);
    }

    /**
     * {@link #scan(Path, Rewriter)}, and the ring of each class.
     *
     * @param ringOfClass a class's ring by its binary name, as a policy assigns it to the classes of
     *                    this jar or directory; {@code null} to report no rings
     */
    public static ScanReport scan(Path jarOrDirectory, Rewriter rewriter, ToIntFunction<String> ringOfClass) throws IOException {
        Objects.requireNonNull(jarOrDirectory, "jarOrDirectory");
        Objects.requireNonNull(rewriter, "rewriter");
        Collector collector = new Collector(rewriter, ringOfClass);
        if (Files.isDirectory(jarOrDirectory)) {
            scanDirectory(jarOrDirectory, collector);
        } else if (Files.isRegularFile(jarOrDirectory)) {
            scanJar(jarOrDirectory, collector);
        } else if (Files.exists(jarOrDirectory)) {
            throw new IOException("not a jar file or a directory: " + jarOrDirectory + " " + EXPECTED);
        } else {
            throw new NoSuchFileException(jarOrDirectory.toString(), null,
                    "no such file or directory " + EXPECTED);
        }
        return collector.report(jarOrDirectory.toString());
    }

    private static void scanJar(Path jar, Collector collector) throws IOException {
        if (Files.size(jar) == 0) {
            throw new IOException("empty file: " + jar + " " + EXPECTED);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile());
        } catch (ZipException e) {
            throw new IOException("not a jar file: " + jar + " " + EXPECTED + "; the zip reader says: "
                    + e.getMessage(), e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !isClassFile(name)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    collector.unreadable(name, e);
                    continue;
                }
                collector.scan(name, bytes);
            }
        }
    }

    private static void scanDirectory(Path directory, Collector collector) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> isClassFile(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> entryName(directory, p)))
                    .collect(Collectors.toList());
        }
        for (Path file : files) {
            String name = entryName(directory, file);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                collector.unreadable(name, e);
                continue;
            }
            collector.scan(name, bytes);
        }
    }

    private static String entryName(Path directory, Path file) {
        String separator = file.getFileSystem().getSeparator();
        return directory.relativize(file).toString().replace(separator, "/");
    }

    private static boolean isClassFile(String entryName) {
        if (!entryName.endsWith(CLASS_SUFFIX)) {
            return false;
        }
        int slash = entryName.lastIndexOf('/');
        return !entryName.substring(slash + 1).equals(MODULE_INFO);
    }

    /** Runs the rewriter over one class at a time and gathers what it reports. */
    private static final class Collector {

        private final Rewriter rewriter;
        private final ToIntFunction<String> ringOfClass;
        private final Map<String, Integer> rings = new TreeMap<>();
        private final List<ScanReport.Site> sites = new ArrayList<>();
        private final List<ScanReport.EntryError> errors = new ArrayList<>();
        private int classes;
        private int rewritten;
        private long transformNanos;

        Collector(Rewriter rewriter, ToIntFunction<String> ringOfClass) {
            this.rewriter = rewriter;
            this.ringOfClass = ringOfClass;
        }

        void scan(String entry, byte[] classFile) {
            classes++;
            if (ringOfClass != null) {
                String className = className(entry);
                rings.put(className, ringOfClass.applyAsInt(className));
            }
            List<TrapSite> found = new ArrayList<>();
            long start = System.nanoTime();
            byte[] result;
            try {
                result = rewriter.rewrite(classFile, found::add);
            } catch (RewriteException e) {
                errors.add(new ScanReport.EntryError(entry, e.getMessage()));
                return;
            } catch (RuntimeException | LinkageError e) {
                // What the agent's transformer reports for a failure the rewriter does not wrap.
                errors.add(new ScanReport.EntryError(entry, "cannot rewrite: " + e));
                return;
            } finally {
                transformNanos += System.nanoTime() - start;
            }
            if (result != classFile) {
                rewritten++;
            }
            for (TrapSite site : found) {
                sites.add(new ScanReport.Site(entry, site));
            }
        }

        void unreadable(String entry, IOException e) {
            classes++;
            errors.add(new ScanReport.EntryError(entry, "cannot read the entry: " + e));
        }

        ScanReport report(String source) {
            return new ScanReport(source, sites, errors, classes, rewritten, transformNanos,
                    rewriter.catalog().rewrittenCategories(), ringOfClass == null ? null : rings);
        }

        /** The binary name of the class of an entry, e.g. {@code META-INF/versions/11/a/B.class}: {@code a.B}. */
        private static String className(String entry) {
            String path = ScanReport.unversioned(entry);
            return path.substring(0, path.length() - CLASS_SUFFIX.length()).replace('/', '.');
        }
    }
}
