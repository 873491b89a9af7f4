package io.jvisor.sandbox.policy;

import java.util.Objects;

/**
 * One rule of a policy: allows or denies an operation of the critical-instruction catalog
 * ({@code *} for all of them), for every argument or, for an operation that takes one (such as
 * the command of {@code process}), for one argument only.
 *
 * @param allow     whether the rule allows the operation
 * @param operation the operation, or {@code *}
 * @param argument  the argument the rule is limited to, or {@code null} for any
 * @param source    where the rule was written: a file name, or {@code preset NAME}
 * @param line      the line number in that source
 */
public record Rule(boolean allow, String operation, String argument, String source, int line) {

    public Rule {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(source, "source");
    }

    /** A rule for every argument of the operation. */
    public Rule(boolean allow, String operation, String source, int line) {
        this(allow, operation, null, source, line);
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

    /** The rule as written, e.g. {@code deny exit} or {@code allow process git}. */
    public String text() {
        return (allow ? "allow " : "deny ") + operation + (argument == null ? "" : " " + argument);
    }

    /** The rule and where it was written, e.g. {@code 'deny exit' (policy.txt:3)}. */
    public String describe() {
        return "'" + text() + "' (" + source + ":" + line + ")";
    }
}
