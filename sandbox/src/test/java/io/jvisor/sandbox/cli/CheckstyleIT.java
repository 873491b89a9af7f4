package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real program from Maven Central, unmodified: Checkstyle's command line, which ends with
 * {@code System.exit(number of errors)}. Under {@code jvisor run} it must print the same and end
 * with the same status as run natively, and jvisor must outlive its exit to report it.
 *
 * <p>Checkstyle's runnable "-all" jar is not published to Maven Central, so the build copies the
 * checkstyle jar and its dependencies into the directory {@code guest.checkstyle.dir}; both runs use
 * that class path, the native one with {@code java -cp}, the jvisor one with {@code -cp}.
 */
class CheckstyleIT {

    private static final String MAIN = "com.puppycrawl.tools.checkstyle.Main";

    @TempDir
    static Path dir;

    /** The guest's disk: the sources are mounted into it read-only, at their host paths. */
    @TempDir
    static Path disk;

    private static Path checkstyleJar;
    private static List<Path> dependencies;

    @BeforeAll
    static void findCheckstyle() throws IOException {
        Path jars = Launch.property("guest.checkstyle.dir");
        List<Path> all;
        try (Stream<Path> files = Files.list(jars)) {
            all = files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
        List<Path> main = all.stream().filter(f -> f.getFileName().toString().matches("checkstyle-\\d.*\\.jar")).toList();
        assertEquals(1, main.size(), () -> "one checkstyle jar in " + jars + ": " + all);
        checkstyleJar = main.get(0);
        dependencies = new ArrayList<>(all);
        dependencies.remove(checkstyleJar);
        assertTrue(!dependencies.isEmpty(), () -> "checkstyle's dependencies in " + jars);
    }

    private static String path(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code java -cp CHECKSTYLE:DEPENDENCIES Main ARGS}. */
    private static Result natively(String... args) {
        List<Path> cp = new ArrayList<>();
        cp.add(checkstyleJar);
        cp.addAll(dependencies);
        List<String> command = new ArrayList<>(List.of("-cp", path(cp), MAIN));
        command.addAll(List.of(args));
        return Launch.java(dir, command.toArray(new String[0]));
    }

    /**
     * {@code java -jar jvisor.jar run -v --disk DISK --mount DIR:DIR --main Main -cp DEPENDENCIES
     * CHECKSTYLE ARGS}.
     */
    private static Result underJvisor(String... args) {
        return underJvisor(List.of(), args);
    }

    /** {@link #underJvisor(String...)} with more options of {@code run}. */
    private static Result underJvisor(List<String> options, String... args) {
        List<String> command = new ArrayList<>(List.of("run", "-v", "--disk", disk.toString(), "--mount", dir + ":" + dir));
        command.addAll(options);
        command.addAll(List.of("--main", MAIN, "-cp", path(dependencies), checkstyleJar.toString()));
        command.addAll(List.of(args));
        return Launch.jvisor(dir, command.toArray(new String[0]));
    }

    @Test
    void fileWithViolationsGivesTheSameReportAndStatusAsRunNatively() throws IOException {
        Files.writeString(dir.resolve("Messy.java"), String.join("\n",
                "public class Messy {",
                "    public int x;",
                "    public void bump(int a){ if(a==1) x=2; }",
                "}",
                ""));

        String source = dir.resolve("Messy.java").toString();
        Result natively = natively("-c", "/sun_checks.xml", source);
        Result guest = underJvisor("-c", "/sun_checks.xml", source);

        long errors = natively.outLines().stream().filter(l -> l.startsWith("[ERROR] ")).count();
        List<String> reports = guest.errLines().stream().filter(l -> l.startsWith("jvisor: ")).toList();
        assertAll("natively:\n" + natively + "\nunder jvisor:\n" + guest,
                () -> assertTrue(errors > 0, "checkstyle finds violations"),
                () -> assertEquals(errors, natively.status(), "checkstyle's status is the number of errors"),
                () -> assertEquals("Starting audit...", natively.outLines().get(0)),
                () -> assertTrue(natively.stdout().contains(dir.resolve("Messy.java").toRealPath().toString())
                        || natively.stdout().contains(dir.resolve("Messy.java").toString()), "names the file"),
                () -> assertEquals(natively.outLines(), guest.outLines(), "the same report under jvisor"),
                () -> assertEquals(natively.status(), guest.status(), "the same status under jvisor"),
                () -> assertTrue(guest.stderr().contains("Checkstyle ends with " + errors + " errors."), "its own summary"),
                () -> assertEquals(1, reports.size(), "one report of jvisor after the guest's exit"),
                () -> assertTrue(reports.get(0).contains("called exit") && reports.get(0).contains("status " + errors)
                        && reports.get(0).contains(MAIN), "jvisor survived the exit and reports where it came from"));
    }

    @Test
    void fileWithoutViolationsEndsWithStatusZeroBothWays() throws IOException {
        Path pkg = tidyPackage();
        Result natively = natively("-c", "/sun_checks.xml", pkg.toString());
        Result guest = underJvisor("-c", "/sun_checks.xml", pkg.toString());

        assertAll("natively:\n" + natively + "\nunder jvisor:\n" + guest,
                () -> assertEquals(0, natively.status()),
                () -> assertEquals(List.of("Starting audit...", "Audit done."), natively.outLines()),
                () -> assertEquals(natively.outLines(), guest.outLines(), "the same output under jvisor"),
                () -> assertEquals(0, guest.status(), "the same status under jvisor"),
                () -> assertTrue(guest.errLines().stream().anyMatch(l -> l.startsWith("jvisor: ") && l.contains("called exit")),
                        "jvisor reports the guest's exit"));
    }

    /** Checkstyle's 35 jars, which its loader opens as it looks classes up, count toward no quota of the guest's. */
    @Test
    void theJarsOfItsClassPathCountTowardNoOpenFilesQuota() throws IOException {
        Path pkg = tidyPackage();
        Result guest = underJvisor(List.of("--open-files", "3"), "-c", "/sun_checks.xml", pkg.toString());
        assertAll(guest.toString(),
                () -> assertEquals(List.of("Starting audit...", "Audit done."), guest.outLines()),
                () -> assertEquals(0, guest.status()));
    }

    /** A package without violations. */
    private static Path tidyPackage() throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("tidy"));
        Files.writeString(pkg.resolve("package-info.java"), String.join("\n",
                "/**",
                " * A package without style violations.",
                " */",
                "package tidy;",
                ""));
        Files.writeString(pkg.resolve("Tidy.java"), String.join("\n",
                "package tidy;",
                "",
                "/**",
                " * A class without style violations.",
                " */",
                "public final class Tidy {",
                "",
                "    /**",
                "     * Adds two numbers.",
                "     *",
                "     * @param a the first number",
                "     * @param b the second number",
                "     * @return their sum",
                "     */",
                "    public int add(final int a, final int b) {",
                "        return a + b;",
                "    }",
                "}",
                ""));
        return pkg;
    }

    @Test
    void theXmlReportItWritesLandsOnTheGuestsDiskAsNativelyBesideTheSources() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("report"));
        Files.writeString(sources.resolve("Short.java"), "class Short { int x; }\n");
        Files.deleteIfExists(dir.resolve("checkstyle-report.xml"));

        Result natively = natively("-c", "/sun_checks.xml", "-f", "xml", "-o", dir.resolve("checkstyle-report.xml").toString(),
                sources.toString());
        Result guest = underJvisor("-c", "/sun_checks.xml", "-f", "xml", "-o", "/checkstyle-report.xml", sources.toString());

        Path nativeReport = dir.resolve("checkstyle-report.xml");
        Path guestReport = disk.resolve("checkstyle-report.xml");
        assertAll("natively:\n" + natively + "\nunder jvisor:\n" + guest,
                () -> assertTrue(natively.status() > 0, "checkstyle finds violations"),
                () -> assertEquals(natively.status(), guest.status(), "the same status under jvisor"),
                () -> assertTrue(Files.readString(nativeReport).contains("<error "), "the native report lists errors"),
                () -> assertEquals(Files.readString(nativeReport), Files.readString(guestReport), "the same report"),
                () -> assertEquals(List.of("Short.java"), names(sources), "nothing written beside the sources"));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
