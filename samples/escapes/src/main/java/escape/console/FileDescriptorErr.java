package escape.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes MARKER with {@code new FileOutputStream(FileDescriptor.err)}: the process's file descriptor
 * 2, beneath {@code System.err}.
 *
 * <p>Source: JDK API, {@code FileDescriptor.err},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/FileDescriptor.html#err
 */
public final class FileDescriptorErr {

    private FileDescriptorErr() {
    }

    public static void main(String[] args) {
        try {
            FileOutputStream err = new FileOutputStream(FileDescriptor.err);
            err.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
            System.out.println("console-fd-err: wrote the marker to FileDescriptor.err");
        } catch (Throwable t) {
            System.out.println("console-fd-err: " + t);
        }
    }
}
