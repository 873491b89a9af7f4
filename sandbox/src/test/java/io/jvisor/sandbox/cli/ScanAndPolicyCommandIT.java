package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.scan.Scanner;
import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jvisor scan} and {@code jvisor policy check|show}. */
class ScanAndPolicyCommandIT {

    @TempDir
    Path dir;

    private static int exitLine() {
        return Fixtures.sourceLine("exit", "guest/exit/ExitSample.java", "System.exit(");
    }

    private static int hookLine() {
        return Fixtures.sourceLine("exit", "guest/exit/ExitSample.java", ".addShutdownHook(");
    }

    /** Whether some line of {@code lines} contains all of {@code parts}. */
    private static boolean anyLineWithAll(List<String> lines, String... parts) {
        return lines.stream().anyMatch(l -> Arrays.stream(parts).allMatch(l::contains));
    }

    /** Whether some line is exactly {@code words}, separated by white space. */
    private static boolean anyLineOfWords(List<String> lines, String... words) {
        return lines.stream().anyMatch(l -> Arrays.equals(l.strip().split("\\s+"), words));
    }

    @Test
    void scanOfTheExitSampleListsExitAndShutdownHookWithTheirSourceLinesAndSumsThemUpByCategory() {
        Result r = Launch.jvisor(dir, "scan", Fixtures.exitJar().toString());

        List<String> out = r.outLines();
        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(anyLineWithAll(out, "guest.exit.ExitSample.main:" + exitLine() + " ", "System.exit(int)", "[exit]"),
                        "System.exit at ExitSample.java:" + exitLine()),
                () -> assertTrue(anyLineWithAll(out, "guest.exit.ExitSample.main:" + hookLine() + " ",
                        "Runtime.addShutdownHook(Thread)", "[shutdown-hooks]"), "addShutdownHook at ExitSample.java:" + hookLine()),
                () -> assertTrue(anyLineOfWords(out, "exit", "1"), "summary: exit 1"),
                () -> assertTrue(anyLineOfWords(out, "shutdown-hooks", "1"), "summary: shutdown-hooks 1"),
                () -> assertEquals("", r.stderr()));
    }

    @Test
    void scanJsonPrintsTheScannersJsonReport() throws IOException {
        Result r = Launch.jvisor(dir, "scan", "--json", Fixtures.exitJar().toString());

        assertEquals(0, r.status(), r::toString);
        // The report's content is the scanner's (tested with the scanner); here: the command prints it whole.
        String expected = Scanner.scan(Fixtures.exitJar(), new Rewriter(Catalog.standard())).toJson();
        assertEquals(withoutTiming(expected), withoutTiming(r.stdout()), r::toString);
        assertTrue(r.stdout().contains("\"category\": \"exit\""), r::toString);
    }

    private static String withoutTiming(String json) {
        return json.replaceAll("\"transformMillis\": [0-9.]+", "\"transformMillis\": _");
    }

    @Test
    void scanOfADirectoryOfClassesFindsExitHaltThroughAMethodReferenceAndSetOut() throws IOException {
        Path classes = Fixtures.classesOf(Fixtures.misbehavingJar(), Files.createDirectory(dir.resolve("classes")));
        int haltLine = Fixtures.sourceLine("misbehaving", "guest/misbehaving/Misbehaving.java", "::halt");

        Result r = Launch.jvisor(dir, "scan", classes.toString());

        List<String> out = r.outLines();
        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(anyLineWithAll(out, "guest.misbehaving.Misbehaving.main:" + haltLine + " ", "Runtime.halt(int)"),
                        "Runtime::halt at Misbehaving.java:" + haltLine),
                () -> assertTrue(anyLineWithAll(out, "guest.misbehaving.Misbehaving.swallowExit:", "System.exit(int)")),
                () -> assertTrue(anyLineWithAll(out, "guest.misbehaving.Misbehaving.lambda$exitFromThread$", "System.exit(int)")),
                () -> assertTrue(anyLineWithAll(out, "guest.misbehaving.Misbehaving.replaceStdout:", "System.setOut(PrintStream)")),
                () -> assertTrue(anyLineOfWords(out, "exit", String.valueOf(out.stream().filter(l -> l.contains("[exit]")).count())),
                        "summary: exit, as many as listed"));
    }

    @Test
    void scanOfAClassTooNewToReadReportsItAndEndsWithStatusOne() throws IOException {
        Path jar = Fixtures.withClassVersion(Fixtures.helloJar(), "guest/hello/Hello.class", 70, dir.resolve("version-70.jar"));

        Result r = Launch.jvisor(dir, "scan", jar.toString());

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertTrue(anyLineWithAll(r.outLines(), "guest/hello/Hello.class", "version 70"), "names the class and version"));
    }

    @Test
    void policyCheckOfAValidFileEndsWithStatusZero() throws IOException {
        Path policy = Files.writeString(dir.resolve("good.policy"),
                "# start from the strictest preset, then let the guest read its input\n"
                        + "preset untrusted\n\nallow stdin   # a comment after a rule\ndeny set-stdio\n");

        Result r = Launch.jvisor(dir, "policy", "check", policy.toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.stdout().contains("good.policy") && r.stdout().contains("valid")),
                () -> assertEquals("", r.stderr()));
    }

    @Test
    void policyCheckOfABadFileListsEveryErrorWithItsLineAndEndsWithStatusOne() throws IOException {
        Path policy = Files.writeString(dir.resolve("bad.policy"), String.join("\n",
                "allow exit",
                "allow exitt",
                "# fine so far",
                "permit stdout",
                "preset trusted",
                "deny stdin extra",
                "deny halt",
                ""));

        Result r = Launch.jvisor(dir, "policy", "check", policy.toString());

        List<String> errors = r.errLines();
        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertEquals(4, errors.size(), "one line per error"),
                () -> assertTrue(errors.get(0).startsWith("bad.policy:2:") && errors.get(0).contains("exitt")),
                () -> assertTrue(errors.get(1).startsWith("bad.policy:4:") && errors.get(1).contains("permit")),
                () -> assertTrue(errors.get(2).startsWith("bad.policy:5:") && errors.get(2).contains("preset")),
                () -> assertTrue(errors.get(3).startsWith("bad.policy:6:") && errors.get(3).contains("extra")),
                () -> assertEquals("", r.stdout()));
    }

    @Test
    void policyShowOfPresetUntrustedDecidesEveryOperationOfTheCatalog() throws IOException {
        // The operations jvisor knows, as it lists them for a policy naming an unknown one.
        Path probe = Files.writeString(dir.resolve("probe.policy"), "allow no-such-operation\n");
        Result check = Launch.jvisor(dir, "policy", "check", probe.toString());
        Matcher known = Pattern.compile("\\(known: \\* ([^)]*)\\)").matcher(check.stderr());
        assertTrue(known.find(), check::toString);
        List<String> operations = List.of(known.group(1).trim().split("\\s+"));

        Result r = Launch.jvisor(dir, "policy", "show", "--preset", "untrusted");

        Map<String, String> shown = new LinkedHashMap<>();
        List<String> lines = r.outLines();
        assertEquals(List.of("  environment: empty", "  files: a disk of the guest's own"), lines.subList(lines.size() - 2, lines.size()),
                r::toString);
        for (String line : lines.subList(1, lines.size() - 2)) {
            String[] words = line.strip().split("\\s+");
            assertTrue(words[0].equals("allow") || words[0].equals("deny"), () -> "allow or deny: '" + line + "'\n" + r);
            assertEquals(null, shown.put(words[1], words[0]), () -> "listed twice: " + line + "\n" + r);
        }
        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().get(0).contains("untrusted"), "names the policy"),
                () -> assertEquals(List.copyOf(operations), List.copyOf(shown.keySet()), "every operation, once"),
                // untrusted: "may write to its console and end itself, nothing more"
                () -> assertEquals("allow", shown.get("exit")),
                () -> assertEquals("allow", shown.get("halt")),
                () -> assertEquals("allow", shown.get("stdout")),
                () -> assertEquals("allow", shown.get("stderr")),
                () -> assertEquals("deny", shown.get("stdin")),
                () -> assertEquals("deny", shown.get("set-stdio")),
                () -> assertEquals("deny", shown.get("shutdown-hook")),
                () -> assertEquals("deny", shown.get("property-read")),
                () -> assertEquals("deny", shown.get("env-read")),
                () -> assertEquals("deny", shown.get("process")),
                () -> assertEquals("deny", shown.get("connect")));
    }

    @Test
    void policyShowOfAFileNamesTheRuleAndLineThatDecidesEachOperation() throws IOException {
        Path policy = Files.writeString(dir.resolve("mine.policy"), "preset untrusted\n# let it read\nallow stdin\n");

        Result r = Launch.jvisor(dir, "policy", "show", "--policy", policy.toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(anyLineWithAll(r.outLines(), "allow", "stdin", "mine.policy:3"), "stdin allowed by mine.policy:3"),
                () -> assertTrue(anyLineWithAll(r.outLines(), "deny", "set-stdio", "preset untrusted"),
                        "set-stdio denied by the preset"));
    }
}
