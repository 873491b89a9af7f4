package io.jvisor.agent.scan;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.rewrite.TrapSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScannerTest {

    private static final String PACKAGE = "io/jvisor/agent/scan/";
    private static final Rewriter REWRITER = new Rewriter(Catalog.standard());

    @TempDir
    Path temp;

    @Test
    void scansAJarAndReportsEverySiteWithItsLine() throws IOException {
        Path jar = jar("app.jar", fixtures());

        ScanReport report = Scanner.scan(jar, REWRITER);

        assertEquals(4, report.classesScanned(), "module-info.class is not a class to scan");
        assertEquals(3, report.classesRewritten(), "ExitFixture, ConsoleFixture and CatchFixture change");
        assertEquals(List.of(), report.errors());
        assertEquals(List.of(
                "ConsoleFixture.lambda$complain$0:" + lineOf(ConsoleFixture.class, "stderr-lambda")
                        + " System.err CALL console/stderr",
                "ExitFixture.exitReference:" + lineOf(ExitFixture.class, "exit-handle")
                        + " System.exit(int) HANDLE exit/exit",
                "ExitFixture.main:" + lineOf(ExitFixture.class, "stdout") + " System.out CALL console/stdout",
                "ExitFixture.main:" + lineOf(ExitFixture.class, "exit") + " System.exit(int) CALL exit/exit"),
                describe(report.sites()));
        assertEquals(PACKAGE + "ExitFixture.class", report.sites().get(1).entry());

        Map<String, Integer> summary = new LinkedHashMap<>();
        Catalog.standard().rewrittenCategories().forEach(c -> summary.put(c, 0));
        summary.put("exit", 2);
        summary.put("console", 2);
        assertEquals(summary, report.summary());
        assertEquals(List.copyOf(Catalog.standard().rewrittenCategories()), List.copyOf(report.summary().keySet()));
        assertTrue(report.transformNanos() > 0, "the rewriter's time is measured");
        assertEquals(jar.toString(), report.source());
    }

    @Test
    void reportsTheSitesTheRewriterReports() throws IOException {
        ScanReport report = Scanner.scan(jar("app.jar", fixtures()), REWRITER);

        for (Class<?> fixture : List.of(ExitFixture.class, ConsoleFixture.class, CatchFixture.class, CleanFixture.class)) {
            List<TrapSite> direct = new java.util.ArrayList<>();
            REWRITER.rewrite(classFile(fixture), direct::add);
            List<TrapSite> scanned = report.sites().stream().map(ScanReport.Site::trap)
                    .filter(s -> s.className().equals(fixture.getName())).collect(Collectors.toList());
            assertEquals(direct.size(), scanned.size(), fixture.getName());
            assertTrue(scanned.containsAll(direct), fixture.getName());
        }
    }

    @Test
    void rendersText() throws IOException {
        ScanReport report = Scanner.scan(jar("app.jar", fixtures()), REWRITER);

        String text = report.toText();

        List<String> lines = Arrays.asList(text.split("\n"));
        String exit = "io.jvisor.agent.scan.ExitFixture.main:" + lineOf(ExitFixture.class, "exit");
        String exitLine = lines.stream().filter(l -> l.trim().startsWith(exit + " ")).findFirst().orElseThrow(
                () -> new AssertionError("no line for " + exit + " in\n" + text));
        assertEquals(List.of(exit, "System.exit(int)", "[exit]", "call"), columns(exitLine));
        String handle = "io.jvisor.agent.scan.ExitFixture.exitReference:" + lineOf(ExitFixture.class, "exit-handle");
        assertTrue(text.contains(handle), text);
        assertTrue(lines.stream().anyMatch(l -> columns(l).equals(List.of(handle, "System.exit(int)", "[exit]", "method handle"))),
                text);
        String stdout = "io.jvisor.agent.scan.ExitFixture.main:" + lineOf(ExitFixture.class, "stdout");
        assertTrue(lines.stream().anyMatch(l -> columns(l).equals(List.of(stdout, "System.out", "[console]", "field read"))),
                text);
        assertTrue(text.contains("Sites by category:\n"), text);
        assertTrue(lines.contains("  exit            2"), text);
        assertTrue(lines.contains("  shutdown-hooks  0"), text);
        assertTrue(lines.contains("  console         2"), text);
        assertTrue(lines.contains("  total           4"), text);
        assertTrue(text.contains("4 classes scanned, 3 need rewriting, 4 sites, 0 errors; rewriter time "), text);
        assertTrue(text.contains("1 of the classes that need rewriting has no site"), text);
        assertFalse(text.contains("Errors"), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rendersJson() throws IOException {
        Path jar = jar("app \"quoted\".jar", fixtures());
        ScanReport report = Scanner.scan(jar, REWRITER);

        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(report.toJson());

        assertEquals(List.of("source", "classes", "rewritten", "transformMillis", "sites", "summary", "errors"),
                List.copyOf(json.keySet()));
        assertEquals(jar.toString(), json.get("source"));
        assertEquals(4L, json.get("classes"));
        assertEquals(3L, json.get("rewritten"));
        assertTrue(json.get("transformMillis") instanceof Double, "a number with a fraction");
        Map<String, Long> summary = new LinkedHashMap<>();
        Catalog.standard().rewrittenCategories().forEach(c -> summary.put(c, 0L));
        summary.put("exit", 2L);
        summary.put("console", 2L);
        assertEquals(summary, json.get("summary"));
        assertEquals(List.of(), json.get("errors"));

        List<Map<String, Object>> sites = (List<Map<String, Object>>) json.get("sites");
        assertEquals(4, sites.size());
        Map<String, Object> exit = sites.get(3);
        assertEquals(PACKAGE + "ExitFixture.class", exit.get("entry"));
        assertEquals("io.jvisor.agent.scan.ExitFixture", exit.get("class"));
        assertEquals("main", exit.get("method"));
        assertEquals("([Ljava/lang/String;)V", exit.get("descriptor"));
        assertEquals((long) lineOf(ExitFixture.class, "exit"), exit.get("line"));
        assertEquals(Map.of("owner", "java.lang.System", "name", "exit", "descriptor", "(I)V",
                "display", "System.exit(int)"), exit.get("member"));
        assertEquals("exit", exit.get("category"));
        assertEquals("exit", exit.get("operation"));
        assertEquals("call", exit.get("form"));
        assertEquals("handle", sites.get(1).get("form"));
        assertEquals("stderr", sites.get(0).get("operation"));
    }

    @Test
    void reportsEachClasssRingWhenAskedAndNoRingOtherwise() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(fixtures());
        entries.put("META-INF/versions/11/" + PACKAGE + "ExitFixture.class", classFile(ExitFixture.class));
        Path jar = jar("app.jar", entries, true);

        ScanReport report = Scanner.scan(jar, REWRITER, c -> c.endsWith("ExitFixture") ? 1 : 3);

        assertEquals(Map.of("io.jvisor.agent.scan.ExitFixture", 1, "io.jvisor.agent.scan.ConsoleFixture", 3,
                "io.jvisor.agent.scan.CatchFixture", 3, "io.jvisor.agent.scan.CleanFixture", 3), report.rings());
        String text = report.toText();
        assertTrue(text.contains("\nClasses by ring:\n  ring 1: 1 class\n    io.jvisor.agent.scan (1)\n"
                + "  ring 3: 3 classes\n    io.jvisor.agent.scan (3)\n"), text);
        assertTrue(text.lines().filter(l -> l.contains("ExitFixture.")).allMatch(l -> l.contains("  ring 1  ")), text);
        assertTrue(report.toJson().contains("\"rings\": {\"io.jvisor.agent.scan.CatchFixture\": 3, "), report.toJson());
        assertTrue(report.toJson().contains("\"ring\": 1}"), report.toJson());

        ScanReport plain = Scanner.scan(jar, REWRITER);
        assertEquals(Map.of(), plain.rings());
        assertFalse(plain.toText().contains("ring"), plain.toText());
        assertFalse(plain.toJson().contains("\"ring"), plain.toJson());
    }

    @Test
    void jsonEscapesStrings() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028/\"", ScanReport.quote("a\"b\\c\nd\te\u0001f\u2028/"));
    }

    @Test
    void reportsALineThatIsNotKnownAsQuestionMarkAndNull() throws IOException {
        byte[] withoutLines = withoutDebugInfo(classFile(ExitFixture.class));
        ScanReport report = Scanner.scan(jar("nolines.jar", Map.of(PACKAGE + "ExitFixture.class", withoutLines)), REWRITER);

        assertEquals(3, report.sites().size());
        report.sites().forEach(s -> assertEquals(-1, s.trap().line()));
        assertTrue(report.toText().contains("io.jvisor.agent.scan.ExitFixture.main:?  "), report.toText());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sites = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(report.toJson())).get("sites");
        assertTrue(sites.get(0).containsKey("line"));
        assertNull(sites.get(0).get("line"));
    }

    @Test
    void scansADirectoryLikeAJar() throws IOException {
        Path classes = temp.resolve("classes");
        for (Map.Entry<String, byte[]> e : fixtures().entrySet()) {
            Path file = classes.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        Files.writeString(classes.resolve("README.txt"), "not a class");

        ScanReport fromDirectory = Scanner.scan(classes, REWRITER);
        ScanReport fromJar = Scanner.scan(jar("app.jar", fixtures()), REWRITER);

        assertEquals(4, fromDirectory.classesScanned());
        assertEquals(3, fromDirectory.classesRewritten());
        assertEquals(fromJar.sites(), fromDirectory.sites());
        assertEquals(fromJar.summary(), fromDirectory.summary());
        assertEquals(List.of(), fromDirectory.errors());
    }

    @Test
    void scansAnEmptyDirectory() throws IOException {
        ScanReport report = Scanner.scan(Files.createDirectory(temp.resolve("empty")), REWRITER);

        assertEquals(0, report.classesScanned());
        assertEquals(List.of(), report.sites());
    }

    @Test
    void scansTheVersionedEntriesOfAMultiReleaseJar() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(PACKAGE + "ExitFixture.class", classFile(ExitFixture.class));
        entries.put("META-INF/versions/11/" + PACKAGE + "ExitFixture.class", classFile(ExitFixture.class));
        entries.put("META-INF/versions/9/" + PACKAGE + "ExitFixture.class", classFile(ExitFixture.class));
        entries.put("META-INF/versions/9/module-info.class", new byte[] {1, 2, 3});
        Path jar = jar("mr.jar", entries, true);

        ScanReport report = Scanner.scan(jar, REWRITER);

        assertEquals(3, report.classesScanned());
        assertEquals(List.of(), report.errors());
        assertEquals(9, report.sites().size());
        assertEquals(List.of(PACKAGE + "ExitFixture.class", "META-INF/versions/9/" + PACKAGE + "ExitFixture.class",
                "META-INF/versions/11/" + PACKAGE + "ExitFixture.class"),
                report.sites().stream().map(ScanReport.Site::entry).distinct().collect(Collectors.toList()),
                "base classes first, then each release in order");
        assertEquals(6, report.summary().get("exit"));
        String text = report.toText();
        assertTrue(text.lines().anyMatch(l -> l.endsWith("call  (META-INF/versions/11/" + PACKAGE + "ExitFixture.class)")), text);
        assertTrue(report.toJson().contains("\"entry\": \"META-INF/versions/9/" + PACKAGE + "ExitFixture.class\""));
    }

    @Test
    void recordsAClassThatCannotBeReadAndScansTheRest() throws IOException {
        byte[] good = classFile(ExitFixture.class);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("com/example/Garbage.class", "this is no class file".getBytes(StandardCharsets.UTF_8));
        entries.put("com/example/Truncated.class", Arrays.copyOf(good, good.length / 2));
        entries.put("com/example/Future.class", withMajorVersion(good, 99));
        entries.put("com/example/We\"ird\\Name.class", new byte[0]);
        entries.put(PACKAGE + "ExitFixture.class", good);

        ScanReport report = Scanner.scan(jar("broken.jar", entries), REWRITER);

        assertEquals(5, report.classesScanned());
        assertEquals(1, report.classesRewritten());
        assertEquals(3, report.sites().size());
        assertEquals(List.of("com/example/Future.class", "com/example/Garbage.class", "com/example/Truncated.class",
                "com/example/We\"ird\\Name.class"),
                report.errors().stream().map(ScanReport.EntryError::entry).collect(Collectors.toList()));
        assertTrue(report.errors().get(0).message().contains("version 99"), report.errors().get(0).message());
        assertTrue(report.errors().get(1).message().contains("not a class file"), report.errors().get(1).message());
        report.errors().forEach(e -> assertFalse(e.message().isBlank(), e.entry()));

        String text = report.toText();
        assertTrue(text.contains("Errors (the agent would refuse to load these classes):\n  com/example/Future.class: "), text);
        assertTrue(text.contains("4 errors"), text);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(report.toJson())).get("errors");
        assertEquals("com/example/We\"ird\\Name.class", errors.get(3).get("entry"));
        assertEquals(report.errors().get(1).message(), errors.get(1).get("message"));
    }

    @Test
    void scansAnEmptyJar() throws IOException {
        ScanReport report = Scanner.scan(jar("empty.jar", Map.of()), REWRITER);

        assertEquals(0, report.classesScanned());
        assertEquals(0, report.classesRewritten());
        assertEquals(List.of(), report.sites());
        assertEquals(List.of(), report.errors());
        report.summary().values().forEach(n -> assertEquals(0, n));
        assertTrue(report.toText().contains("No use of a critical instruction found."), report.toText());
        assertTrue(report.toText().contains("0 classes scanned, 0 need rewriting, 0 sites, 0 errors"), report.toText());
        Object json = MiniJson.parse(report.toJson());
        assertTrue(report.toJson().contains("\"sites\": [],"), report.toJson());
        assertEquals(0L, ((Map<?, ?>) json).get("classes"));
    }

    @Test
    void refusesAFileThatIsNotAJar() throws IOException {
        Path notJar = Files.writeString(temp.resolve("notes.jar"), "just some text, long enough to not be a zip file at all");

        IOException e = assertThrows(IOException.class, () -> Scanner.scan(notJar, REWRITER));

        assertTrue(e.getMessage().startsWith("not a jar file: " + notJar + " (expected a .jar file or a directory of .class files)"),
                e.getMessage());
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path empty = Files.createFile(temp.resolve("empty.jar"));

        IOException e = assertThrows(IOException.class, () -> Scanner.scan(empty, REWRITER));

        assertEquals("empty file: " + empty + " (expected a .jar file or a directory of .class files)", e.getMessage());
    }

    @Test
    void refusesAPathThatDoesNotExist() {
        Path missing = temp.resolve("missing.jar");

        IOException e = assertThrows(NoSuchFileException.class, () -> Scanner.scan(missing, REWRITER));

        assertEquals(missing + ": no such file or directory (expected a .jar file or a directory of .class files)",
                e.getMessage());
    }

    @Test
    void scansTheAsmJar() throws IOException, URISyntaxException {
        Path asm = Path.of(ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(asm) && asm.toString().endsWith(".jar"), "ASM is not on the class path as a jar: " + asm);

        ScanReport report = Scanner.scan(asm, REWRITER);

        assertEquals(List.of(), report.errors());
        assertTrue(report.classesScanned() > 30, report.toString());
        assertTrue(report.classesRewritten() >= report.sites().stream().map(ScanReport.Site::entry).distinct().count());
        MiniJson.parse(report.toJson());
        assertTrue(report.toText().contains(report.classesScanned() + " classes scanned"));
    }

    @Test
    void scansEveryJarOnTheTestClassPath() throws IOException {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p))
                .collect(Collectors.toList());
        assumeTrue(jars.size() >= 3, "expected the test dependencies as jars on the class path");

        int classes = 0;
        for (Path jar : jars) {
            ScanReport report = Scanner.scan(jar, REWRITER);
            assertEquals(List.of(), report.errors(), jar.toString());
            MiniJson.parse(report.toJson());
            classes += report.classesScanned();
        }
        assertTrue(classes > 1000, classes + " classes");
    }

    // ---- fixtures

    private static Map<String, byte[]> fixtures() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Class<?> c : List.of(ExitFixture.class, ConsoleFixture.class, CatchFixture.class, CleanFixture.class)) {
            entries.put(PACKAGE + c.getSimpleName() + ".class", classFile(c));
        }
        entries.put("module-info.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        return entries;
    }

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        return jar(name, entries, false);
    }

    private Path jar(String name, Map<String, byte[]> entries, boolean multiRelease) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        Path jar = temp.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            if (in == null) {
                throw new AssertionError("no class file for " + c);
            }
            return in.readAllBytes();
        }
    }

    /** The line of the fixture's source that carries {@code // site:marker}. */
    static int lineOf(Class<?> fixture, String marker) throws IOException {
        Path source = Path.of("src/test/java", fixture.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(source);
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// site:" + marker)) {
                assertEquals(-1, found, "marker " + marker + " twice in " + source);
                found = i + 1;
            }
        }
        assertTrue(found > 0, "no marker " + marker + " in " + source);
        return found;
    }

    private static List<String> describe(List<ScanReport.Site> sites) {
        return sites.stream().map(ScanReport.Site::trap).map(t -> t.className().substring(t.className().lastIndexOf('.') + 1)
                + "." + t.methodName() + ":" + t.line() + " " + t.target().displayName() + " " + t.form() + " "
                + t.target().category() + "/" + t.target().operation()).collect(Collectors.toList());
    }

    private static List<String> columns(String line) {
        return Arrays.asList(line.trim().split(" {2,}"));
    }

    private static byte[] withoutDebugInfo(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
        reader.accept(writer, ClassReader.SKIP_DEBUG);
        return writer.toByteArray();
    }

    private static byte[] withMajorVersion(byte[] classFile, int major) {
        byte[] copy = classFile.clone();
        copy[6] = (byte) (major >> 8);
        copy[7] = (byte) major;
        return copy;
    }
}
