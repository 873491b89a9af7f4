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

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * What the guest's devices cost: file, property and socket operations measured in a native fork
 * and in a jvisor fork whose application has a virtual disk ({@code -javaagent:...=disk=DIR}), so
 * that every path below is a guest path mapped onto the disk, every java.io call traps, and every
 * java.nio.file call goes through the guest's own file system.
 *
 * <pre>
 *   ioOpenClose     new FileInputStream(File).close()      -> Traps.newFileInputStream
 *   ioRead4k        open, read 4 KiB, close (java.io)
 *   ioExists        File.exists()                          -> Traps.fileExists
 *   nioOpenClose    FileChannel.open(Path).close()         -> the guest file system's provider
 *   nioRead4k       open, read 4 KiB, close (java.nio.file)
 *   propertyRead    System.getProperty("java.version")     -> INVOKEDYNAMIC getProperty, bound to the application
 *   loopbackConnect connect a socket to a loopback server, accept it, close both (the connect guard)
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class FileBenchmark {

    private static final int SIZE = 4096;

    private final byte[] buffer = new byte[SIZE];
    private Path dir;
    private Path path;
    private File file;
    private ServerSocket server;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ForkMode.check();
        dir = Files.createTempDirectory("jvisor-bench");
        path = dir.resolve("data");
        Files.write(path, new byte[SIZE]);
        file = path.toFile();
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
        Files.delete(path);
        Files.delete(dir);
    }

    @Benchmark
    public void ioOpenClose() throws IOException {
        new FileInputStream(file).close();
    }

    @Benchmark
    public int ioRead4k() throws IOException {
        try (FileInputStream in = new FileInputStream(file)) {
            return in.read(buffer);
        }
    }

    @Benchmark
    public boolean ioExists() {
        return file.exists();
    }

    @Benchmark
    public void nioOpenClose() throws IOException {
        FileChannel.open(path, StandardOpenOption.READ).close();
    }

    @Benchmark
    public int nioRead4k() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            return channel.read(ByteBuffer.wrap(buffer));
        }
    }

    @Benchmark
    public String propertyRead() {
        return System.getProperty("java.version");
    }

    /**
     * Connects and accepts on the same thread: the connection waits in the backlog, so no accept
     * queue overflows (which stalls a connect for the 1 s of a SYN retransmission).
     */
    @Benchmark
    public int loopbackConnect() throws IOException {
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            return client.getLocalPort() ^ accepted.getPort();
        }
    }
}
