package escape.console;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes MARKER to the device file {@code /dev/stdout} (opened for appending): a file name, not a
 * descriptor, that the OS resolves to the process's standard output.
 *
 * <p>Source: Linux, {@code /dev/stdout} (a link to {@code /proc/self/fd/1}), proc(5),
 * https://man7.org/linux/man-pages/man5/proc.5.html
 */
public final class DevStdout {

    private DevStdout() {
    }

    public static void main(String[] args) {
        try (FileOutputStream out = new FileOutputStream("/dev/stdout", true)) {
            out.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.println("console-dev-stdout: wrote the marker to /dev/stdout");
        } catch (Throwable t) {
            System.out.println("console-dev-stdout: " + t);
        }
    }
}
