package io.jvisor.bench;

import io.jvisor.sandbox.Guest;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What the safepoints that make a hosted guest stoppable cost its code while nobody stops it: the
 * same {@link Workload} methods called on the benchmark's own copy (the application's, which owns
 * the JVM: rewritten without safepoints, and here unchanged, as it traps nothing) and on a hosted
 * guest's copy (a poll at every method entry and loop back-edge). Both through a method handle,
 * so that the call costs the same. Runs in a jvisor fork only: it hosts a guest.
 *
 * <pre>
 *   checksumNative / checksumGuest   a tight loop over 4,096 ints
 *   mixAllNative / mixAllGuest       the same loop calling a small method per element
 *   fibNative / fibGuest             fib(20) by recursion: 21,891 calls
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class PreemptionBenchmark {

    private final int[] data = new Random(42).ints(4096).toArray();
    private Guest guest;
    private MethodHandle checksumNative;
    private MethodHandle checksumGuest;
    private MethodHandle mixAllNative;
    private MethodHandle mixAllGuest;
    private MethodHandle fibNative;
    private MethodHandle fibGuest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ForkMode.check();
        guest = HostedGuests.startIdle("preemption-workload", 0);
        Class<?> guestCopy = guest.classLoader().loadClass(Workload.class.getName());
        if (guestCopy == Workload.class) {
            throw new IllegalStateException("the guest's Workload is the benchmark's own");
        }
        MethodType ofInts = MethodType.methodType(long.class, int[].class);
        MethodType ofInt = MethodType.methodType(int.class, int.class);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        checksumNative = lookup.findStatic(Workload.class, "checksum", ofInts);
        checksumGuest = lookup.findStatic(guestCopy, "checksum", ofInts);
        mixAllNative = lookup.findStatic(Workload.class, "mixAll", ofInts);
        mixAllGuest = lookup.findStatic(guestCopy, "mixAll", ofInts);
        fibNative = lookup.findStatic(Workload.class, "fib", ofInt);
        fibGuest = lookup.findStatic(guestCopy, "fib", ofInt);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        guest.kill();
        guest.awaitStopped(Duration.ofSeconds(60));
    }

    @Benchmark
    public long checksumNative() throws Throwable {
        return (long) checksumNative.invokeExact(data);
    }

    @Benchmark
    public long checksumGuest() throws Throwable {
        return (long) checksumGuest.invokeExact(data);
    }

    @Benchmark
    public long mixAllNative() throws Throwable {
        return (long) mixAllNative.invokeExact(data);
    }

    @Benchmark
    public long mixAllGuest() throws Throwable {
        return (long) mixAllGuest.invokeExact(data);
    }

    @Benchmark
    public int fibNative() throws Throwable {
        return (int) fibNative.invokeExact(20);
    }

    @Benchmark
    public int fibGuest() throws Throwable {
        return (int) fibGuest.invokeExact(20);
    }
}
