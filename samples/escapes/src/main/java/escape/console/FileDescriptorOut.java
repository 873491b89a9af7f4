package escape.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes MARKER with {@code new FileOutputStream(FileDescriptor.out)}: a stream on the process's
 * file descriptor 1 itself, which bypasses whatever {@code System.out} was replaced with.
 *
 * <p>Source: JDK API, {@code FileDescriptor.out},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/FileDescriptor.html#out
 */
public final class FileDescriptorOut {

    private FileDescriptorOut() {
    }

    public static void main(String[] args) {
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("console-fd-out: wrote the marker to FileDescriptor.out");
        } catch (Throwable t) {
            System.out.println("console-fd-out: " + t);
        }
    }
}
