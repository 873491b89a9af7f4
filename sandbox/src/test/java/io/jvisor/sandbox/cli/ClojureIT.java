package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clojure from Maven Central, unmodified, as a guest: {@code clojure.main} runs a script from the
 * guest's disk, whose functions Clojure's compiler turns into classes as it reads them, defined by
 * its own {@code DynamicClassLoader} and never in a jar jvisor prescanned; Clojure's agents run
 * futures and {@code pmap} on thread pools of their own. The compiled function's
 * {@code System/exit} traps (the audit log names its class), its file lands on the disk, its
 * process is refused, and the guest's threads are its own.
 */
class ClojureIT {

    private static final String SCRIPT = String.join("\n",
            "(def write-and-read (eval '(fn [path] (spit path \"compiled at run time\") (slurp path))))",
            "(println \"loader:\" (.getName (class (.getClassLoader (class write-and-read)))))",
            "(println \"read back:\" (write-and-read \"/home/guest/clojure.txt\"))",
            "(println \"future:\" @(future (+ 40 2)))",
            "(println \"pmap:\" (vec (pmap inc (range 4))))",
            "(println \"process:\" (try (.start (ProcessBuilder. [\"ls\"])) (catch java.io.IOException e (.getMessage e))))",
            "(println \"/etc/passwd exists:\" (.exists (java.io.File. \"/etc/passwd\")))",
            "((eval '(fn [] (System/exit 4))))",
            "(println \"not reached\")",
            "");
    /** A function the script compiles at run time, as Clojure names its class. */
    private static final Pattern COMPILED_FN = Pattern.compile(".*\"class\": \"user\\$eval\\d+\\$fn__\\d+\", \"method\": \"invoke\".*");

    @TempDir
    Path dir;

    @Test
    void codeClojureCompilesAtRunTimeIsRewrittenAndConfinedToTheGuest() throws IOException {
        Path jars = Launch.property("guest.clojure.dir");
        Path clojure;
        try (Stream<Path> files = Files.list(jars)) {
            clojure = files.filter(f -> f.getFileName().toString().matches("clojure-[0-9.]+\\.jar")).findFirst().orElseThrow();
        }
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.writeString(disk.resolve("script.clj"), SCRIPT);
        Path audit = dir.resolve("audit.jsonl");

        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--audit", audit.toString(), "--audit-all",
                "-cp", Fixtures.jarsOf("guest.clojure.dir"), "--main", "clojure.main", clojure.toString(), "/script.clj");

        List<String> decisions = Files.readAllLines(audit);
        String name = clojure.getFileName().toString().replace(".jar", "");
        assertAll(guest.toString(),
                () -> assertEquals(4, guest.status(), "the exit status of the compiled function"),
                () -> assertEquals(List.of("loader: clojure.lang.DynamicClassLoader", "read back: compiled at run time",
                        "future: 42", "pmap: [1 2 3 4]",
                        "process: Cannot run program \"ls\": jvisor: guest '" + name + "' may not start processes: denied by "
                                + "policy rule 'deny process' (preset constrained:7)",
                        "/etc/passwd exists: false"), guest.outLines()),
                () -> assertEquals("", guest.stderr()),
                () -> assertEquals("compiled at run time", Files.readString(disk.resolve("home/guest/clojure.txt")),
                        "the file on the disk"),
                () -> assertTrue(decisions.stream().anyMatch(d -> COMPILED_FN.matcher(d).matches() && d.contains("\"operation\": \"exit\"")),
                        "the exit trapped in the compiled function: " + decisions));
    }
}
