package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The host's files the JDK reads for whichever program needs them first, which a guest reads
 * read-only at their host paths: the JDK's home; where the links in its home lead outside it; and
 * the system's fonts.
 *
 * <p>A distribution's JDK may keep its files elsewhere and link them in: Debian's and Ubuntu's
 * keep {@code conf/net.properties}, {@code conf/security/java.security}, the cryptographic
 * policies and {@code lib/security/blocked.certs} in {@code /etc/java-17-openjdk}, and
 * {@code lib/security/cacerts} in {@code /etc/ssl/certs/java}. The JDK's font manager, one for the
 * JVM, opens the font files fontconfig names on the thread that first draws text. What the JDK
 * reads on a guest's thread was otherwise missing there, and what it keeps for the JVM from that
 * first read was lost for the host too: the schemes HTTP authentication may not use through a
 * proxy (in {@code net.properties}), every physical font.
 */
public final class JdkFiles {

    /** Where fontconfig looks for the system's fonts, as its {@code /etc/fonts/fonts.conf} names them. */
    private static final List<String> FONTS = List.of("/usr/share/fonts", "/usr/local/share/fonts");

    private JdkFiles() {
    }

    /** Those of this JVM, found once: its {@code java.home}, where its links lead, the fonts there are. */
    public static List<Path> ofThisJvm() {
        return ThisJvm.FILES;
    }

    private static final class ThisJvm {
        static final List<Path> FILES = find();

        private static List<Path> find() {
            Path home = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
            List<Path> files = new ArrayList<>(List.of(home));
            files.addAll(targetsOutside(home));
            FONTS.stream().map(Path::of).filter(Files::isDirectory).forEach(files::add);
            return List.copyOf(files);
        }
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
