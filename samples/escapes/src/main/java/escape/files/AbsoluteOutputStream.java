package escape.files;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Opens the host file FILE by its absolute path with {@code new FileOutputStream(FILE)}: the first
 * thing a sandbox that gives its guest a disk of its own must map or refuse.
 *
 * <p>Source: CWE-36, Absolute Path Traversal, https://cwe.mitre.org/data/definitions/36.html
 */
public final class AbsoluteOutputStream {

    private AbsoluteOutputStream() {
    }

    public static void main(String[] args) {
        String file = args[0];
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("file-absolute-output-stream: wrote " + file);
        } catch (Throwable t) {
            System.out.println("file-absolute-output-stream: " + t);
        }
    }
}
