package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the links in the JDK's home lead outside it. A distribution's JDK may keep its files
 * elsewhere and link them in: Debian's and Ubuntu's keep {@code conf/net.properties},
 * {@code conf/security/java.security}, the cryptographic policies and
 * {@code lib/security/blocked.certs} in {@code /etc/java-17-openjdk}, and {@code lib/security/cacerts}
 * in {@code /etc/ssl/certs/java}. A guest reads the JDK's home, read-only at its host path, and
 * these with it: the JDK reads its own files for whichever program needs them first, often by
 * their canonical path, and a JVM-wide default it reads on a guest's thread (the schemes HTTP
 * authentication may not use through a proxy, in {@code net.properties}) would otherwise be
 * missing for the host and every guest after.
 */
public final class JdkLinks {

    private JdkLinks() {
    }

    /** Those of this JVM's {@code java.home}, found once. */
    public static List<Path> ofThisJdk() {
        return ThisJdk.TARGETS;
    }

    private static final class ThisJdk {
        static final List<Path> TARGETS = targetsOutside(Path.of(System.getProperty("java.home")));
    }

    /**
     * The real paths of the files and directories that links in {@code home}'s {@code conf} and
     * {@code lib}, what the JDK reads as it runs, lead to outside it; a link that leads nowhere is
     * left out, and so is what a directory the walk cannot read holds.
     */
    public static List<Path> targetsOutside(Path home) {
        Path realHome;
        try {
            realHome = home.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        TreeSet<Path> targets = new TreeSet<>();
        for (String read : READ_AS_IT_RUNS) {
            try (Stream<Path> paths = Files.walk(home.resolve(read))) {
                for (Iterator<Path> it = paths.iterator(); it.hasNext(); ) {
                    Path target = outside(it.next(), realHome);
                    if (target != null) {
                        targets.add(target);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // no such directory, or one the walk cannot read: what was found so far
            }
        }
        return List.copyOf(targets);
    }

    /** The directories of a JDK's home whose files it reads as it runs (not its commands, headers, manuals or licences). */
    private static final List<String> READ_AS_IT_RUNS = List.of("conf", "lib");

    /** Where a link leads, if that is outside the home; else, and for a link that leads nowhere, {@code null}. */
    private static Path outside(Path path, Path realHome) {
        if (!Files.isSymbolicLink(path)) {
            return null;
        }
        try {
            Path target = path.toRealPath();
            return target.startsWith(realHome) ? null : target;
        } catch (IOException e) {
            return null;
        }
    }
}
