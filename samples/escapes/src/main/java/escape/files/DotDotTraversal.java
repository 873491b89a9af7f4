package escape.files;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes FILE by a relative path that climbs out of the working directory with a run of
 * {@code ../} (more than any directory is deep; {@code ..} of the root is the root), the classic
 * path traversal.
 *
 * <p>Source: CWE-23, Relative Path Traversal, https://cwe.mitre.org/data/definitions/23.html
 */
public final class DotDotTraversal {

    private DotDotTraversal() {
    }

    public static void main(String[] args) {
        String path = "../".repeat(32) + args[0].substring(1);
        try (FileOutputStream out = new FileOutputStream(path)) {
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("file-dot-dot-traversal: wrote " + path);
        } catch (Throwable t) {
            System.out.println("file-dot-dot-traversal: " + t);
        }
    }
}
