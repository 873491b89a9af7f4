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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How fast a kill ends a guest: from {@link Guest#kill()} until the last of its threads has ended
 * ({@link Guest#awaitStopped}), for a guest whose main thread waits and whose other threads spin
 * in loops without a call. Each shot kills a guest started for it. Runs in a jvisor fork only.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 20, batchSize = 1)
@Fork(1)
@State(Scope.Thread)
public class KillBenchmark {

    private Guest guest;

    /** Starts a guest for the shot: with as many spinning threads as the benchmark's name says. */
    @Setup(Level.Invocation)
    public void startGuest(BenchmarkParams params) throws Exception {
        ForkMode.check();
        guest = HostedGuests.startIdle("killed", params.getBenchmark().endsWith("EightSpinners") ? 8 : 1);
    }

    @Benchmark
    public boolean killWithOneSpinner() throws InterruptedException {
        return killUntilLastThreadGone();
    }

    @Benchmark
    public boolean killWithEightSpinners() throws InterruptedException {
        return killUntilLastThreadGone();
    }

    private boolean killUntilLastThreadGone() throws InterruptedException {
        guest.kill();
        return guest.awaitStopped(Duration.ofSeconds(60));
    }

    @TearDown(Level.Invocation)
    public void checkStopped() {
        if (guest.threadCount() != 0) {
            throw new IllegalStateException("threads of the killed guest are alive: " + guest.threadCount());
        }
    }
}
