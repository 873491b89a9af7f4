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
 * <h2>File format</h2>
 * {@link PolicyDoc#FORMAT}, rendered in {@code docs/POLICY.md}. Errors name the file and line,
 * e.g. {@code guest.policy:3: unknown operation 'exitt'}.
 */
public final class Policy {

    /** The presets, from the most to the least trusting: {@link Presets#NAMES}. */
    public static final List<String> PRESETS = Presets.NAMES;

    /** The preset used when none is named: {@link Presets#DEFAULT}. */
    public static final String DEFAULT_PRESET = Presets.DEFAULT;

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

    private Policy(String name, List<Rule> rules, List<String> environment, boolean hostFiles, List<VirtualDisk.Mount> mounts) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.environment = List.copyOf(environment);
        this.hostFiles = hostFiles;
        this.mounts = List.copyOf(mounts);
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
                        hostFiles = base.hostFiles;
                        name = source + " (from preset " + words[1] + ")";
                    }
                    sawPreset = true;
                    break;
                case "allow":
                case "deny":
                    sawRule = true;
                    if (words.length < 2) {
                        errors.add(where + "expected '" + verb + " OPERATION'");
                    } else if (!words[1].equals("*") && !operations.contains(words[1])) {
                        errors.add(where + "unknown operation '" + words[1] + "' (known: * "
                                + String.join(" ", operations) + ")");
                    } else if (words.length > 2 && !ARGUMENTS.containsKey(words[1])) {
                        errors.add(where + "operation '" + words[1] + "' takes no argument, found '" + words[2] + "'");
                    } else if (words.length > 3) {
                        errors.add(where + "operation '" + words[1] + "' takes one argument, " + ARGUMENTS.get(words[1])
                                + ", found also '" + words[3] + "'");
                    } else {
                        rules.add(new Rule(verb.equals("allow"), words[1], words.length == 3 ? words[2] : null, source, number));
                    }
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
                    errors.add(where + "unknown statement '" + words[0] + "' (expected preset, allow, deny, env, disk or mount)");
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(String.join(System.lineSeparator(), errors));
        }
        return new Policy(name, rules, environment, hostFiles, mounts);
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

    /** Decides an operation of the catalog, whatever its argument. */
    public Decision decide(String operation) {
        return decide(operation, null);
    }

    /**
     * Decides an operation of the catalog for one argument, e.g. {@code process} for a command.
     *
     * @param argument the argument, or {@code null}: then only rules for every argument decide
     */
    public Decision decide(String operation, String argument) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.matches(operation, argument)) {
                return new Decision(r.allow(), operation, r);
            }
        }
        return new Decision(false, operation, null);
    }

    /**
     * The effective decision for every operation of the catalog, one line each, with the rule
     * that decides it: what {@code jvisor policy show} prints.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("policy: ").append(name).append(System.lineSeparator());
        for (String op : Catalog.standard().operations()) {
            Decision d = decide(op);
            sb.append(String.format(Locale.ROOT, "  %-6s %-14s %s%n", d.allowed() ? "allow" : "deny", op,
                    d.rule() == null ? "(no rule matches)" : "by " + d.rule().describe()));
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

    @Override
    public String toString() {
        return "Policy[" + name + ", " + rules.size() + " rules]";
    }
}
