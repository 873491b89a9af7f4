package io.jvisor.sandbox;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * The class loader of one guest: its class path over the platform loader, so the guest sees the
 * JDK and jvisor's trap entry points (on the bootstrap class path) but none of the host's or the
 * hypervisor's classes. Unnamed, so that stack traces read as they would outside jvisor.
 */
final class GuestClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** The files of the class path, as absolute paths. */
    private final Set<Path> files;

    GuestClassLoader(URL[] classPath) {
        super(classPath, ClassLoader.getPlatformClassLoader());
        Set<Path> entries = new HashSet<>();
        for (URL entry : classPath) {
            try {
                entries.add(Path.of(entry.toURI()).toAbsolutePath().normalize());
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                // not a file: nothing this loader opens as a jar
            }
        }
        files = Set.copyOf(entries);
    }

    /** Whether a zip file is a jar of this class path, which the loader opens as it looks classes up. */
    boolean isOwnJar(ZipFile zip) {
        return files.contains(Path.of(zip.getName()).toAbsolutePath().normalize());
    }
}
