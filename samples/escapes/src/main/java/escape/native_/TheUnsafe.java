package escape.native_;

import java.lang.reflect.Field;

/**
 * {@code sun.misc.Unsafe.theUnsafe}, by reflection: module {@code jdk.unsupported} opens
 * {@code sun.misc} to all code, so {@code setAccessible} succeeds. Not a technique itself.
 */
final class TheUnsafe {

    static final Class<?> TYPE = type();

    private TheUnsafe() {
    }

    static Object get() throws ReflectiveOperationException {
        Field theUnsafe = TYPE.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        return theUnsafe.get(null);
    }

    private static Class<?> type() {
        try {
            return Class.forName("sun.misc.Unsafe");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
