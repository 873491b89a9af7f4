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

import java.util.concurrent.TimeUnit;

/**
 * What attributing a hypercall to its guest costs where the thread does not tell: a device
 * accessor ({@code Hypercalls.environment()}) on JMH's thread in a paravirtual fork. That thread is
 * the application's but carries no mark of it (no guest scope, no guest thread group), so the
 * hypervisor finds the guest by walking the stack to the first guest class. A hosted guest's own
 * threads are found by their scope or group instead. {@link OperationBenchmark}'s paravirtual
 * operations pay this once, in setup: they keep their devices, as the API asks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Thread)
public class HypercallBenchmark {

    @Setup(Level.Trial)
    public void setUp() {
        ForkMode.check();
        HypercallOperations.requireServed();
    }

    @Benchmark
    public Object attributeByStack() {
        return HypercallOperations.environment();
    }
}
