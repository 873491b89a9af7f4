package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import picocli.CommandLine.Option;

import java.util.EnumMap;
import java.util.Map;

/**
 * The quota options of a guest. Each takes {@code SOFT/HARD}, {@code SOFT/} or {@code /HARD}; one
 * amount alone is the limit a real machine has (see {@link Limit#parse}).
 */
final class QuotaOptions {

    @Option(names = "--cpu-time", paramLabel = "[SOFT/]HARD",
            description = "CPU time of all the guest's threads (such as 2s or 500ms): past SOFT it is throttled to a "
                    + "quarter of a core, past HARD killed (status 137)")
    String cpuTime;

    @Option(names = "--allocated", paramLabel = "[SOFT/]HARD",
            description = "bytes the guest may allocate on the heap in all (such as 512M): past SOFT it is throttled, past HARD killed")
    String allocated;

    @Option(names = "--live-heap", paramLabel = "[SOFT/]HARD",
            description = "bytes the guest may hold live on the heap (such as 64M), estimated by walking its objects from its "
                    + "classes' statics and its threads: past SOFT it is throttled, past HARD killed")
    String liveHeap;

    @Option(names = "--threads", paramLabel = "SOFT[/HARD]",
            description = "live threads: at SOFT starting another fails with OutOfMemoryError, as at a process's "
                    + "limit; at HARD the guest is killed")
    String threads;

    @Option(names = "--open-files", paramLabel = "SOFT[/HARD]",
            description = "files and sockets held open: past SOFT opening another fails with IOException: Too many open "
                    + "files; past HARD the guest is killed")
    String openFiles;

    @Option(names = "--disk-quota", paramLabel = "SIZE",
            description = "the most bytes the guest's disk may hold (such as 500k, 10M or 1G): a write past it fails as on a full disk")
    String disk;

    @Option(names = "--output", paramLabel = "SOFT[/HARD]",
            description = "bytes the guest may write to its standard output and error: past SOFT they are discarded, "
                    + "past HARD it is killed")
    String output;

    /** The limits the options give. */
    Map<Resource, Limit> limits() {
        Map<Resource, Limit> limits = new EnumMap<>(Resource.class);
        parse(limits, Resource.CPU_TIME, "--cpu-time", cpuTime);
        parse(limits, Resource.ALLOCATED, "--allocated", allocated);
        parse(limits, Resource.LIVE_HEAP, "--live-heap", liveHeap);
        parse(limits, Resource.THREADS, "--threads", threads);
        parse(limits, Resource.OPEN_FILES, "--open-files", openFiles);
        parse(limits, Resource.DISK, "--disk-quota", disk);
        parse(limits, Resource.OUTPUT, "--output", output);
        return limits;
    }

    /** Gives the guest the limits the options name. */
    void applyTo(GuestSpec.Builder spec) {
        limits().forEach(spec::quota);
    }

    private static void parse(Map<Resource, Limit> limits, Resource resource, String option, String value) {
        if (value == null) {
            return;
        }
        try {
            limits.put(resource, Limit.parse(resource, value));
        } catch (IllegalArgumentException e) {
            throw new FailedException(option + " " + value + ": " + e.getMessage());
        }
    }
}
