package io.jvisor.sandbox.policy;

/**
 * One rule of a policy: allows or denies an operation of the critical-instruction catalog
 * ({@code *} for all of them).
 *
 * @param allow     whether the rule allows the operation
 * @param operation the operation, or {@code *}
 * @param source    where the rule was written: a file name, or {@code preset NAME}
 * @param line      the line number in that source
 */
public record Rule(boolean allow, String operation, String source, int line) {

    /** Whether this rule decides the operation. */
    public boolean matches(String op) {
        return operation.equals("*") || operation.equals(op);
    }

    /** The rule as written, e.g. {@code deny exit}. */
    public String text() {
        return (allow ? "allow " : "deny ") + operation;
    }

    /** The rule and where it was written, e.g. {@code 'deny exit' (policy.txt:3)}. */
    public String describe() {
        return "'" + text() + "' (" + source + ":" + line + ")";
    }
}
