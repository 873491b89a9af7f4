package escape.console;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes MARKER to {@code /dev/fd/2} through NIO ({@code Files.newOutputStream}, appending): the
 * standard error by path, through the file-system provider rather than {@code java.io}.
 *
 * <p>Source: Linux, {@code /dev/fd} (a link to {@code /proc/self/fd}), proc(5),
 * https://man7.org/linux/man-pages/man5/proc.5.html
 */
public final class DevFdChannel {

    private DevFdChannel() {
    }

    public static void main(String[] args) {
        try (OutputStream out = Files.newOutputStream(Path.of("/dev/fd/2"), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.println("console-dev-fd-nio: wrote the marker to /dev/fd/2");
        } catch (Throwable t) {
            System.out.println("console-dev-fd-nio: " + t);
        }
    }
}
