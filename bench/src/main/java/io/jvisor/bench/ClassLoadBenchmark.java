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
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What loading classes costs under jvisor: every class of the {@link Corpus} (Byte Buddy, some
 * 3,000 classes) defined from memory by a fresh class loader, without initialisation. In a jvisor
 * fork each of them passes the agent's transformer, which prescans it and rewrites those that use
 * a critical instruction or catch {@code Throwable}; natively the JVM only parses them. Measured
 * after warm-up, when the rewriter is compiled; {@link ColdClassLoadBenchmark} measures the first
 * load in a fresh JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ClassLoadBenchmark {

    private Corpus corpus;
    private List<String> names;

    @Setup
    public void setUp() {
        ForkMode.check();
        corpus = Corpus.get();
        names = corpus.classNames();
        int loaded = loadCorpus();
        if (loaded < names.size() * 9 / 10) {
            throw new IllegalStateException("only " + loaded + " of the corpus's " + names.size() + " classes load");
        }
    }

    /** Loads every class of the corpus in a new loader; returns how many loaded. */
    @Benchmark
    public int loadCorpus() {
        CorpusLoader loader = new CorpusLoader(corpus);
        int loaded = 0;
        for (String name : names) {
            try {
                loader.loadClass(name);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class whose supertype needs what the platform loader lacks: same in both forks
            }
        }
        return loaded;
    }
}
