package io.jvisor.sandbox.quota;

import java.util.Locale;

/**
 * What a guest's quotas limit, each with what happens at its soft limit; past its hard limit the
 * guest is killed. Measured while the guest runs; see {@link Quotas}.
 */
public enum Resource {
    /** CPU time of all the guest's threads, in nanoseconds; soft: the guest is throttled to a quarter of a core */
    CPU_TIME(Unit.NANOS, "throttled", false),
    /** bytes the guest's threads have allocated on the heap; soft: the guest is throttled */
    ALLOCATED(Unit.BYTES, "throttled", false),
    /** live threads of the guest; soft: starting one more fails with {@code OutOfMemoryError}, as when a process may start no more */
    THREADS(Unit.COUNT, "refused", true),
    /** bytes the files on the guest's disk hold; soft: a write past it fails with the {@code IOException} of a full disk */
    DISK(Unit.BYTES, "refused", true),
    /** bytes the guest wrote to its standard output and error; soft: what it writes past it is discarded */
    OUTPUT(Unit.BYTES, "discarded", true);

    /** How a resource is counted, and how its amounts are written. */
    public enum Unit {
        /** nanoseconds, written {@code 500ms}, {@code 2s}, {@code 1m} */
        NANOS,
        /** bytes, written {@code 512}, {@code 64k}, {@code 10M}, {@code 1G} */
        BYTES,
        /** a number */
        COUNT
    }

    private final Unit unit;
    private final String softAction;
    private final boolean refusable;

    Resource(Unit unit, String softAction, boolean refusable) {
        this.unit = unit;
        this.softAction = softAction;
        this.refusable = refusable;
    }

    /** The unit of the resource's amounts. */
    public Unit unit() {
        return unit;
    }

    /** The name used on the command line and in reports, e.g. {@code cpu-time}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What happens to the guest at the soft limit: {@code throttled}, {@code refused} or {@code discarded}. */
    public String softAction() {
        return softAction;
    }

    /**
     * Whether the soft limit refuses (or discards) what would pass it, so that usage stays below it:
     * then a single limit is a soft one, as on a real machine; for the others (CPU time and
     * allocation, which nothing can refuse) a single limit is a hard one.
     */
    public boolean refusable() {
        return refusable;
    }

    /**
     * Parses an amount of this resource.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public long parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([a-zA-Z]*)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + example());
        }
        long number = Long.parseLong(m.group(1));
        String suffix = m.group(2);
        long factor;
        switch (unit) {
            case NANOS:
                factor = nanos(suffix);
                break;
            case BYTES:
                factor = bytes(suffix);
                break;
            default:
                factor = suffix.isEmpty() ? 1 : -1;
        }
        if (factor < 0) {
            throw new IllegalArgumentException("'" + text + "' is not " + example());
        }
        return Math.multiplyExact(number, factor);
    }

    /** An amount of this resource for people, e.g. {@code 2.00 s}, {@code 10.0 MiB}, {@code 16}. */
    public String format(long amount) {
        switch (unit) {
            case NANOS:
                return String.format(Locale.ROOT, "%.2f s", amount / 1e9);
            case BYTES:
                return amount < 1024 ? amount + " bytes" : amount < 1L << 20 ? String.format(Locale.ROOT, "%.1f KiB", amount / 1024.0)
                        : amount < 1L << 30 ? String.format(Locale.ROOT, "%.1f MiB", amount / (double) (1L << 20))
                        : String.format(Locale.ROOT, "%.1f GiB", amount / (double) (1L << 30));
            default:
                return Long.toString(amount);
        }
    }

    private String example() {
        switch (unit) {
            case NANOS:
                return "a time (such as 500ms, 2s or 1m)";
            case BYTES:
                return "a size (such as 500k, 10M or 1G)";
            default:
                return "a whole number";
        }
    }

    private static long nanos(String suffix) {
        switch (suffix) {
            case "ns":
                return 1;
            case "us":
                return 1_000;
            case "ms":
                return 1_000_000;
            case "s":
            case "":
                return 1_000_000_000L;
            case "m":
            case "min":
                return 60_000_000_000L;
            default:
                return -1;
        }
    }

    private static long bytes(String suffix) {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = "kmg".indexOf(s.isEmpty() ? "-" : s);
        return s.isEmpty() ? 1 : shift < 0 || s.length() != 1 ? -1 : 1L << (10 * (shift + 1));
    }
}
