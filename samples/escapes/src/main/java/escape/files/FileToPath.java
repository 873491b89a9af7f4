package escape.files;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts an absolute {@code java.io.File} for FILE into an NIO path with {@code File.toPath()}
 * and writes it with {@code Files.write}: a hop from the old file API to the new one.
 *
 * <p>Source: JDK API, {@code File.toPath},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/File.html#toPath()
 */
public final class FileToPath {

    private FileToPath() {
    }

    public static void main(String[] args) {
        try {
            Path path = new File(args[0]).toPath();
            Files.write(path, "escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("file-to-path: wrote " + path);
        } catch (Throwable t) {
            System.out.println("file-to-path: " + t);
        }
    }
}
