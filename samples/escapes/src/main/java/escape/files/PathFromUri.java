package escape.files;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Turns a {@code file:} URI of FILE into a path with {@code Paths.get(URI)}, which asks the
 * installed file-system provider for the URI's scheme, then writes it with {@code Files}.
 *
 * <p>Source: JDK API, {@code Paths.get(URI)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/file/Paths.html#get(java.net.URI)
 */
public final class PathFromUri {

    private PathFromUri() {
    }

    public static void main(String[] args) {
        try {
            Path path = Paths.get(new URI("file", null, args[0], null));
            Files.writeString(path, "escaped\n");
            System.out.println("file-path-from-uri: wrote " + path.toUri());
        } catch (Throwable t) {
            System.out.println("file-path-from-uri: " + t);
        }
    }
}
