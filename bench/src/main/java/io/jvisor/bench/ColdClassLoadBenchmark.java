package io.jvisor.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a guest's start pays: the first load of every class of the {@link Corpus} in a fresh JVM,
 * once per fork, with nothing warmed up. Under jvisor the transformer, the prescan and ASM run
 * interpreted at first, as they do while a real guest starts; {@link ClassLoadBenchmark} is the
 * same operation measured after warm-up.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(8)
@State(Scope.Benchmark)
public class ColdClassLoadBenchmark {

    private Corpus corpus;
    private List<String> names;
    private int loaded;

    @Setup
    public void setUp() {
        ForkMode.check();
        corpus = Corpus.get();
        names = corpus.classNames();
    }

    /** Loads every class of the corpus in a new loader, the first time in this JVM. */
    @Benchmark
    public int loadCorpusOnce() {
        CorpusLoader loader = new CorpusLoader(corpus);
        int n = 0;
        for (String name : names) {
            try {
                loader.loadClass(name);
                n++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class whose supertype needs what the platform loader lacks: same in both forks
            }
        }
        loaded = n;
        return n;
    }

    @TearDown
    public void check() {
        if (loaded < names.size() * 9 / 10) {
            throw new IllegalStateException("only " + loaded + " of the corpus's " + names.size() + " classes loaded");
        }
    }
}
