package escape.files;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes FILE through {@code /proc/self/root}, Linux's link to the process's root directory: a
 * path that names the host's root while not starting with the host path itself.
 *
 * <p>Source: proc(5), {@code /proc/pid/root}, https://man7.org/linux/man-pages/man5/proc.5.html
 */
public final class ProcSelfRoot {

    private ProcSelfRoot() {
    }

    public static void main(String[] args) {
        String path = "/proc/self/root" + args[0];
        try (FileOutputStream out = new FileOutputStream(path)) {
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("file-proc-self-root: wrote " + path);
        } catch (Throwable t) {
            System.out.println("file-proc-self-root: " + t);
        }
    }
}
