package escape.native_;

/**
 * Takes {@code sun.misc.Unsafe} (module {@code jdk.unsupported} opens it to everyone) and stores to
 * address 0: the JVM dies of a segmentation fault, which no exit guard can refuse.
 *
 * <p>Source: JEP 471, Deprecate the Memory-Access Methods in sun.misc.Unsafe for Removal,
 * https://openjdk.org/jeps/471
 */
public final class UnsafeCrash {

    private UnsafeCrash() {
    }

    public static void main(String[] args) {
        try {
            Class<?> unsafeClass = TheUnsafe.TYPE;
            Object unsafe = TheUnsafe.get();
            System.out.println("native-unsafe-crash: Unsafe.putAddress(0, 0)");
            unsafeClass.getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
            System.out.println("native-unsafe-crash: the store to address 0 returned?!");
        } catch (Throwable t) {
            System.out.println("native-unsafe-crash: " + t);
        }
    }
}
