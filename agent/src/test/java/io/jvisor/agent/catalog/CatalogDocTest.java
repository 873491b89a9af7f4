package io.jvisor.agent.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps {@code docs/CATALOG.md} equal to what {@link CatalogDoc} renders from the catalog. Run with
 * {@code -Djvisor.regenerateDocs=true} to write the file instead of comparing.
 */
class CatalogDocTest {

    private static final String REGENERATE = "jvisor.regenerateDocs";

    @Test
    void docsCatalogIsCurrent() throws IOException {
        Path file = repositoryRoot().resolve(CatalogDoc.PATH);
        String expected = CatalogDoc.markdown(Catalog.standard());

        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            System.out.println("CatalogDocTest: wrote " + file.toAbsolutePath().normalize());
            return;
        }
        String how = " Regenerate it from critical-instructions.tsv with\n"
                + "  mvn -pl agent -am test -Dtest=CatalogDocTest -Dsurefire.failIfNoSpecifiedTests=false -D" + REGENERATE + "=true\n"
                + "and check in the result; do not edit the file by hand.";
        if (!Files.isRegularFile(file)) {
            fail(file.toAbsolutePath().normalize() + " is missing." + how);
        }
        String actual = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!actual.equals(expected)) {
            fail(file.toAbsolutePath().normalize() + " is out of date with the catalog (" + firstDifference(expected, actual)
                    + ")." + how);
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] have = actual.split("\n", -1);
        for (int i = 0; i < Math.max(want.length, have.length); i++) {
            String w = i < want.length ? want[i] : "<end of file>";
            String h = i < have.length ? have[i] : "<end of file>";
            if (!w.equals(h)) {
                return "first difference at line " + (i + 1) + ": expected \"" + w + "\", found \"" + h + "\"";
            }
        }
        return "they differ";
    }

    @Test
    void rendersEveryRowAndOperation() {
        Catalog catalog = Catalog.standard();
        String md = CatalogDoc.markdown(catalog);

        assertTrue(md.startsWith("# "), "a title first");
        assertTrue(md.contains("critical-instructions.tsv"), "names its source");
        assertTrue(md.contains("-D" + REGENERATE + "=true"), "says how to regenerate");
        for (String category : catalog.categories()) {
            assertTrue(md.contains("\n## Category `" + category + "`\n"), category);
        }
        for (CriticalInstruction e : catalog.entries()) {
            String row = "| " + e.displayName().replace("<", "&lt;") + "<br>`" + e.owner() + "." + e.name() + ":" + e.descriptor() + "` | `"
                    + e.kind().label() + (e.operation().equals(CriticalInstruction.NO_OPERATION) ? "` | — | `" : "` | `" + e.operation() + "` | `")
                    + (e.isRewritten() ? "Traps." : "Guards.")
                    + e.hook() + (e.binding() == CriticalInstruction.Binding.CLASS ? "`, bound per class" : "`")
                    + (e.superCall() == null ? " | " : "; a subclass's `super(...)`: `Traps." + e.superCall().hook() + "` | ");
            assertTrue(md.contains(row), "a row for " + e);
        }
        for (String operation : catalog.operations()) {
            assertTrue(md.contains("\n- `" + operation + "`: "), operation);
        }
        assertEquals(md, CatalogDoc.markdown(catalog), "the same catalog gives the same text");
    }

    /** The directory holding the modules; surefire runs tests in the module's own directory. */
    private static Path repositoryRoot() {
        Path root = Path.of("..");
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("agent"))) {
            fail("expected to run in the agent module's directory, but the working directory is "
                    + Path.of("").toAbsolutePath());
        }
        return root;
    }
}
