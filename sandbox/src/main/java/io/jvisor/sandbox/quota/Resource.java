package io.jvisor.sandbox.quota;

import io.jvisor.api.spi.Amounts;

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
    /**
     * bytes of the heap the guest holds live: an estimate, by a walk of the objects reachable from the
     * static fields of its classes and from its threads (what only a thread's stack holds is not
     * seen, what the JDK and jvisor share is not charged), made every 100 ms or less often while it
     * has a limit; soft: the guest is throttled
     */
    LIVE_HEAP(Unit.BYTES, "throttled", false),
    /** live threads of the guest; soft: starting one more fails with {@code OutOfMemoryError}, as when a process may start no more */
    THREADS(Unit.COUNT, "refused", true),
    /** files and sockets the guest holds open; soft: opening one more fails with {@code IOException: Too many open files} */
    OPEN_FILES(Unit.COUNT, "refused", true),
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
     * then a single limit is a soft one, as on a real machine; for the others (CPU time, allocation
     * and the live heap, which nothing can refuse) a single limit is a hard one.
     */
    public boolean refusable() {
        return refusable;
    }

    /**
     * Parses an amount of this resource, as {@link Amounts} writes it.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public long parse(String text) {
        switch (unit) {
            case NANOS:
                return Amounts.nanos(text);
            case BYTES:
                return Amounts.bytes(text);
            default:
                return Amounts.count(text);
        }
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
}
