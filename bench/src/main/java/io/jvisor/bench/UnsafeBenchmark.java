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

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;

/**
 * What a check of {@code sun.misc.Unsafe} costs a guest: the same accesses of its own memory in a
 * native fork and in a jvisor fork, where each is a trap that finds the memory the guest's (a field
 * of its class, an array's element, a block it allocated) before the JDK's accessor runs.
 *
 * <pre>
 *   fieldGet     getInt of a field of this class           -> Traps.unsafeGetInt: the field's look-up by offset
 *   fieldCas     compareAndSwapInt of that field           -> Traps.unsafeCompareAndSwapInt
 *   arrayGet     getLong of a byte[]'s elements            -> Traps.unsafeGetLong: the array's bounds
 *   nativeGet    getLong of native memory it allocated     -> Traps.unsafeGetLongAt: its blocks, under a read lock
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Thread)
public class UnsafeBenchmark {

    private sun.misc.Unsafe unsafe;
    private long valueOffset;
    private long secondLong;
    private long block;
    private final byte[] bytes = new byte[16];
    private volatile int value;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        ForkMode.check();
        Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        valueOffset = unsafe.objectFieldOffset(UnsafeBenchmark.class.getDeclaredField("value"));
        secondLong = unsafe.arrayBaseOffset(byte[].class) + 8L;
        block = unsafe.allocateMemory(16);
        unsafe.putLong(block + 8, 42L);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        unsafe.freeMemory(block);
    }

    @Benchmark
    public int fieldGet() {
        return unsafe.getInt(this, valueOffset);
    }

    @Benchmark
    public boolean fieldCas() {
        int v = value;
        return unsafe.compareAndSwapInt(this, valueOffset, v, v + 1);
    }

    @Benchmark
    public long arrayGet() {
        return unsafe.getLong(bytes, secondLong);
    }

    @Benchmark
    public long nativeGet() {
        return unsafe.getLong(block + 8);
    }
}
