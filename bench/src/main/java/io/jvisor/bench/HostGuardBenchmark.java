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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the callee-side guards cost code that is not a guest's: {@code java.nio.file} calls that no
 * trap replaces (only {@code Path.of} in the setup traps; the jvisor fork's application works on
 * the host's files, without a disk), so that under jvisor each call meets only the guards woven
 * into the JDK's default provider, which find that no guest asks and let it through; and the
 * default locale and time zone, whose getters every formatter reads and which a guest's own
 * defaults guard (no guest has set one here: the host's cost until one does); a URL's handler, which
 * a guest's own factory guards, and a class loader's parent, which a guest's own loader does; and
 * a reflective call, which goes to its trap where the JDK's code calls a trapped member for a guest;
 * and a file stream's write, which the disk quota of a file the JDK opened for a guest meters.
 *
 * <pre>
 *   exists          Files.exists(path)                         -> one guarded provider call
 *   readAttributes  Files.readAttributes(path, Basic...)       -> one guarded provider call
 *   channelOpen     FileChannel.open(path).close()             -> one guarded provider call
 *   defaultLocale   Locale.getDefault(Category.FORMAT)         -> one guarded getter
 *   formatNumber    String.format("%,d", 1234567)              -> the default locale read once, and the formatting
 *   newUrl          new URL("http://example.com/a?b")           -> one guarded look-up of the protocol's handler
 *   newLoader       new URLClassLoader(new URL[0]).close()     -> one guarded ClassLoader constructor
 *   invokeOwn       Method.invoke of a method of this class     -> one guarded invoke, a class of no JDK's
 *   invokeJdk       Method.invoke of Integer.intValue()         -> one guarded invoke, a JDK member no trap replaces
 *   directBuffer    ByteBuffer.allocateDirect(64), freed        -> the guards of its reservation, allocation and freeing
 *   streamWrite     a FileOutputStream's write of 64 bytes       -> one guarded write (to /dev/null: the system call's cost alone)
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Thread)
public class HostGuardBenchmark {

    private Path dir;
    private Path path;
    private int number = 1_234_567;
    private final Integer boxed = number;
    private java.lang.reflect.Method own;
    private java.lang.reflect.Method jdk;
    private sun.misc.Unsafe unsafe;
    private java.io.FileOutputStream devNull;
    private final byte[] bytes = new byte[64];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ForkMode.check();
        dir = Files.createTempDirectory("jvisor-bench");
        path = dir.resolve("data");
        Files.write(path, new byte[16]);
        devNull = new java.io.FileOutputStream("/dev/null");
        try {
            own = HostGuardBenchmark.class.getMethod("number");
            jdk = Integer.class.getMethod("intValue");
            java.lang.reflect.Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #invokeOwn} calls. */
    public int number() {
        return number;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        devNull.close();
        Files.delete(path);
        Files.delete(dir);
    }

    @Benchmark
    public boolean exists() {
        return Files.exists(path);
    }

    @Benchmark
    public long readAttributes() throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).size();
    }

    @Benchmark
    public void channelOpen() throws IOException {
        FileChannel.open(path, StandardOpenOption.READ).close();
    }

    @Benchmark
    public Locale defaultLocale() {
        return Locale.getDefault(Locale.Category.FORMAT);
    }

    @Benchmark
    public String formatNumber() {
        return String.format("%,d", number);
    }

    @Benchmark
    @SuppressWarnings("deprecation") // the constructor most programs still call
    public java.net.URL newUrl() throws java.net.MalformedURLException {
        return new java.net.URL("http://example.com/a?b");
    }

    @Benchmark
    public ClassLoader newLoader() throws IOException {
        java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[0]);
        loader.close();
        return loader;
    }

    @Benchmark
    public Object invokeOwn() throws ReflectiveOperationException {
        return own.invoke(this);
    }

    @Benchmark
    public Object invokeJdk() throws ReflectiveOperationException {
        return jdk.invoke(boxed);
    }

    /** Freed at once, as a program that frees its buffers does (Netty's way, {@code Unsafe.invokeCleaner}). */
    @Benchmark
    public int directBuffer() {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(64);
        int capacity = buffer.capacity();
        unsafe.invokeCleaner(buffer);
        return capacity;
    }

    @Benchmark
    public void streamWrite() throws IOException {
        devNull.write(bytes);
    }
}
