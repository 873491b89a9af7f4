package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Groovy from Maven Central, unmodified, as a guest: its command line ({@code GroovyMain})
 * compiles a script from the guest's disk at run time, in a class loader of its own, and the script
 * compiles more code as it runs. Those classes never were in a jar that jvisor prescanned: they are
 * rewritten as they are defined, so the script's own {@code System.exit} traps (the audit log
 * names the script's class and line), its files land on the disk, and its process is refused.
 */
class GroovyIT {

    private static final String SCRIPT = String.join("\n",
            "class Square { int side; int area() { side * side } }",
            "def areas = (1..4).collect { new Square(side: it).area() }",
            "new File('/work/areas.txt').with { parentFile.mkdirs(); text = areas.join(',') }",
            "println \"wrote ${new File('/work/areas.txt').text}\"",
            "println \"evaluated at run time: ${new GroovyShell().evaluate('6 * 7')}\"",
            "try { 'ls'.execute() } catch (IOException e) { println \"process: ${e.message}\" }",
            "println \"/etc/passwd exists: ${new File('/etc/passwd').exists()}\"",
            "System.exit(3)",
            "println 'not reached'",
            "");

    @TempDir
    Path dir;

    @Test
    void aScriptCompiledAtRunTimeIsRewrittenAndConfinedToTheGuest() throws IOException {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.writeString(disk.resolve("script.groovy"), SCRIPT);
        Path audit = dir.resolve("audit.jsonl");

        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--audit", audit.toString(), "--audit-all",
                "--main", "groovy.ui.GroovyMain", Launch.property("guest.groovy").toString(), "/script.groovy");

        List<String> decisions = Files.readAllLines(audit);
        assertAll(guest.toString(),
                () -> assertEquals(3, guest.status(), "the script's exit status"),
                () -> assertEquals(List.of("wrote 1,4,9,16", "evaluated at run time: 42",
                        "process: Cannot run program \"ls\": jvisor: guest 'groovy-5.0.8' may not start processes: denied by policy "
                                + "rule 'deny process' (preset constrained:7)",
                        "/etc/passwd exists: false"), guest.outLines()),
                () -> assertEquals("", guest.stderr()),
                () -> assertEquals("1,4,9,16", Files.readString(disk.resolve("work/areas.txt")), "the script's file on the disk"),
                () -> assertTrue(decisions.stream().anyMatch(d -> d.contains("\"class\": \"script\", \"method\": \"run\", \"line\": 8,")
                        && d.contains("\"operation\": \"exit\"")), "the exit trapped in the compiled script: " + decisions));
    }
}
