package io.jvisor.bench;

/**
 * Compute-bound code without a privileged call, in three shapes a safepoint poll lands in
 * differently: a tight loop (a poll per back-edge), a loop calling a small method (a poll per
 * inlined method entry too) and recursion (a poll per call). {@link PreemptionBenchmark} runs the
 * benchmark's own copy and a hosted guest's copy of this class.
 */
public final class Workload {

    private Workload() {
    }

    /** A polynomial hash: one back-edge per element. */
    public static long checksum(int[] data) {
        long h = 1;
        for (int v : data) {
            h = 31 * h + v;
        }
        return h;
    }

    /** A sum of mixed elements: one call of a small method per element. */
    public static long mixAll(int[] data) {
        long h = 0;
        for (int v : data) {
            h += mix(v);
        }
        return h;
    }

    private static long mix(int v) {
        int x = v * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** Fibonacci by naive recursion: calls and nothing else. */
    public static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
