package io.jvisor.agent.scan;

import io.jvisor.agent.internal.Json;

import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.agent.rewrite.TrapSite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@linkplain Scanner scan} found: each use of a critical instruction the rewriter would
 * trap, the classes it could not read, and counts. Immutable; made by {@link Scanner} only.
 *
 * <p>Two renderings: {@link #toText()} for people and {@link #toJson()} for tools.
 */
public final class ScanReport {

    private static final String VERSIONS = "META-INF/versions/";

    /**
     * One trapped use of a critical instruction.
     *
     * @param entry the class file's path in the jar or directory, e.g. {@code com/example/Main.class}
     *              or {@code META-INF/versions/11/com/example/Main.class}; never {@code null}
     * @param trap  the site as the rewriter reported it; never {@code null}
     */
    public record Site(String entry, TrapSite trap) {

        public Site {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(trap, "trap");
        }
    }

    /**
     * A class file that could not be read or rewritten; the agent would refuse to load it.
     *
     * @param entry   the class file's path in the jar or directory; never {@code null}
     * @param message what is wrong with it; never {@code null}
     */
    public record EntryError(String entry, String message) {

        public EntryError {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Sites by class, then base entry before versioned ones, then method, then line. */
    private static final Comparator<Site> SITE_ORDER = Comparator
            .comparing((Site s) -> s.trap().className())
            .thenComparingInt(s -> release(s.entry()))
            .thenComparing(Site::entry)
            .thenComparing(s -> s.trap().methodName())
            .thenComparing(s -> s.trap().methodDescriptor())
            .thenComparingInt(s -> s.trap().line());

    private final String source;
    private final List<Site> sites;
    private final List<EntryError> errors;
    private final int classesScanned;
    private final int classesRewritten;
    private final long transformNanos;
    private final Map<String, Integer> summary;
    /** The ring of each class, by binary name, sorted; {@code null} if no rings were asked for. */
    private final Map<String, Integer> rings;

    ScanReport(String source, Collection<Site> sites, Collection<EntryError> errors, int classesScanned,
            int classesRewritten, long transformNanos, Set<String> categories, Map<String, Integer> rings) {
        this.rings = rings == null ? null : Collections.unmodifiableMap(new java.util.TreeMap<>(rings));
        this.source = Objects.requireNonNull(source, "source");
        List<Site> sorted = new ArrayList<>(sites);
        sorted.sort(SITE_ORDER);
        this.sites = List.copyOf(sorted);
        List<EntryError> sortedErrors = new ArrayList<>(errors);
        sortedErrors.sort(Comparator.comparing(EntryError::entry));
        this.errors = List.copyOf(sortedErrors);
        this.classesScanned = classesScanned;
        this.classesRewritten = classesRewritten;
        this.transformNanos = transformNanos;
        Map<String, Integer> counts = new LinkedHashMap<>();
        categories.forEach(c -> counts.put(c, 0));
        this.sites.forEach(s -> counts.merge(s.trap().target().category(), 1, Integer::sum));
        this.summary = Collections.unmodifiableMap(counts);
    }

    /** The jar or directory scanned, as it was given. */
    public String source() {
        return source;
    }

    /**
     * Every trapped use, sorted by class name, then entry (the base class before its versions in a
     * multi-release jar), then method name and descriptor, then line. Unmodifiable.
     */
    public List<Site> sites() {
        return sites;
    }

    /** The class files that could not be read or rewritten, sorted by entry. Unmodifiable. */
    public List<EntryError> errors() {
        return errors;
    }

    /** How many class files were found ({@code module-info.class} excepted), errors included. */
    public int classesScanned() {
        return classesScanned;
    }

    /**
     * How many classes the rewriter would change. A class can need rewriting without any site:
     * its {@code catch (Throwable)} and {@code catch (Error)} handlers are guarded too.
     */
    public int classesRewritten() {
        return classesRewritten;
    }

    /**
     * The ring of every class scanned, by binary name, in name order, as the policy given to the
     * scan assigns; empty if the scan was asked for no rings. Unmodifiable.
     */
    public Map<String, Integer> rings() {
        return rings == null ? Map.of() : rings;
    }

    /** The time spent in the rewriter, in nanoseconds; reading the input is not counted. */
    public long transformNanos() {
        return transformNanos;
    }

    /**
     * The number of sites per scan category: every category of the catalog's members rewritten at
     * call sites, in catalog order, zero counts included. Unmodifiable.
     */
    public Map<String, Integer> summary() {
        return summary;
    }

    /**
     * The report for people: one line per site, then the errors, the sites per category and the
     * totals. A site line reads
     * <pre>  com.example.Main.main:12   System.exit(int)   [exit]   call</pre>
     * with {@code ?} for an unknown line, and a last column naming the entry for the versioned
     * classes of a multi-release jar. The form is {@code call}, {@code field read} or
     * {@code method handle} (a method reference, a lambda's target, an {@code ldc} constant).
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("jvisor scan of ").append(source).append('\n');
        if (sites.isEmpty()) {
            out.append("\nNo use of a critical instruction found.\n");
        } else {
            out.append("\nTrapped sites:\n");
            int locationWidth = 0;
            int memberWidth = 0;
            int categoryWidth = 0;
            for (Site s : sites) {
                locationWidth = Math.max(locationWidth, location(s.trap()).length());
                memberWidth = Math.max(memberWidth, s.trap().target().displayName().length());
                categoryWidth = Math.max(categoryWidth, s.trap().target().category().length() + 2);
            }
            for (Site s : sites) {
                TrapSite t = s.trap();
                StringBuilder line = new StringBuilder("  ");
                pad(line, location(t), locationWidth).append("  ");
                pad(line, t.target().displayName(), memberWidth).append("  ");
                pad(line, "[" + t.target().category() + "]", categoryWidth).append("  ");
                if (rings != null) {
                    line.append("ring ").append(rings.getOrDefault(t.className(), 0)).append("  ");
                }
                line.append(formLabel(t));
                if (release(s.entry()) != 0) {
                    line.append("  (").append(s.entry()).append(')');
                }
                out.append(line).append('\n');
            }
        }
        if (!errors.isEmpty()) {
            out.append("\nErrors (the agent would refuse to load these classes):\n");
            for (EntryError e : errors) {
                out.append("  ").append(e.entry()).append(": ").append(e.message()).append('\n');
            }
        }
        if (rings != null) {
            appendRings(out);
        }
        out.append("\nSites by category:\n");
        int width = "total".length();
        for (String category : summary.keySet()) {
            width = Math.max(width, category.length());
        }
        for (Map.Entry<String, Integer> e : summary.entrySet()) {
            pad(out.append("  "), e.getKey(), width).append("  ").append(e.getValue()).append('\n');
        }
        pad(out.append("  "), "total", width).append("  ").append(sites.size()).append('\n');
        out.append("  (what reaches the guards woven into the JDK, sockets and threads among it, has no site here:"
                + " docs/CATALOG.md lists the guards)\n");

        out.append('\n')
                .append(count(classesScanned, "class", "classes")).append(" scanned, ")
                .append(classesRewritten).append(" need rewriting, ")
                .append(count(sites.size(), "site", "sites")).append(", ")
                .append(count(errors.size(), "error", "errors")).append("; rewriter time ")
                .append(millis()).append(" ms\n");
        int withoutSites = classesRewritten - classesWithSites();
        if (withoutSites > 0) {
            out.append(withoutSites).append(" of the classes that need rewriting ")
                    .append(withoutSites == 1 ? "has no site: it is rewritten only to guard its"
                            : "have no site: they are rewritten only to guard their")
                    .append(" catch (Throwable) or catch (Error) handlers\n");
        }
        return out.toString();
    }

    /**
     * The report for tools, as one JSON object:
     * <pre>
     * {
     *   "source": string, "classes": int, "rewritten": int, "transformMillis": number,
     *   "sites": [ { "entry": string, "class": string, "method": string, "descriptor": string,
     *                "line": int or null,
     *                "member": { "owner": string, "name": string, "descriptor": string,
     *                            "display": string },
     *                "category": string, "operation": string, "form": "call" | "handle",
     *                "ring": int (only if rings were asked for) } ],
     *   "summary": { category: int, ... },
     *   "rings": { class: int, ... } (only if rings were asked for),
     *   "errors": [ { "entry": string, "message": string } ]
     * }
     * </pre>
     * Class and owner names are binary names ({@code java.lang.System}); descriptors are JVM
     * descriptors. {@code rewritten} counts the classes the rewriter would change.
     */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"source\": ").append(quote(source)).append(",\n");
        out.append("  \"classes\": ").append(classesScanned).append(",\n");
        out.append("  \"rewritten\": ").append(classesRewritten).append(",\n");
        out.append("  \"transformMillis\": ").append(millis()).append(",\n");
        out.append("  \"sites\": [");
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            TrapSite t = s.trap();
            CriticalInstruction m = t.target();
            out.append(i == 0 ? "\n" : ",\n").append("    {")
                    .append("\"entry\": ").append(quote(s.entry()))
                    .append(", \"class\": ").append(quote(t.className()))
                    .append(", \"method\": ").append(quote(t.methodName()))
                    .append(", \"descriptor\": ").append(quote(t.methodDescriptor()))
                    .append(", \"line\": ").append(t.line() < 0 ? "null" : Integer.toString(t.line()))
                    .append(", \"member\": {")
                    .append("\"owner\": ").append(quote(m.owner().replace('/', '.')))
                    .append(", \"name\": ").append(quote(m.name()))
                    .append(", \"descriptor\": ").append(quote(m.descriptor()))
                    .append(", \"display\": ").append(quote(m.displayName()))
                    .append("}, \"category\": ").append(quote(m.category()))
                    .append(", \"operation\": ").append(quote(m.operation()))
                    .append(", \"form\": ").append(quote(t.form().name().toLowerCase(Locale.ROOT)));
            if (rings != null) {
                out.append(", \"ring\": ").append(rings.getOrDefault(t.className(), 0));
            }
            out.append('}');
        }
        out.append(sites.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"summary\": {");
        boolean first = true;
        for (Map.Entry<String, Integer> e : summary.entrySet()) {
            out.append(first ? "" : ", ").append(quote(e.getKey())).append(": ").append(e.getValue());
            first = false;
        }
        out.append("},\n");
        if (rings != null) {
            out.append("  \"rings\": {");
            first = true;
            for (Map.Entry<String, Integer> e : rings.entrySet()) {
                out.append(first ? "" : ", ").append(quote(e.getKey())).append(": ").append(e.getValue());
                first = false;
            }
            out.append("},\n");
        }
        out.append("  \"errors\": [");
        for (int i = 0; i < errors.size(); i++) {
            EntryError e = errors.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"entry\": ").append(quote(e.entry()))
                    .append(", \"message\": ").append(quote(e.message())).append('}');
        }
        out.append(errors.isEmpty() ? "]\n" : "\n  ]\n");
        return out.append("}\n").toString();
    }

    @Override
    public String toString() {
        return "ScanReport[" + source + ": " + classesScanned + " classes, " + classesRewritten + " need rewriting, "
                + sites.size() + " sites, " + errors.size() + " errors]";
    }

    /** Each ring's classes, counted by package. */
    private void appendRings(StringBuilder out) {
        Map<Integer, Map<String, Integer>> byRing = new java.util.TreeMap<>();
        rings.forEach((c, r) -> byRing.computeIfAbsent(r, k -> new java.util.TreeMap<>())
                .merge(c.lastIndexOf('.') < 0 ? "(unnamed package)" : c.substring(0, c.lastIndexOf('.')), 1, Integer::sum));
        out.append("\nClasses by ring:\n");
        byRing.forEach((ring, packages) -> {
            out.append("  ring ").append(ring).append(": ")
                    .append(count(packages.values().stream().mapToInt(Integer::intValue).sum(), "class", "classes")).append('\n');
            packages.forEach((p, n) -> out.append("    ").append(p).append(" (").append(n).append(")\n"));
        });
    }

    private int classesWithSites() {
        Set<String> entries = new HashSet<>();
        sites.forEach(s -> entries.add(s.entry()));
        return entries.size();
    }

    private String millis() {
        return String.format(Locale.ROOT, "%.3f", transformNanos / 1_000_000.0);
    }

    private static String location(TrapSite t) {
        return t.className() + "." + t.methodName() + ":" + (t.line() < 0 ? "?" : Integer.toString(t.line()));
    }

    private static String formLabel(TrapSite t) {
        if (t.form() == TrapSite.Form.HANDLE) {
            return "method handle";
        }
        return t.target().kind() == CriticalInstruction.Kind.GETSTATIC ? "field read" : "call";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static StringBuilder pad(StringBuilder sb, String text, int width) {
        sb.append(text);
        for (int i = text.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }

    /** An entry's path without its {@code META-INF/versions/N/} prefix, if it has one. */
    static String unversioned(String entry) {
        return release(entry) == 0 ? entry : entry.substring(entry.indexOf('/', VERSIONS.length()) + 1);
    }

    /** 0 for a base entry, N for an entry under {@code META-INF/versions/N/}. */
    static int release(String entry) {
        if (!entry.startsWith(VERSIONS)) {
            return 0;
        }
        int end = entry.indexOf('/', VERSIONS.length());
        if (end < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(entry.substring(VERSIONS.length(), end));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // not a release the JVM would pick; after all real ones
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        return Json.quote(s);
    }
}
