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
 * What it costs to start a large program again, the {@link Corpus}'s classes its class path, which
 * {@link LargeGuest} loads as it starts: as a container, as a fully virtualised guest, whose
 * classes are rewritten whole for their safepoints (the rewrites a guest made before are shared,
 * as after the warm-up), and as a new {@code java} process. All run in a jvisor fork; the process
 * is a plain JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LargeGuestStartBenchmark {

    private List<Path> classPath;
    private Path corpus;
    private Path disk;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ForkMode.check();
        corpus = Corpus.copyOfJar();
        classPath = List.of(HostedGuests.jarOf(LargeGuest.class), corpus);
        disk = Files.createTempDirectory("jvisor-bench-disk");
    }

    @Benchmark
    public Object containerStart() throws Exception {
        return HostedGuests.run(classPath, LargeGuest.class, List.of(corpus.toString()), disk, GuestSpec.Mode.CONTAINER);
    }

    @Benchmark
    public Object fullStart() throws Exception {
        return HostedGuests.run(classPath, LargeGuest.class, List.of(corpus.toString()), disk, GuestSpec.Mode.FULL);
    }

    @Benchmark
    public int processStart() throws Exception {
        return HostedGuests.runProcess(classPath, LargeGuest.class, List.of(corpus.toString()));
    }
}
