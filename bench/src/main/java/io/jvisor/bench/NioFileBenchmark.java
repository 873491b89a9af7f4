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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The file operations of {@link OperationBenchmark} with {@code java.nio.file}, which a
 * paravirtual guest has no counterpart of (its disk hands out streams): measured in a native fork,
 * a SecurityManager fork and a jvisor fork whose application has a virtual disk
 * ({@code -javaagent:...=disk=DIR}), where every path below is a path of the guest's own file
 * system, whose provider maps it onto the disk and decides it.
 *
 * <pre>
 *   nioOpenClose    FileChannel.open(path).close()
 *   nioRead4k       open, read 4 KiB, close (Files.newByteChannel)
 *   nioWrite4k      open, write 4 KiB, close (Files.newByteChannel, CREATE, TRUNCATE_EXISTING, WRITE)
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Thread)
public class NioFileBenchmark {

    private final ByteBuffer buffer = ByteBuffer.allocate(Operations.SIZE);
    private Path dir;
    private Path path;
    private Path output;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ForkMode.check();
        dir = Files.createTempDirectory("jvisor-bench");
        path = dir.resolve("data");
        output = dir.resolve("output");
        Files.write(path, new byte[Operations.SIZE]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(output);
        Files.delete(path);
        Files.delete(dir);
    }

    @Benchmark
    public void nioOpenClose() throws IOException {
        FileChannel.open(path, StandardOpenOption.READ).close();
    }

    @Benchmark
    public int nioRead4k() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            return channel.read(buffer.clear());
        }
    }

    @Benchmark
    public int nioWrite4k() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(output, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            return channel.write(buffer.clear());
        }
    }
}
