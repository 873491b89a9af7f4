package escape.console;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes MARKER to {@code /proc/self/fd/1} (opened for appending): the process's standard output
 * reached through procfs.
 *
 * <p>Source: proc(5), {@code /proc/pid/fd}, https://man7.org/linux/man-pages/man5/proc.5.html
 */
public final class ProcSelfFd {

    private ProcSelfFd() {
    }

    public static void main(String[] args) {
        try (FileOutputStream out = new FileOutputStream("/proc/self/fd/1", true)) {
            out.write((args[0] + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.println("console-proc-self-fd: wrote the marker to /proc/self/fd/1");
        } catch (Throwable t) {
            System.out.println("console-proc-self-fd: " + t);
        }
    }
}
