package io.jvisor.agent.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the catalog as the Markdown of {@code docs/CATALOG.md}. The file is generated, never
 * edited: {@code CatalogDocTest} fails when it differs from {@link #markdown(Catalog)} and
 * rewrites it when run with {@code -Djvisor.regenerateDocs=true}.
 */
public final class CatalogDoc {

    /** Where in the repository the rendered catalog lives. */
    public static final String PATH = "docs/CATALOG.md";

    private CatalogDoc() {
    }

    /**
     * The catalog as a Markdown document: a title, a note on how the file is made, one table per
     * scan category (member, how it is reached, policy operation, trap, what happens when the
     * operation is allowed and when it is denied), and the list of policy operations. Lines end
     * in {@code \n}; the same catalog always gives the same text.
     *
     * @param catalog the catalog to render, not {@code null}
     * @return the document, never {@code null}
     */
    public static String markdown(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        StringBuilder md = new StringBuilder();
        md.append("# The critical-instruction catalog\n\n");
        md.append("<!-- Generated from critical-instructions.tsv by io.jvisor.agent.catalog.CatalogDoc. "
                + "Do not edit. -->\n\n");
        md.append("This file is generated from the catalog table "
                + "`agent/src/main/resources/io/jvisor/agent/catalog/critical-instructions.tsv`, "
                + "the one table that the rewriter, `jvisor scan` and the policy checker read. "
                + "Do not edit it by hand: change the table, then regenerate this file with\n"
                + "`mvn -pl agent -am test -Dtest=CatalogDocTest -Dsurefire.failIfNoSpecifiedTests=false -Djvisor.regenerateDocs=true` "
                + "(the test `io.jvisor.agent.catalog.CatalogDocTest` writes it; without the flag that test "
                + "fails while this file is out of date).\n\n");
        md.append("Each member below is privileged: when guest code uses it, the agent rewrites the use into "
                + "a call of the named trap in `io.jvisor.hooks.Traps`, which asks the guest's policy "
                + "about the operation. Direct uses (the instruction in *Reached by*) and method handle "
                + "constants naming the member (method references, lambdas, `ldc`, bootstrap arguments) "
                + "are both rewritten. The rewriter also guards every `catch (Throwable)` and "
                + "`catch (Error)` handler with `Traps.handlerEntered`, so that a guest cannot catch "
                + "its own end; that rule is not a row of the table. A trap *bound per class* is reached by "
                + "an `invokedynamic` site that `Traps.bind` binds, at its first call, to the guest of the "
                + "class holding it, so that the hottest traps skip finding the guest at each call; the "
                + "others pass the calling class to the trap at each call, as every trap does in a class "
                + "file older than Java 7. A guest's subclass whose constructor calls a trapped constructor as "
                + "`super(...)`, which no trap can replace, is refused at run time unless the trap cell names "
                + "a trap for it: that one decides the call's arguments and gives the subclass the file to open "
                + "instead. A member *reached by* `guard` is a JDK-internal choke point "
                + "that guest code cannot call: every path to the operation passes it, and the agent "
                + "weaves a call of the named method of `io.jvisor.hooks.Guards` into it. The guards "
                + "catch what no rewritten call site sees (reflection, method handles, a class never "
                + "rewritten, the JDK's own code working for a guest); a member both rewritten and guarded "
                + "has a row of each. A trap or guard whose operation is — decides nothing: it shows a guest "
                + "its own view (its heap, its paths, its defaults, its stack) or counts what it holds open; `(...)` "
                + "stands for every method of the name (every constructor). The test "
                + "`io.jvisor.agent.guard.GuardsMatchCatalogTest` checks that the guard rows and the "
                + "methods the agent weaves into are the same on the JDK it runs on.\n\n");
        md.append(catalog.entries().size()).append(" members in ").append(catalog.categories().size())
                .append(" categories, decided by ").append(catalog.operations().size())
                .append(" policy operations.\n");

        Map<String, List<CriticalInstruction>> byCategory = new LinkedHashMap<>();
        for (CriticalInstruction e : catalog.entries()) {
            byCategory.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<CriticalInstruction>> category : byCategory.entrySet()) {
            md.append("\n## Category `").append(category.getKey()).append("`\n\n");
            md.append("| Member | Reached by | Operation | Trap | When allowed | When denied |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (CriticalInstruction e : category.getValue()) {
                md.append("| ").append(cell(e.displayName())).append("<br>`")
                        .append(e.owner()).append('.').append(e.name()).append(':').append(e.descriptor())
                        .append("` | `").append(e.kind().label())
                        .append(e.operation().equals(CriticalInstruction.NO_OPERATION) ? "` | — | `" : "` | `" + e.operation() + "` | `")
                        .append(e.isRewritten() ? "Traps." : "Guards.").append(e.hook())
                        .append(e.binding() == CriticalInstruction.Binding.CLASS ? "`, bound per class" : "`")
                        .append(e.superCall() == null ? " | " : "; a subclass's `super(...)`: `Traps." + e.superCall().hook() + "` | ")
                        .append(cell(e.allowed()))
                        .append(" | ").append(cell(e.denied()))
                        .append(" |\n");
            }
        }

        md.append("\n## Policy operations\n\n");
        md.append("A policy names these operations in `allow OPERATION` and `deny OPERATION` rules.\n\n");
        Map<String, List<CriticalInstruction>> byOperation = new LinkedHashMap<>();
        for (CriticalInstruction e : catalog.entries()) {
            if (!e.operation().equals(CriticalInstruction.NO_OPERATION)) {
                byOperation.computeIfAbsent(e.operation(), o -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<String, List<CriticalInstruction>> op : byOperation.entrySet()) {
            md.append("- `").append(op.getKey()).append("`: ");
            List<CriticalInstruction> members = op.getValue();
            for (int i = 0; i < members.size(); i++) {
                md.append(i == 0 ? "" : ", ").append(cell(members.get(i).displayName()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Text made safe for a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
                .replace("<", "&lt;");
    }
}
