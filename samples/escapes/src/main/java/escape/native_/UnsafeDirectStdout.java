package escape.native_;

import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * As {@code native-unsafe-stdout}, with {@code sun.misc.Unsafe}'s methods called by the guest's own
 * code rather than by reflection: {@code staticFieldBase} and {@code getObject} of
 * {@code System.out}, then {@code FilterOutputStream.out}, the JVM's real standard output.
 *
 * <p>Source: JEP 471, which lists what sun.misc.Unsafe's memory access reaches,
 * https://openjdk.org/jeps/471
 */
public final class UnsafeDirectStdout {

    private UnsafeDirectStdout() {
    }

    public static void main(String[] args) {
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            Field systemOut = System.class.getDeclaredField("out");
            Object printStream = unsafe.getObject(unsafe.staticFieldBase(systemOut), unsafe.staticFieldOffset(systemOut));
            OutputStream real = (OutputStream) unsafe.getObject(printStream,
                    unsafe.objectFieldOffset(FilterOutputStream.class.getDeclaredField("out")));
            real.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            real.flush();
            System.out.println("native-unsafe-direct-stdout: wrote the marker to " + real.getClass().getName());
        } catch (Throwable t) {
            System.out.println("native-unsafe-direct-stdout: " + t);
        }
    }
}
