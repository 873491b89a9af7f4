package io.jvisor.sandbox.policy;

import io.jvisor.agent.catalog.Catalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps {@code docs/POLICY.md} equal to what {@link PolicyDoc} renders; {@code -Djvisor.regenerateDocs=true} rewrites it. */
class PolicyDocTest {

    @Test
    void docsPolicyIsCurrent() throws IOException {
        Path file = Path.of("..").resolve(PolicyDoc.PATH);
        String expected = PolicyDoc.markdown(Catalog.standard());
        if (Boolean.getBoolean("jvisor.regenerateDocs")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(file), file + " is missing: run mvn -pl sandbox -am test -Dtest=PolicyDocTest -Dsurefire.failIfNoSpecifiedTests=false -Djvisor.regenerateDocs=true");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n"),
                file + " is out of date with the presets: run mvn -pl sandbox -am test -Dtest=PolicyDocTest -Dsurefire.failIfNoSpecifiedTests=false -Djvisor.regenerateDocs=true");
    }

    @Test
    void everyPresetDecidesEveryOperationInTheTable() {
        String md = PolicyDoc.markdown(Catalog.standard());
        for (String op : Catalog.standard().operations()) {
            assertTrue(md.contains("\n| `" + op + "` |"), op);
        }
        for (String preset : Policy.PRESETS) {
            assertTrue(md.contains("\n### `" + preset + "`\n"), preset);
            assertTrue(PolicyDoc.FORMAT.contains(preset), "the format names preset " + preset);
        }
    }
}
