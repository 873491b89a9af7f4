package escape.files;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.spi.FileSystemProvider;

/**
 * Picks the {@code file} provider out of {@code FileSystemProvider.installedProviders()} and asks
 * it directly for an output stream on FILE, below {@code Files} and {@code FileSystems}.
 *
 * <p>Source: JDK API, {@code FileSystemProvider.installedProviders},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/file/spi/FileSystemProvider.html
 */
public final class InstalledProvider {

    private InstalledProvider() {
    }

    public static void main(String[] args) {
        try {
            for (FileSystemProvider provider : FileSystemProvider.installedProviders()) {
                if (provider.getScheme().equals("file")) {
                    try (OutputStream out = provider.newOutputStream(provider.getPath(new URI("file", null, args[0], null)))) {
                        out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    System.out.println("file-installed-provider: " + provider.getClass().getName() + " wrote " + args[0]);
                    return;
                }
            }
            System.out.println("file-installed-provider: no file provider installed");
        } catch (Throwable t) {
            System.out.println("file-installed-provider: " + t);
        }
    }
}
