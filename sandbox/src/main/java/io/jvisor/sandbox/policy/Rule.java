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
     * Whether this rule decides the operation with this argument. A rule limited to an argument
     * matches it exactly or, for a path, by its file name ({@code git} matches {@code /usr/bin/git}).
     */
    public boolean matches(String op, String arg) {
        if (!operation.equals("*") && !operation.equals(op)) {
            return false;
        }
        if (argument == null) {
            return true;
        }
        return arg != null && (argument.equals(arg) || argument.equals(arg.substring(arg.lastIndexOf('/') + 1)));
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
