package io.jvisor.agent.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The critical-instruction catalog: the privileged JDK members whose use in guest code traps.
 * Read from one data table (the {@code critical-instructions.tsv} resource beside this class)
 * that the rewriter, {@code jvisor scan}, the policy checker and the generated documentation share.
 * Immutable and safe to share between threads.
 */
public final class Catalog {

    private static final String RESOURCE = "critical-instructions.tsv";
    private static final Catalog STANDARD = load();

    private final List<CriticalInstruction> entries;
    private final Map<String, CriticalInstruction> byKey;
    private final Set<String> owners;

    private Catalog(List<CriticalInstruction> entries) {
        this.entries = List.copyOf(entries);
        Map<String, CriticalInstruction> keys = new HashMap<>();
        Set<String> ownerSet = new LinkedHashSet<>();
        for (CriticalInstruction e : entries.stream().filter(CriticalInstruction::isRewritten).toList()) {
            if (keys.put(e.key(), e) != null) {
                throw new IllegalStateException("catalog lists " + e.key() + " twice");
            }
            ownerSet.add(e.owner());
        }
        this.byKey = keys;
        this.owners = Collections.unmodifiableSet(ownerSet);
    }

    /** The catalog shipped with jvisor. */
    public static Catalog standard() {
        return STANDARD;
    }

    /** All entries, in the order of the table. */
    public List<CriticalInstruction> entries() {
        return entries;
    }

    /** The policy operations the catalog names, in table order (not {@link CriticalInstruction#NO_OPERATION}). */
    public Set<String> operations() {
        Set<String> ops = new LinkedHashSet<>();
        entries.stream().map(CriticalInstruction::operation).filter(op -> !op.equals(CriticalInstruction.NO_OPERATION))
                .forEach(ops::add);
        return ops;
    }

    /** The scan categories the catalog names, in table order. */
    public Set<String> categories() {
        Set<String> cats = new LinkedHashSet<>();
        entries.forEach(e -> cats.add(e.category()));
        return cats;
    }

    /** The scan categories of the entries rewritten at call sites, in table order: those a scan counts. */
    public Set<String> rewrittenCategories() {
        Set<String> cats = new LinkedHashSet<>();
        entries.stream().filter(CriticalInstruction::isRewritten).forEach(e -> cats.add(e.category()));
        return cats;
    }

    /** The internal names of the classes that declare the entries rewritten at call sites; unmodifiable. */
    public Set<String> owners() {
        return owners;
    }

    /** Whether any entry rewritten at call sites is declared by the class with this internal name. */
    public boolean isOwner(String internalName) {
        return owners.contains(internalName);
    }

    /**
     * The entry for a member whose call sites are rewritten, or {@code null} if calling it is not
     * critical (guarded JDK-internal members are not found here).
     *
     * @param owner      internal name of the class named by the instruction
     * @param name       the member's name
     * @param descriptor the member's descriptor
     */
    public CriticalInstruction find(String owner, String name, String descriptor) {
        return byKey.get(CriticalInstruction.key(owner, name, descriptor));
    }

    private static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("jvisor is incomplete: " + RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog parse(BufferedReader reader) throws IOException {
        List<CriticalInstruction> list = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 11) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": expected 11 tab-separated fields, found " + f.length);
            }
            CriticalInstruction.Kind kind = CriticalInstruction.Kind.valueOf(f[0].toUpperCase(Locale.ROOT));
            list.add(new CriticalInstruction(kind, f[1], f[2], f[3], f[4], f[5], f[6],
                    CriticalInstruction.Binding.of(f[7]), f[8], f[9], CriticalInstruction.SuperCall.of(f[10])));
        }
        return new Catalog(list);
    }
}
