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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The privileged operations a program makes, in each of jvisor's modes: each benchmark method
 * calls one operation, which its fork's mode made in its setup.
 *
 * <pre>
 *   native, SecurityManager  {@link Operations}: the JDK's calls, as compiled
 *   jvisor (full)            the same class, rewritten as the application's: its calls trap
 *   paravirtual              {@link HypercallOperations}: the same operations through the hypercall API
 *   container                a container's own copy of {@link Operations}, not rewritten, called
 *                            from this (the application's) thread
 * </pre>
 * Every mode calls through the same {@link Callable} fields, so the call costs the same in each.
 * The jvisor and paravirtual forks give the application a disk of its own, so that their files
 * are a guest's; the container works on the host's files. The console writes go to a stream that
 * discards them: {@code System.setOut} in setup replaces the JVM's stream (natively) or the
 * application's (under jvisor, where the JVM's stream routes the writes of this thread, the
 * container's too, to the application's console).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Thread)
public class OperationBenchmark {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private PrintStream console;
    private Path dir;
    private Path file;
    private Path output;

    private Callable<Object> propertyRead;
    private Callable<Object> consoleWrite;
    private Callable<Object> fileOpenClose;
    private Callable<Object> fileRead4k;
    private Callable<Object> fileWrite4k;
    private Callable<Object> fileExists;
    private Callable<Object> threadStartJoin;
    private Callable<Object> loopbackConnect;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ForkMode mode = ForkMode.check();
        dir = Files.createTempDirectory("jvisor-bench");
        file = dir.resolve("data");
        output = dir.resolve("output");
        Files.write(file, new byte[Operations.SIZE]);
        console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Map<String, Callable<Object>> ops = switch (mode) {
            case PARAVIRTUAL -> HypercallOperations.of(file, output, opened);
            case CONTAINER -> HostedGuests.containerOperations(file, output, opened);
            default -> Operations.of(file, output, opened);
        };
        Set<String> benchmarks = Arrays.stream(OperationBenchmark.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class)).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!benchmarks.equals(new TreeSet<>(ops.keySet()))) {
            throw new IllegalStateException("the operations " + ops.keySet() + " are not the benchmarks " + benchmarks);
        }
        for (Map.Entry<String, Callable<Object>> op : ops.entrySet()) {
            OperationBenchmark.class.getDeclaredField(op.getKey()).set(this, op.getValue());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.setOut(console);
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
        Files.deleteIfExists(output);
        Files.delete(file);
        Files.delete(dir);
    }

    /** {@code System.getProperty("java.version")}; paravirtual: the environment's property. */
    @Benchmark
    public Object propertyRead() throws Exception {
        return propertyRead.call();
    }

    /** {@code System.out.println} of a short line; paravirtual: the console's {@code out()}. */
    @Benchmark
    public Object consoleWrite() throws Exception {
        return consoleWrite.call();
    }

    /** {@code new FileInputStream(file).close()}; paravirtual: the disk's {@code openInput}. */
    @Benchmark
    public Object fileOpenClose() throws Exception {
        return fileOpenClose.call();
    }

    /** Open, read 4 KiB, close. */
    @Benchmark
    public Object fileRead4k() throws Exception {
        return fileRead4k.call();
    }

    /** {@code new FileOutputStream(file)}, write 4 KiB, close; paravirtual: the disk's {@code openOutput}. */
    @Benchmark
    public Object fileWrite4k() throws Exception {
        return fileWrite4k.call();
    }

    /** {@code File.exists()}; paravirtual: the disk's {@code exists}. */
    @Benchmark
    public Object fileExists() throws Exception {
        return fileExists.call();
    }

    /** Starts a thread that does nothing and joins it: plain Java in every mode. */
    @Benchmark
    public Object threadStartJoin() throws Exception {
        return threadStartJoin.call();
    }

    /** Connects a socket to a loopback server, accepts it on the same thread, closes both; paravirtual: the network's. */
    @Benchmark
    public Object loopbackConnect() throws Exception {
        return loopbackConnect.call();
    }
}
