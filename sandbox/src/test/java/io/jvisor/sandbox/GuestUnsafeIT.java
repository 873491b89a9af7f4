package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code sun.misc.Unsafe} for a guest: its instance, which many a library takes by reflection, is
 * its to have, and each use reaches only the guest's own memory (its classes' fields, arrays,
 * native memory it allocated, up to the JVM's maximum heap; a reference stored only where it is of
 * the field's type; a boolean only as a boolean, which the JIT trusts to be 0 or 1; no class loader
 * without its constructor; sun.reflect.ReflectionFactory for its own classes only; no unpark of an
 * object that is no thread), however the guest calls it (its code, reflection, a method handle); a direct
 * buffer it cleans keeps its memory until it is collected, so that a read after reaches no freed
 * memory. Before, a guest could not have it at all (opening {@code Unsafe} is native access), and
 * JRuby, which keeps every Ruby object's instance variables by it, failed to start.
 */
class GuestUnsafeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** Uses the guest's own memory, then tries every way out of it, printing each outcome. */
    private static final String MEMORY = """
            package app;

            import java.lang.invoke.MethodHandle;
            import java.lang.invoke.MethodHandles;
            import java.lang.invoke.MethodType;
            import java.lang.reflect.Field;
            import sun.misc.Unsafe;

            public final class Memory {
                static long counter = 1;
                int value = 20;
                Object reference = "kept";
                Memory next;
                boolean flag;

                static final class Loader extends ClassLoader {
                }

                interface Attempt {
                    Object run() throws Throwable;
                }

                static void attempt(String name, Attempt a) {
                    try {
                        System.out.println(name + ": allowed " + a.run());
                    } catch (Throwable t) {
                        Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
                        System.out.println(name + ": " + (cause instanceof SecurityException ? "refused" : cause.toString()));
                    }
                }

                public static void main(String[] args) throws Throwable {
                    Field f = Unsafe.class.getDeclaredField("theUnsafe");
                    f.setAccessible(true);
                    Unsafe u = (Unsafe) f.get(null);

                    Memory m = new Memory();
                    long value = u.objectFieldOffset(Memory.class.getDeclaredField("value"));
                    long reference = u.objectFieldOffset(Memory.class.getDeclaredField("reference"));
                    Field counterField = Memory.class.getDeclaredField("counter");
                    Object statics = u.staticFieldBase(counterField);
                    long counter = u.staticFieldOffset(counterField);
                    u.compareAndSwapInt(m, value, 20, 21);
                    u.putLong(statics, counter, u.getLong(statics, counter) + 1);
                    Object[] array = {"a", "b"};
                    long second = u.arrayBaseOffset(Object[].class) + u.arrayIndexScale(Object[].class);
                    byte[] bytes = new byte[16];
                    u.putLong(bytes, (long) u.arrayBaseOffset(byte[].class) + 8, 7L);
                    long block = u.allocateMemory(16);
                    u.putLong(block + 8, 5L);
                    u.copyMemory(null, block + 8, bytes, (long) u.arrayBaseOffset(byte[].class), 8);
                    System.out.println("own: " + m.value + " " + u.getObject(m, reference) + " " + Memory.counter
                            + " " + u.getObject(array, second) + " " + u.getLong(block + 8) + " " + bytes[0]);
                    u.freeMemory(block);
                    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(8).putLong(0, 9L);
                    u.invokeCleaner(direct);
                    System.out.println("cleaned, then read: " + direct.getLong(0));
                    long flag = u.objectFieldOffset(Memory.class.getDeclaredField("flag"));
                    long booleans = u.arrayBaseOffset(boolean[].class);
                    boolean[] filled = new boolean[2];
                    boolean[] copied = new boolean[2];
                    u.putBoolean(m, flag, true);
                    u.setMemory(filled, booleans, 2, (byte) 1);
                    u.copyMemory(filled, booleans, copied, booleans, 2);
                    System.out.println("own booleans: " + m.flag + " " + filled[1] + " " + copied[1]);
                    sun.reflect.ReflectionFactory factory = sun.reflect.ReflectionFactory.getReflectionFactory();
                    Memory made = (Memory) factory.newConstructorForSerialization(Memory.class, Object.class.getDeclaredConstructor())
                            .newInstance();
                    u.unpark(Thread.currentThread());
                    System.out.println("own by serialisation: " + made.value);
                    try {
                        u.freeMemory(u.allocateMemory(Runtime.getRuntime().maxMemory() + 1));
                        System.out.println("more than the heap: allocated");
                    } catch (OutOfMemoryError e) {
                        System.out.println("more than the heap: " + e.getClass().getName());
                    }

                    attempt("JDK field offset", () -> u.objectFieldOffset(String.class.getDeclaredField("value")));
                    attempt("JDK static base", () -> u.staticFieldBase(System.class.getDeclaredField("out")));
                    attempt("reference read of an int", () -> u.getObject(m, value));
                    attempt("guessed offset", () -> u.getLong(m, 0));
                    attempt("past an array", () -> u.getInt(new int[2], (long) u.arrayBaseOffset(int[].class) + 8));
                    attempt("int in a reference array", () -> u.getInt(array, second));
                    long next = u.objectFieldOffset(Memory.class.getDeclaredField("next"));
                    u.putObject(m, next, new Memory());
                    attempt("a String as a Memory", () -> { u.putObject(m, next, "not a Memory"); return m.next; });
                    attempt("a String in an Integer[]", () -> {
                        Integer[] numbers = new Integer[1];
                        u.putObject(numbers, (long) u.arrayBaseOffset(Integer[].class), "not an Integer");
                        return numbers[0];
                    });
                    attempt("a byte of 4 in a boolean", () -> { u.putByte(m, flag, (byte) 4); return m.flag; });
                    attempt("a byte of 4 in a boolean[]", () -> { u.putByte(filled, booleans, (byte) 4); return filled[0]; });
                    attempt("a boolean[] filled with 4", () -> { u.setMemory(filled, booleans, 1, (byte) 4); return filled[0]; });
                    attempt("bytes copied into a boolean[]", () -> {
                        u.copyMemory(new byte[] {4}, (long) u.arrayBaseOffset(byte[].class), filled, booleans, 1);
                        return filled[0];
                    });
                    attempt("a field's end overflowed", () -> u.getLong(m, Long.MAX_VALUE));
                    attempt("a class loader without its constructor", () -> u.allocateInstance(Loader.class));
                    attempt("a JDK constructor for serialisation", () -> factory.newConstructorForSerialization(
                            MethodHandles.Lookup.class, MethodHandles.Lookup.class.getDeclaredConstructor(Class.class, Class.class, int.class)));
                    attempt("a JDK class for serialisation", () -> factory.readObjectForSerialization(java.util.HashMap.class));
                    attempt("unpark an object not a thread", () -> { u.unpark("not a thread"); return null; });
                    attempt("throw null", () -> { u.throwException(null); return null; });
                    attempt("address 0", () -> { u.putAddress(0, 0); return null; });
                    attempt("freed memory", () -> u.getLong(block + 8));
                    attempt("double free", () -> { u.freeMemory(block); return null; });
                    attempt("JDK instance", () -> u.allocateInstance(Thread.class));
                    attempt("by reflection", () -> Unsafe.class.getMethod("getLong", Object.class, long.class).invoke(u, m, 0L));
                    MethodHandle getLong = MethodHandles.lookup().findVirtual(Unsafe.class, "getLong",
                            MethodType.methodType(long.class, Object.class, long.class));
                    attempt("by a method handle", () -> getLong.invoke(u, (Object) m, 0L));
                    attempt("other members", () -> {
                        Field internal = Unsafe.class.getDeclaredField("theInternalUnsafe");
                        internal.setAccessible(true);
                        return internal.get(null) != null;
                    });
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestUsesUnsafeOnItsOwnMemoryAndNoOther() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("memory"), Map.of("app.Memory", MEMORY));
        Guest g = Hypervisor.get().start(GuestSpec.builder("memory").classPath(classes).mainClass("app.Memory")
                .console(Console.Mode.CAPTURE).disk(dir.resolve("memory-disk")).build());
        GuestResult result = g.await(PATIENCE);

        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        assertEquals(List.of("own: 21 kept 2 b 5 5", "cleaned, then read: 9", "own booleans: true true true", "own by serialisation: 0",
                "more than the heap: java.lang.OutOfMemoryError",
                "JDK field offset: refused", "JDK static base: refused", "reference read of an int: refused",
                "guessed offset: refused", "past an array: refused", "int in a reference array: refused",
                "a String as a Memory: refused", "a String in an Integer[]: refused",
                "a byte of 4 in a boolean: refused", "a byte of 4 in a boolean[]: refused", "a boolean[] filled with 4: refused",
                "bytes copied into a boolean[]: refused", "a field's end overflowed: refused",
                "a class loader without its constructor: refused", "a JDK constructor for serialisation: refused",
                "a JDK class for serialisation: refused", "unpark an object not a thread: refused",
                "throw null: java.lang.NullPointerException",
                "address 0: refused", "freed memory: refused", "double free: refused", "JDK instance: refused",
                "by reflection: refused", "by a method handle: refused",
                "other members: refused"), g.console().capturedOut().lines().toList());
    }

    @Test
    void jrubyRunsUnmodified() throws Exception {
        String script = "class Point; def initialize(x); @x = x; end; def x; @x; end; end\n"
                + "puts Point.new(41).x + 1\n"
                + "puts java.lang.System.getProperty('user.home')\n"
                + "puts ENV['HOME'].inspect\n";
        Guest g = Hypervisor.get().start(GuestSpec.builder("jruby").classPath(Path.of(System.getProperty("guest.jruby")))
                .mainClass("org.jruby.Main").args(List.of("-e", script)).console(Console.Mode.CAPTURE)
                .disk(dir.resolve("jruby-disk")).build());
        GuestResult result = g.await(PATIENCE);

        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        assertEquals(List.of("42", "/home/guest", "nil"), g.console().capturedOut().lines().toList());
    }
}
