package io.jvisor.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * What one trap costs: the same privileged operations measured in a native fork, where this class
 * runs as compiled, and in a jvisor fork, where the agent rewrote it as it loaded, so that each
 * operation below traps into the hypervisor, which attributes it to the guest "application" and
 * decides it by the guest's policy (the default preset, {@code constrained}, allows all of them);
 * a trap bound per class is attributed and decided once, when its site is bound.
 *
 * <pre>
 *   baseline        no critical instruction: the control, identical code in both forks
 *   readStdout      GETSTATIC System.out          -> INVOKEDYNAMIC stdout, bound to the application
 *   enterCatchAll   entering a catch (Throwable)  -> Traps.handlerEntered(Class) first
 *   lockedCatchAll  a try with a catch (Throwable) inside a synchronized block, nothing thrown:
 *                   the guarded handler must let the method release its monitor on every exit,
 *                   or the JIT compilers refuse to compile it
 *   shutdownHook    Runtime.addShutdownHook and removeShutdownHook
 *                                                 -> Traps.addShutdownHook, removeShutdownHook
 * </pre>
 * Run both forks with {@link RunBenchmarks}, which prints the ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@State(Scope.Thread)
public class TrapOverheadBenchmark {

    /** Thrown and caught by {@link #enterCatchAll}: preallocated, without a stack trace. */
    private static final Signal SIGNAL = new Signal();

    private Object value;
    private Thread hook;
    private final Object lock = new Object();
    private int count;

    @Setup(Level.Trial)
    public void setUp() {
        ForkMode.check();
        value = new Object();
        hook = new Thread(() -> { }, "jvisor-bench-hook");
    }

    /** The control: reads a field of this class. */
    @Benchmark
    public Object baseline() {
        return value;
    }

    /** Reads {@code System.out}: a field load natively, a trap under jvisor. */
    @Benchmark
    public PrintStream readStdout() {
        return System.out;
    }

    /** Throws and catches a preallocated error in a catch-all handler, which jvisor guards. */
    @Benchmark
    public Object enterCatchAll() {
        try {
            raise();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Counts under a lock, in a try whose catch-all handler jvisor guards; nothing is thrown. */
    @Benchmark
    public int lockedCatchAll() {
        synchronized (lock) {
            try {
                return ++count;
            } catch (Throwable t) {
                return -1;
            }
        }
    }

    /** Registers a shutdown hook and removes it again: two traps that forward to the JVM's hooks. */
    @Benchmark
    public boolean shutdownHook() {
        Runtime runtime = Runtime.getRuntime();
        runtime.addShutdownHook(hook);
        return runtime.removeShutdownHook(hook);
    }

    private static void raise() {
        throw SIGNAL;
    }

    private static final class Signal extends Error {
        private static final long serialVersionUID = 1L;

        Signal() {
            super("jvisor benchmark signal", null, false, false);
        }
    }
}
