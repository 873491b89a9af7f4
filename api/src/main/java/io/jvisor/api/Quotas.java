package io.jvisor.api;

import java.util.Objects;

/**
 * What a guest may use and has used of the resources the hypervisor meters: a read-only snapshot,
 * taken by {@link Hypercalls#quotas()}.
 *
 * @param cpuTime   the CPU time of the guest's threads, in nanoseconds
 * @param allocated the bytes the guest's threads have allocated on the heap
 * @param liveHeap  the bytes of the heap the guest holds live, as last estimated (the hypervisor
 *                  estimates it while the guest has a limit of it); a program that sizes its
 *                  caches by the heap should size them by this limit: the guest is held back, or
 *                  killed, at it, not at the JVM's
 * @param threads   the guest's live threads
 * @param openFiles the files and sockets the guest holds open
 * @param diskBytes the bytes on the guest's disk
 * @param output    the bytes the guest wrote to its console
 */
public record Quotas(Quota cpuTime, Quota allocated, Quota liveHeap, Quota threads, Quota openFiles, Quota diskBytes,
        Quota output) {

    /** Nothing limited and nothing measured: what pass-through mode reports. */
    public static final Quotas NONE = new Quotas(Quota.NONE, Quota.NONE, Quota.NONE, Quota.NONE, Quota.NONE, Quota.NONE,
            Quota.NONE);

    /**
     * Checks that no quota is {@code null}.
     *
     * @throws NullPointerException if one is
     */
    public Quotas {
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(allocated, "allocated");
        Objects.requireNonNull(liveHeap, "liveHeap");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(openFiles, "openFiles");
        Objects.requireNonNull(diskBytes, "diskBytes");
        Objects.requireNonNull(output, "output");
    }

    /**
     * One metered resource.
     *
     * @param used  how much the guest uses, or {@link #NOT_MEASURED}
     * @param limit how much it may use, or {@link #UNLIMITED}
     */
    public record Quota(long used, long limit) {

        /** The {@code used} of a resource the hypervisor does not measure. */
        public static final long NOT_MEASURED = -1;

        /** The {@code limit} of a resource without a quota. */
        public static final long UNLIMITED = Long.MAX_VALUE;

        /** Not measured and not limited. */
        public static final Quota NONE = new Quota(NOT_MEASURED, UNLIMITED);

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if {@code used} is below {@link #NOT_MEASURED} or
         *                                  {@code limit} is negative
         */
        public Quota {
            if (used < NOT_MEASURED || limit < 0) {
                throw new IllegalArgumentException("quota used " + used + ", limit " + limit);
            }
        }

        /** Whether the resource has a limit. */
        public boolean limited() {
            return limit != UNLIMITED;
        }
    }
}
