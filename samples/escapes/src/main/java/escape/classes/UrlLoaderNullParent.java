package escape.classes;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies the class file of the class {@link Payload} (which writes FILE) to a directory of
 * its own, and loads it from there with a JDK {@code URLClassLoader} whose parent is {@code null}: a
 * class whose loader the JDK made on the guest's request.
 *
 * <p>Source: JDK API, {@code URLClassLoader},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/URLClassLoader.html
 */
public final class UrlLoaderNullParent {

    private UrlLoaderNullParent() {
    }

    public static void main(String[] args) {
        try (InputStream in = UrlLoaderNullParent.class.getResourceAsStream("Payload.class")) {
            Path dir = Files.createTempDirectory("escape-classes");
            Path classFile = dir.resolve("escape/classes/Payload.class");
            Files.createDirectories(classFile.getParent());
            Files.write(classFile, in.readAllBytes());
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
                Class<?> payload = loader.loadClass("escape.classes.Payload");
                payload.getMethod("run", String.class).invoke(null, args[0]);
                System.out.println("class-url-loader-null-parent: " + payload + " of " + loader + " wrote " + args[0]);
            }
        } catch (Throwable t) {
            System.out.println("class-url-loader-null-parent: " + t);
        }
    }
}
