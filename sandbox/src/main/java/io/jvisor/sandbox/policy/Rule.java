package io.jvisor.sandbox.policy;

import java.util.Objects;

/**
 * One rule of a policy: allows or denies an operation of the critical-instruction catalog
 * ({@code *} for all of them), for every argument or, for an operation that takes one (such as
 * the command of {@code process}), for one argument only; for code of every ring or, written
 * {@code ring N allow ...}, of some rings only.
 *
 * <p>A rule of a ring keeps the rings ordered by privilege: {@code ring N allow} grants ring N and
 * the more privileged rings below it, {@code ring N deny} takes from ring N and the less
 * privileged rings above it. So whatever the rules, code in a lower ring may do everything code
 * in a higher ring of the same guest may.
 *
 * @param allow     whether the rule allows the operation
 * @param operation the operation, or {@code *}
 * @param argument  the argument the rule is limited to, or {@code null} for any
 * @param ring      the ring the rule is written for, 1 to {@link Policy#GUEST_RING}, or 0 for every ring
 * @param source    where the rule was written: a file name, or {@code preset NAME}
 * @param line      the line number in that source
 */
public record Rule(boolean allow, String operation, String argument, int ring, String source, int line) {

    public Rule {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(source, "source");
        if (ring < 0 || ring > Policy.GUEST_RING) {
            throw new IllegalArgumentException("ring " + ring + " is no guest ring (1 to " + Policy.GUEST_RING + ", or 0 for all)");
        }
    }

    /** A rule for code of every ring. */
    public Rule(boolean allow, String operation, String argument, String source, int line) {
        this(allow, operation, argument, 0, source, line);
    }

    /** A rule for every argument of the operation, for code of every ring. */
    public Rule(boolean allow, String operation, String source, int line) {
        this(allow, operation, null, source, line);
    }

    /** Whether this rule speaks for code in a ring (1 to {@link Policy#GUEST_RING}). */
    public boolean appliesTo(int callerRing) {
        return ring == 0 || (allow ? callerRing <= ring : callerRing >= ring);
    }

    /** Whether this rule decides the operation, whatever its argument. */
    public boolean matches(String op) {
        return matches(op, null);
    }

    /**
     * Whether this rule decides the operation with this argument. A rule limited to a command
     * matches it exactly or by its file name ({@code git} matches {@code /usr/bin/git}); one limited
     * to {@code HOST:PORT} matches an address {@code NAME/IP:PORT} whose name or IP is the host
     * ({@code *} any, {@code *.example.com} any below it) and whose port is the port ({@code *} any);
     * one limited to {@code HOST} matches a name the same way; one limited to a {@code PATH} matches
     * that absolute guest path and everything below it.
     */
    public boolean matches(String op, String arg) {
        if (!operation.equals("*") && !operation.equals(op)) {
            return false;
        }
        if (argument == null) {
            return true;
        }
        if (arg == null) {
            return false;
        }
        switch (Policy.ARGUMENTS.getOrDefault(operation, "")) {
            case "HOST:PORT":
                return matchesAddress(arg);
            case "HOST":
                return matchesHost(argument, arg);
            case "PATH":
                return argument.equals("*") || argument.equals("/") || arg.equals(argument)
                        || arg.startsWith(argument.endsWith("/") ? argument : argument + "/");
            default:
                return argument.equals(arg) || argument.equals(arg.substring(arg.lastIndexOf('/') + 1));
        }
    }

    private boolean matchesAddress(String address) {
        int colon = argument.lastIndexOf(':');
        int addressColon = address.lastIndexOf(':');
        if (colon < 0 || addressColon < 0) {
            return false;
        }
        String port = argument.substring(colon + 1);
        if (!port.equals("*") && !port.equals(address.substring(addressColon + 1))) {
            return false;
        }
        String host = argument.substring(0, colon);
        String names = address.substring(0, addressColon);
        int slash = names.indexOf('/');
        return matchesHost(host, slash < 0 ? names : names.substring(0, slash))
                || slash >= 0 && matchesHost(host, names.substring(slash + 1));
    }

    private static boolean matchesHost(String pattern, String name) {
        if (name.isEmpty()) {
            return false;
        }
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return name.toLowerCase(java.util.Locale.ROOT).endsWith(pattern.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return pattern.equalsIgnoreCase(name);
    }

    /** The rule as written, e.g. {@code deny exit}, {@code allow process git} or {@code ring 1 allow file-write}. */
    public String text() {
        return (ring == 0 ? "" : "ring " + ring + " ") + (allow ? "allow " : "deny ") + operation + (argument == null ? "" : " " + argument);
    }

    /** The rule and where it was written, e.g. {@code 'deny exit' (policy.txt:3)}. */
    public String describe() {
        return "'" + text() + "' (" + source + ":" + line + ")";
    }
}
