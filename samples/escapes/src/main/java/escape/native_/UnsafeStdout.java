package escape.native_;

import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Reads the static field {@code System.out} and then the private {@code FilterOutputStream.out}
 * beneath it with {@code sun.misc.Unsafe} (field offsets, no access checks, no module checks), and
 * writes MARKER to the stream found there: whatever a sandbox did to the guest's view of
 * {@code System.out}, the field itself holds the JVM's real standard output.
 *
 * <p>Source: JEP 471, Deprecate the Memory-Access Methods in sun.misc.Unsafe for Removal,
 * https://openjdk.org/jeps/471
 */
public final class UnsafeStdout {

    private UnsafeStdout() {
    }

    public static void main(String[] args) {
        try {
            Class<?> unsafeClass = TheUnsafe.TYPE;
            Object unsafe = TheUnsafe.get();
            Field systemOut = System.class.getDeclaredField("out");
            Object base = unsafeClass.getMethod("staticFieldBase", Field.class).invoke(unsafe, systemOut);
            Object offset = unsafeClass.getMethod("staticFieldOffset", Field.class).invoke(unsafe, systemOut);
            Object printStream = unsafeClass.getMethod("getObject", Object.class, long.class).invoke(unsafe, base, offset);
            Object innerOffset = unsafeClass.getMethod("objectFieldOffset", Field.class)
                    .invoke(unsafe, FilterOutputStream.class.getDeclaredField("out"));
            OutputStream real = (OutputStream) unsafeClass.getMethod("getObject", Object.class, long.class)
                    .invoke(unsafe, printStream, innerOffset);
            real.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            real.flush();
            System.out.println("native-unsafe-stdout: wrote the marker to " + real.getClass().getName());
        } catch (Throwable t) {
            System.out.println("native-unsafe-stdout: " + t);
        }
    }
}
