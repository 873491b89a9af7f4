package io.jvisor.bench;

import io.jvisor.sandbox.GuestSpec;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What it costs to start a program and see it end, four ways: a class-loader container, a fully
 * virtualised guest (its classes rewritten, its disk opened), a paravirtual guest (its classes
 * verified, its disk opened) and a new {@code java} process, each running {@link TrivialGuest}
 * from a jar of its own. All run in a jvisor fork; the process is a plain JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class GuestStartBenchmark {

    private Path jar;
    private Path disk;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ForkMode.check();
        jar = HostedGuests.jarOf(TrivialGuest.class);
        disk = Files.createTempDirectory("jvisor-bench-disk");
    }

    @Benchmark
    public Object containerStart() throws Exception {
        return HostedGuests.runTrivial(jar, disk, GuestSpec.Mode.CONTAINER);
    }

    @Benchmark
    public Object fullStart() throws Exception {
        return HostedGuests.runTrivial(jar, disk, GuestSpec.Mode.FULL);
    }

    @Benchmark
    public Object paravirtualStart() throws Exception {
        return HostedGuests.runTrivial(jar, disk, GuestSpec.Mode.PARAVIRTUAL);
    }

    @Benchmark
    public int processStart() throws Exception {
        return HostedGuests.runProcess(List.of(jar), TrivialGuest.class, List.of());
    }
}
