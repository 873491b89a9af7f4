package escape.files;

import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads FILE through the file system that {@code FileSystems.getFileSystem(URI.create("file:///"))}
 * returns: the JVM's default file system fetched by URI rather than by {@code getDefault()}.
 *
 * <p>Source: JDK API, {@code FileSystems.getFileSystem(URI)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/file/FileSystems.html#getFileSystem(java.net.URI)
 */
public final class DefaultFileSystemRead {

    private DefaultFileSystemRead() {
    }

    public static void main(String[] args) {
        try {
            Path path = FileSystems.getFileSystem(URI.create("file:///")).getPath(args[0]);
            System.out.println("read-default-filesystem: read " + Files.readString(path).trim());
        } catch (Throwable t) {
            System.out.println("read-default-filesystem: " + t);
        }
    }
}
