package escape.native_;

import java.nio.charset.StandardCharsets;

/**
 * Writes MARKER to file descriptor 1 with the C library's {@code write} through the foreign
 * function API: the process's real standard output, below every Java stream.
 *
 * <p>Source: JEP 454, Foreign Function &amp; Memory API, https://openjdk.org/jeps/454
 */
public final class ForeignWriteStdout {

    private ForeignWriteStdout() {
    }

    public static void main(String[] args) {
        String line = args[0] + "\n";
        try {
            Object written = Libc.function("write", "JAVA_LONG", "JAVA_INT", "ADDRESS", "JAVA_LONG")
                    .invokeWithArguments(1, Libc.cString(line), (long) line.getBytes(StandardCharsets.UTF_8).length);
            System.out.println("native-ffm-write-stdout: write(1, marker) returned " + written);
        } catch (Throwable t) {
            System.out.println("native-ffm-write-stdout: " + t);
        }
    }
}
