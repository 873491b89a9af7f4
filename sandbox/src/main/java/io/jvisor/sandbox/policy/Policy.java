package io.jvisor.sandbox.policy;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.api.spi.Presets;
import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a guest may do: an ordered list of rules over the operations of the critical-instruction
 * catalog. The last rule that matches an operation decides it; an operation no rule matches is
 * denied. Immutable and thread-safe.
 *
 * <h2>Rings</h2>
 * Ring 0 is the JDK and jvisor: their privileged calls run natively. A guest's code is in ring
 * {@value #GUEST_RING} unless the policy puts some of the guest's own classes (those on the class
 * path jvisor gave it) into ring 1 or 2 by package or class path entry; what a guest defines by
 * itself (through class loaders of its own: plugins; hidden classes) stays in ring {@value #GUEST_RING}. A
 * rule written {@code ring N allow ...} grants ring N and the rings below it, {@code ring N deny ...}
 * takes from ring N and the rings above it, so a guest's trusted core may do more than the code
 * it loads (see {@link Rule#appliesTo(int)}).
 *
 * <h2>File format</h2>
 * {@link PolicyDoc#FORMAT}, rendered in {@code docs/POLICY.md}. Errors name the file and line,
 * e.g. {@code guest.policy:3: unknown operation 'exitt'}.
 */
public final class Policy {

    /** The presets, from the most to the least trusting: {@link Presets#NAMES}. */
    public static final List<String> PRESETS = Presets.NAMES;

    /** The preset used when none is named: {@link Presets#DEFAULT}. */
    public static final String DEFAULT_PRESET = Presets.DEFAULT;

    /** The ring of a guest's code that no {@code ring} statement names: the least privileged. */
    public static final int GUEST_RING = 3;

    /** The operations a rule may limit to one argument, and what the argument names. */
    public static final Map<String, String> ARGUMENTS = Map.of("process", "COMMAND", "connect", "HOST:PORT",
            "bind", "HOST:PORT", "resolve", "HOST", "file-read", "PATH", "file-write", "PATH");

    private final String name;
    private final List<Rule> rules;
    /** {@code env} statements in order: NAME=VALUE, NAME (the host's), or * (all of the host's). */
    private final List<String> environment;
    /** {@code disk host}: the guest works on the host's files instead of a disk of its own. */
    private final boolean hostFiles;
    private final List<VirtualDisk.Mount> mounts;
    private final List<RingAssignment> rings;
    private final boolean hasRings;

    private Policy(String name, List<Rule> rules, List<String> environment, boolean hostFiles, List<VirtualDisk.Mount> mounts,
            List<RingAssignment> rings) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.environment = List.copyOf(environment);
        this.hostFiles = hostFiles;
        this.mounts = List.copyOf(mounts);
        this.rings = List.copyOf(rings);
        this.hasRings = !rings.isEmpty() || rules.stream().anyMatch(r -> r.ring() != 0);
    }

    /**
     * A preset policy.
     *
     * @param name one of {@link #PRESETS}
     * @throws IllegalArgumentException if there is no such preset
     */
    public static Policy preset(String name) {
        Objects.requireNonNull(name, "name");
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ", PRESETS) + ")");
        }
        try {
            return parse(presetText(name), "preset " + name);
        } catch (PolicyException e) {
            throw new IllegalStateException("jvisor's preset " + name + " is broken: " + e.getMessage(), e);
        }
    }

    /** The text of a preset's file, comments included. */
    static String presetText(String name) {
        String resource = "presets/" + name + ".policy";
        try (InputStream in = Policy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("jvisor is incomplete: preset " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read jvisor's preset " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a policy file.
     *
     * @throws PolicyException if the file cannot be read or has errors (all of them are listed)
     */
    public static Policy load(Path file) throws PolicyException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new PolicyException("policy file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new PolicyException("policy file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, String.valueOf(file.getFileName()));
    }

    /**
     * Parses policy text.
     *
     * @param text   the policy, in the file format above
     * @param source the name errors and rules refer to, e.g. the file name
     * @throws PolicyException listing every error with its line
     */
    public static Policy parse(String text, String source) throws PolicyException {
        Set<String> operations = Catalog.standard().operations();
        List<Rule> rules = new ArrayList<>();
        List<String> environment = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<VirtualDisk.Mount> mounts = new ArrayList<>();
        List<RingAssignment> rings = new ArrayList<>();
        boolean hostFiles = false;
        String name = source;
        boolean sawRule = false;
        boolean sawPreset = false;
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (words.length == 1 && words[0].isEmpty()) {
                continue;
            }
            String where = source + ":" + number + ": ";
            String verb = words[0].toLowerCase(Locale.ROOT);
            switch (verb) {
                case "preset":
                    if (words.length != 2) {
                        errors.add(where + "expected 'preset NAME'");
                    } else if (sawPreset || sawRule) {
                        errors.add(where + "'preset' must come once, before every rule");
                    } else if (!PRESETS.contains(words[1])) {
                        errors.add(where + "unknown preset '" + words[1] + "' (known: " + String.join(", ", PRESETS) + ")");
                    } else {
                        Policy base = preset(words[1]);
                        rules.addAll(base.rules);
                        environment.addAll(base.environment);
                        mounts.addAll(base.mounts);
                        rings.addAll(base.rings);
                        hostFiles = base.hostFiles;
                        name = source + " (from preset " + words[1] + ")";
                    }
                    sawPreset = true;
                    break;
                case "allow":
                case "deny":
                    sawRule = true;
                    rule(words, 0, 0, where, operations, errors, source, number).ifPresent(rules::add);
                    break;
                case "ring":
                    sawRule = true;
                    ring(words, where, operations, errors, source, number, rules, rings);
                    break;
                case "env":
                    sawRule = true;
                    if (words.length != 2 || !words[1].matches("\\*|[^=*]+(=.*)?")) {
                        errors.add(where + "expected 'env NAME=VALUE', 'env NAME' or 'env *'");
                    } else {
                        environment.add(words[1]);
                    }
                    break;
                case "disk":
                    sawRule = true;
                    if (words.length != 2 || !words[1].equals("host") && !words[1].equals("virtual")) {
                        errors.add(where + "expected 'disk virtual' (a disk of the guest's own) or 'disk host' (the host's files)");
                    } else {
                        hostFiles = words[1].equals("host");
                    }
                    break;
                case "mount":
                    sawRule = true;
                    String mode = words.length == 4 ? words[3] : "read-only";
                    if (words.length < 3 || words.length > 4 || !mode.equals("read-only") && !mode.equals("read-write")) {
                        errors.add(where + "expected 'mount HOST_PATH GUEST_PATH [read-only|read-write]'");
                    } else if (!words[2].startsWith("/")) {
                        errors.add(where + "the guest path of a mount must be absolute, found '" + words[2] + "'");
                    } else {
                        mounts.add(new VirtualDisk.Mount(words[2], Path.of(words[1]), mode.equals("read-write")));
                    }
                    break;
                default:
                    errors.add(where + "unknown statement '" + words[0] + "' (expected preset, allow, deny, ring, env, disk or mount)");
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(String.join(System.lineSeparator(), errors));
        }
        return new Policy(name, rules, environment, hostFiles, mounts, rings);
    }

    /** A rule read from {@code words[from..]}: {@code allow|deny OPERATION [ARGUMENT]}. */
    private static java.util.Optional<Rule> rule(String[] words, int from, int ring, String where, Set<String> operations,
            List<String> errors, String source, int line) {
        String verb = words[from].toLowerCase(Locale.ROOT);
        int n = words.length - from;
        if (n < 2) {
            errors.add(where + "expected '" + verb + " OPERATION'");
        } else if (!words[from + 1].equals("*") && !operations.contains(words[from + 1])) {
            errors.add(where + "unknown operation '" + words[from + 1] + "' (known: * " + String.join(" ", operations) + ")");
        } else if (n > 2 && !ARGUMENTS.containsKey(words[from + 1])) {
            errors.add(where + "operation '" + words[from + 1] + "' takes no argument, found '" + words[from + 2] + "'");
        } else if (n > 3) {
            errors.add(where + "operation '" + words[from + 1] + "' takes one argument, " + ARGUMENTS.get(words[from + 1])
                    + ", found also '" + words[from + 3] + "'");
        } else {
            return java.util.Optional.of(new Rule(verb.equals("allow"), words[from + 1], n == 3 ? words[from + 2] : null, ring, source, line));
        }
        return java.util.Optional.empty();
    }

    /** {@code ring N package NAME}, {@code ring N jar PATH} or {@code ring N allow|deny ...}. */
    private static void ring(String[] words, String where, Set<String> operations, List<String> errors, String source, int line,
            List<Rule> rules, List<RingAssignment> rings) {
        String usage = "expected 'ring N package NAME', 'ring N jar PATH', 'ring N allow ...' or 'ring N deny ...' (N 1 to "
                + GUEST_RING + ")";
        if (words.length < 3) {
            errors.add(where + usage);
            return;
        }
        if (!words[1].matches("[0-9]")) {
            errors.add(where + "'" + words[1] + "' is no ring; " + usage);
            return;
        }
        int ring = Integer.parseInt(words[1]);
        if (ring == 0 || ring > GUEST_RING) {
            errors.add(where + (ring == 0 ? "ring 0 is the JDK's and jvisor's own; a guest's code takes rings 1 to " + GUEST_RING
                    : "there is no ring " + ring + "; a guest's code takes rings 1 to " + GUEST_RING));
            return;
        }
        String what = words[2].toLowerCase(Locale.ROOT);
        switch (what) {
            case "allow":
            case "deny":
                rule(words, 2, ring, where, operations, errors, source, line).ifPresent(rules::add);
                break;
            case "package":
                if (words.length != 4 || !words[3].matches("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                        + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*")) {
                    errors.add(where + "expected 'ring " + ring + " package NAME', NAME a package such as com.example.host");
                } else {
                    rings.add(new RingAssignment(ring, false, words[3], source, line));
                }
                break;
            case "jar":
                if (words.length != 4) {
                    errors.add(where + "expected 'ring " + ring + " jar PATH', PATH a class path entry's file name or the end of its path");
                } else {
                    rings.add(new RingAssignment(ring, true, words[3], source, line));
                }
                break;
            default:
                errors.add(where + usage);
        }
    }

    /** Whether this policy has {@code ring} statements: then its decisions may depend on the calling code. */
    public boolean hasRings() {
        return hasRings;
    }

    /** The {@code ring N package|jar} statements, in the policy's order. */
    public List<RingAssignment> ringAssignments() {
        return rings;
    }

    /**
     * The ring of one of a guest's own classes (one jvisor loaded from the guest's class path): the
     * last {@code ring} statement that names it, else {@value #GUEST_RING}.
     *
     * @param className the class's binary name
     * @param entry     the path of the class path entry it came from, or {@code ""} if unknown
     */
    public int ring(String className, String entry) {
        for (int i = rings.size() - 1; i >= 0; i--) {
            if (rings.get(i).matches(className, entry)) {
                return rings.get(i).ring();
            }
        }
        return GUEST_RING;
    }

    /** Whether the guest works on the host's files ({@code disk host}) instead of a disk of its own. */
    public boolean hostFiles() {
        return hostFiles;
    }

    /** The host files and directories mounted into the guest's disk, in the policy's order. */
    public List<VirtualDisk.Mount> mounts() {
        return mounts;
    }

    /**
     * Whether the operation is allowed for every argument: no rule limited to an argument denies
     * it, and the rules for every argument allow it.
     */
    public boolean allowsEverywhere(String operation) {
        return decide(operation).allowed()
                && rules.stream().noneMatch(r -> !r.allow() && r.argument() != null && r.matches(operation, r.argument()));
    }

    /** Where this policy came from, e.g. {@code preset constrained} or a file name. */
    public String name() {
        return name;
    }

    /** The rules, in the order they apply (a later rule overrides an earlier one). */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The environment this policy gives a guest, from the host's: each {@code env} statement in
     * order, so a later one overrides an earlier.
     *
     * @param host the host's environment
     * @return a new map, empty if the policy has no {@code env} statement
     */
    public Map<String, String> environment(Map<String, String> host) {
        Map<String, String> env = new TreeMap<>();
        for (String e : environment) {
            int eq = e.indexOf('=');
            if (e.equals("*")) {
                env.putAll(host);
            } else if (eq >= 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            } else if (host.containsKey(e)) {
                env.put(e, host.get(e));
            }
        }
        return env;
    }

    /** Decides an operation of the catalog, whatever its argument, for code in ring {@value #GUEST_RING}. */
    public Decision decide(String operation) {
        return decide(operation, null);
    }

    /**
     * Decides an operation of the catalog for one argument, e.g. {@code process} for a command,
     * for code in ring {@value #GUEST_RING}: the least a guest's code may do.
     *
     * @param argument the argument, or {@code null}: then only rules for every argument decide
     */
    public Decision decide(String operation, String argument) {
        return decide(operation, argument, GUEST_RING);
    }

    /**
     * Decides an operation of the catalog for one argument, for code in a ring.
     *
     * @param argument the argument, or {@code null}: then only rules for every argument decide
     * @param ring     the calling code's ring, 1 to {@value #GUEST_RING}
     */
    public Decision decide(String operation, String argument, int ring) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.appliesTo(ring) && r.matches(operation, argument)) {
                return new Decision(r.allow(), operation, r);
            }
        }
        return new Decision(false, operation, null);
    }

    /**
     * Whether the decision on an operation may differ between the rings of a guest's code. Since
     * lower rings may do everything higher ones may, it differs only if ring 1 and ring
     * {@value #GUEST_RING} are decided differently.
     */
    public boolean dependsOnRing(String operation, String argument) {
        return hasRings && decide(operation, argument, 1).allowed() != decide(operation, argument, GUEST_RING).allowed();
    }

    /**
     * The effective decision for every operation of the catalog, one line each, with the rule
     * that decides it: what {@code jvisor policy show} prints.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("policy: ").append(name).append(System.lineSeparator());
        for (String op : Catalog.standard().operations()) {
            describe(sb, op, GUEST_RING, "");
            for (int ring = GUEST_RING - 1; ring >= 1; ring--) {
                if (decide(op, null, ring).allowed() != decide(op, null, ring + 1).allowed()) {
                    describe(sb, op, ring, "in ring " + ring + " and below: ");
                }
            }
        }
        for (RingAssignment r : rings) {
            sb.append("  ring ").append(r.ring()).append(": ").append(r.jar() ? "class path entry " : "package ").append(r.name())
                    .append(" by ").append(r.describe()).append(System.lineSeparator());
        }
        if (hasRings()) {
            sb.append("  ring ").append(GUEST_RING).append(": every other class of the guest").append(System.lineSeparator());
        }
        sb.append("  environment: ").append(environment.isEmpty() ? "empty" : String.join(" ", environment))
                .append(System.lineSeparator());
        sb.append("  files: ").append(hostFiles ? "the host's" : "a disk of the guest's own").append(System.lineSeparator());
        for (VirtualDisk.Mount m : mounts) {
            sb.append("  mount: ").append(m.hostPath()).append(" at ").append(m.guestPath())
                    .append(m.writable() ? " read-write" : " read-only").append(System.lineSeparator());
        }
        return sb.toString();
    }

    private void describe(StringBuilder sb, String op, int ring, String prefix) {
        Decision d = decide(op, null, ring);
        sb.append(String.format(Locale.ROOT, "  %-6s %-14s %s%s%n", d.allowed() ? "allow" : "deny", op, prefix,
                d.rule() == null ? "(no rule matches)" : "by " + d.rule().describe()));
    }

    @Override
    public String toString() {
        return "Policy[" + name + ", " + rules.size() + " rules]";
    }
}
