package io.jvisor.sandbox.quota;

/**
 * The limits of one resource of a guest: at {@code soft} the resource's soft action (see
 * {@link Resource}), past {@code hard} the guest is killed. {@link #NONE} means no limit.
 *
 * @param soft the soft limit, or {@code Long.MAX_VALUE} for none
 * @param hard the hard limit, or {@code Long.MAX_VALUE} for none
 */
public record Limit(long soft, long hard) {

    /** No limit. */
    public static final Limit NONE = new Limit(Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * @throws IllegalArgumentException if a limit is negative, or the soft limit above the hard
     *                                  (the soft one would never be met)
     */
    public Limit {
        if (soft < 0 || hard < 0) {
            throw new IllegalArgumentException("a limit must not be negative: " + (soft < 0 ? soft : hard));
        }
        if (soft != Long.MAX_VALUE && soft > hard) {
            throw new IllegalArgumentException("the soft limit " + soft + " is above the hard limit " + hard);
        }
    }

    /** A soft limit only. */
    public static Limit soft(long amount) {
        return new Limit(amount, Long.MAX_VALUE);
    }

    /** A hard limit only. */
    public static Limit hard(long amount) {
        return new Limit(Long.MAX_VALUE, amount);
    }

    /**
     * One amount as the limit the resource has on a real machine: soft for those whose soft limit
     * refuses, hard for CPU time, allocation and the live heap.
     */
    public static Limit single(Resource resource, long amount) {
        return resource.refusable() ? soft(amount) : hard(amount);
    }

    /** Whether a soft limit is set. */
    public boolean hasSoft() {
        return soft != Long.MAX_VALUE;
    }

    /** Whether a hard limit is set. */
    public boolean hasHard() {
        return hard != Long.MAX_VALUE;
    }

    /**
     * Parses a limit of a resource as the command line writes it: {@code SOFT/HARD}, {@code SOFT/}
     * or {@code /HARD}; a single amount is the limit the resource has on a real machine
     * ({@link #single}).
     *
     * @throws IllegalArgumentException if the text is not a limit of the resource
     */
    public static Limit parse(Resource resource, String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return single(resource, resource.parse(text));
        }
        String soft = text.substring(0, slash).trim();
        String hard = text.substring(slash + 1).trim();
        if (soft.isEmpty() && hard.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' gives no limit: write SOFT/HARD, SOFT/ or /HARD");
        }
        long softAmount = soft.isEmpty() ? Long.MAX_VALUE : resource.parse(soft);
        long hardAmount = hard.isEmpty() ? Long.MAX_VALUE : resource.parse(hard);
        if (softAmount != Long.MAX_VALUE && softAmount > hardAmount) {
            throw new IllegalArgumentException("'" + text + "': the soft limit " + soft + " is above the hard limit " + hard
                    + ", where the guest would be killed first: write SOFT/HARD with SOFT at most HARD");
        }
        return new Limit(softAmount, hardAmount);
    }

    /** The limit for people, e.g. {@code soft 1.00 s, hard 2.00 s} or {@code none}. */
    public String describe(Resource resource) {
        if (!hasSoft() && !hasHard()) {
            return "none";
        }
        return (hasSoft() ? "soft " + resource.format(soft) : "") + (hasSoft() && hasHard() ? ", " : "")
                + (hasHard() ? "hard " + resource.format(hard) : "");
    }
}
