package escape.files;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Reads FILE through {@code new URL("file://" + FILE).openStream()}: the JDK's {@code file:} URL
 * handler opens the file, not a file class the guest names.
 *
 * <p>Source: JDK API, {@code URL.openStream},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/URL.html#openStream()
 */
public final class FileUrlRead {

    private FileUrlRead() {
    }

    public static void main(String[] args) {
        try (InputStream in = new URL("file://" + args[0]).openStream()) {
            System.out.println("read-file-url: read " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (Throwable t) {
            System.out.println("read-file-url: " + t);
        }
    }
}
