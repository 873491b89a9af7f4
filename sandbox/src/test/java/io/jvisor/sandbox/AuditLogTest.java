package io.jvisor.sandbox;

import io.jvisor.sandbox.policy.Decision;
import io.jvisor.sandbox.policy.Rule;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log's lines: one JSON object per decision, denials only unless asked for all. */
class AuditLogTest {

    private static final Decision DENIED = new Decision(false, "process", new Rule(false, "process", "x.policy", 2));
    private static final Decision ALLOWED = new Decision(true, "stdout", new Rule(true, "*", "x.policy", 1));

    @Test
    void aDenialIsOneJsonLineWithTheGuestsCallSiteAndTheRule() {
        // no hypervisor runs in this test: the caller's ring is unknown
        StringWriter out = new StringWriter();
        AuditLog log = AuditLog.to(out, false);
        log.record("app", DENIED, "rm \"-rf\"");
        String line = out.toString();
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
        assertTrue(line.matches("\\{\"time\": \"[0-9T:.\\-]+Z\", \"guest\": \"app\", \"class\": \"io\\.jvisor\\.sandbox\\.AuditLogTest\", "
                + "\"method\": \"aDenialIsOneJsonLineWithTheGuestsCallSiteAndTheRule\", \"line\": [0-9]+, \"ring\": null, \"operation\": \"process\", "
                + "\"argument\": \"rm \\\\\"-rf\\\\\"\", \"decision\": \"deny\", \"rule\": \"'deny process' \\(x\\.policy:2\\)\"\\}\n"), line);
    }

    @Test
    void allowedDecisionsAreWrittenOnlyWhenAskedFor() {
        StringWriter denialsOnly = new StringWriter();
        AuditLog.to(denialsOnly, false).record("app", ALLOWED, null);
        assertEquals("", denialsOnly.toString());

        StringWriter every = new StringWriter();
        AuditLog.to(every, true).record("app", ALLOWED, null);
        assertTrue(every.toString().contains("\"operation\": \"stdout\", \"argument\": null, \"decision\": \"allow\""), every.toString());
    }

    @Test
    void noneWritesNothingAndWantsNothing() {
        assertFalse(AuditLog.NONE.wants(false));
        assertFalse(AuditLog.NONE.wants(true));
        AuditLog.NONE.record("app", DENIED, null);
    }

    @Test
    void aFileIsAppendedTo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, false)) {
            log.record("a", DENIED, null);
        }
        try (AuditLog log = AuditLog.open(file, false)) {
            log.record("b", DENIED, null);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"guest\": \"a\"") && lines.get(1).contains("\"guest\": \"b\""), lines.toString());
    }
}
