package io.jvisor.sandbox.policy;

/**
 * The outcome of asking a policy about an operation.
 *
 * @param allowed   whether the operation may proceed
 * @param operation the operation asked about
 * @param rule      the rule that decided, or {@code null} if none matched (then the operation is denied)
 */
public record Decision(boolean allowed, String operation, Rule rule) {

    /** Why, in words fit for an error message: names the deciding rule. */
    public String reason() {
        return rule == null
                ? "no policy rule allows '" + operation + "'"
                : (allowed ? "allowed" : "denied") + " by policy rule " + rule.describe();
    }
}
