package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jvisor escapes}: every technique of the escape suite (samples/escapes) is contained on the JDK of the test. */
class EscapeSuiteIT {

    private static final Pattern SUMMARY = Pattern.compile("escape suite on JDK \\S+: (\\d+) techniques?, (\\d+) contained, "
            + "(\\d+) escaped, (\\d+) inconclusive, (\\d+) not applicable");
    /** A line of the runner's own: a verdict, an escaped technique's source, or the summary. */
    private static final Pattern OWN_LINE = Pattern.compile("(contained|ESCAPED|inconclusive|n/a) +[a-z0-9-]+ .*|  +source: .*|"
            + SUMMARY.pattern());

    @TempDir
    Path dir;

    private static Path escapesJar() {
        return Launch.property("sample.escapes");
    }

    /** The index's rows, each split at its tabs. */
    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (JarFile jar = new JarFile(escapesJar().toFile());
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     jar.getInputStream(jar.getJarEntry(EscapeSuite.INDEX)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        return rows;
    }

    @Test
    void everyTechniqueThatAppliesIsContainedAndNoMarkerReachesTheProcessOutput() throws IOException {
        int indexed = rows().size();

        Result r = Launch.jvisor(dir, "escapes", escapesJar().toString());

        List<String> summaries = r.outLines().stream().filter(l -> SUMMARY.matcher(l).matches()).toList();
        assertEquals(1, summaries.size(), r::toString);
        Matcher s = SUMMARY.matcher(summaries.get(0));
        assertTrue(s.matches());
        int techniques = Integer.parseInt(s.group(1));
        int notApplicable = Integer.parseInt(s.group(5));
        assertAll(r.toString(),
                () -> assertTrue(indexed >= 45, "the suite indexes " + indexed + " techniques, fewer than 45"),
                () -> assertEquals(indexed, techniques + notApplicable, "every indexed technique is reported"),
                () -> assertEquals(0, Integer.parseInt(s.group(3)), "escaped"),
                () -> assertEquals(0, Integer.parseInt(s.group(4)), "inconclusive"),
                () -> assertEquals(techniques, Integer.parseInt(s.group(2)), "contained"),
                () -> assertEquals(0, r.status(), "exit status"),
                () -> assertEquals(List.of(), r.outLines().stream().filter(l -> !OWN_LINE.matcher(l).matches()).toList(),
                        "lines on standard output that are not the runner's"),
                () -> assertFalse(r.stdout().contains(EscapeSuite.MARKER_PREFIX), "a host-console marker on standard output"),
                () -> assertFalse(r.stderr().contains(EscapeSuite.MARKER_PREFIX), "a host-console marker on standard error"));
    }

    @Test
    void onlyRunsTheTechniqueItNames() throws IOException {
        int feature = Runtime.version().feature();
        String id = rows().stream()
                .filter(f -> Integer.parseInt(f[4]) <= feature && (f[5].equals("-") || feature <= Integer.parseInt(f[5])))
                .map(f -> f[0]).findFirst().orElseThrow();

        Result r = Launch.jvisor(dir, "escapes", "--only", id, escapesJar().toString());

        List<String> verdicts = r.outLines().stream().filter(l -> l.matches("(contained|ESCAPED|inconclusive) .*")).toList();
        assertAll(r.toString(),
                () -> assertEquals(1, verdicts.size(), "one verdict"),
                () -> assertTrue(verdicts.get(0).matches("\\S+ +" + Pattern.quote(id) + " .*"), "the verdict names " + id),
                () -> assertTrue(r.stdout().contains(": 1 technique, "), "the summary counts one technique"),
                () -> assertEquals(r.stdout().contains(" 1 contained,") ? 0 : 1, r.status(), "exit status"));
    }

    @Test
    void aJarWithoutTheIndexIsOneClearError() {
        Result r = Launch.jvisor(dir, "escapes", Fixtures.helloJar().toString());

        assertAll(r.toString(),
                () -> assertEquals(FailedException.STATUS, r.status()),
                () -> assertEquals("", r.stdout()),
                () -> assertEquals(1, r.errLines().size(), "one line"),
                () -> assertTrue(r.errLines().get(0).startsWith("jvisor: "), "a jvisor error"),
                () -> assertTrue(r.errLines().get(0).contains(EscapeSuite.INDEX), "names the missing index"));
    }
}
