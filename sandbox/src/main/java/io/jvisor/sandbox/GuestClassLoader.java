package io.jvisor.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The class loader of one guest: its class path over the platform loader, so the guest sees the
 * JDK and jvisor's trap entry points (on the bootstrap class path) but none of the host's or the
 * hypervisor's classes. Unnamed, so that stack traces read as they would outside jvisor.
 *
 * <p>The resources of jvisor's jars on the bootstrap class path are no guest's: outside jvisor a
 * program's {@code getResource("META-INF/MANIFEST.MF")} finds the manifest of its own jar, not
 * one it may not even open.
 */
final class GuestClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Where the resources of jvisor's jars on the bootstrap class path start (none where those are elsewhere). */
    private static final List<String> JVISORS = Stream.of(io.jvisor.hooks.Traps.class, io.jvisor.api.Hypercalls.class)
            .map(GuestClassLoader::bootstrapLocation).filter(Objects::nonNull).distinct().toList();

    private static String bootstrapLocation(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        URL url = type.getClassLoader() == null ? ClassLoader.getPlatformClassLoader().getResource(resource) : null;
        return url == null ? null : url.toString().substring(0, url.toString().length() - resource.length());
    }

    private static boolean isJvisors(URL resource) {
        String s = resource.toString();
        return JVISORS.stream().anyMatch(s::startsWith);
    }

    /** The files of the class path and those their manifests name, as absolute paths. */
    private final Set<Path> files;

    GuestClassLoader(URL[] classPath) {
        super(classPath, ClassLoader.getPlatformClassLoader());
        List<Path> entries = new ArrayList<>();
        for (URL entry : classPath) {
            try {
                entries.add(Path.of(entry.toURI()));
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                // not a file: nothing this loader opens as a jar
            }
        }
        files = Set.copyOf(ClassPath.withManifestEntries(entries));
    }

    @Override
    public URL getResource(String name) {
        URL found = getParent().getResource(name);
        return found != null && !isJvisors(found) ? found : findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> found = new ArrayList<>();
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (!isJvisors(url)) {
                found.add(url);
            }
        }
        found.addAll(Collections.list(findResources(name)));
        return Collections.enumeration(found);
    }

    /** Whether a resource's URL is of a jar of this class path ({@code jar:file:JAR!/NAME}). */
    boolean isOwnResource(URL resource) {
        String url = resource.toString();
        int end = url.indexOf("!/");
        if (!url.startsWith("jar:file:") || end < 0) {
            return false;
        }
        try {
            return files.contains(Path.of(new URI(url.substring("jar:".length(), end))).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return false;
        }
    }

    /** Whether a zip file is a jar of this class path, which the loader opens as it looks classes up. */
    boolean isOwnJar(ZipFile zip) {
        return files.contains(Path.of(zip.getName()).toAbsolutePath().normalize());
    }
}
