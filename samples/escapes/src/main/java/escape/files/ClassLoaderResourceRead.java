package escape.files;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

/**
 * Reads FILE as a "resource" of a {@code URLClassLoader} over FILE's directory: the JDK's class
 * path machinery opens the file.
 *
 * <p>Source: JDK API, {@code URLClassLoader.getResourceAsStream},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/URLClassLoader.html
 */
public final class ClassLoaderResourceRead {

    private ClassLoaderResourceRead() {
    }

    public static void main(String[] args) {
        File file = new File(args[0]);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {file.getParentFile().toURI().toURL()}, null);
                InputStream in = loader.getResourceAsStream(file.getName())) {
            if (in == null) {
                System.out.println("read-class-loader-resource: no such resource " + file.getName());
                return;
            }
            System.out.println("read-class-loader-resource: read " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (Throwable t) {
            System.out.println("read-class-loader-resource: " + t);
        }
    }
}
