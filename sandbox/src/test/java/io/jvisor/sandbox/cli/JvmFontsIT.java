package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.GuestSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's one font manager, made at the first use of a font, reads the JDK's fontconfig cache
 * (which names the font file behind each logical font) from {@code ~/.java/fonts} and writes it
 * there when it finds none. Made on the thread of a guest that draws first, it read and wrote the
 * cache on that guest's disk: a cache the guest planted chose the fonts of every program in the
 * JVM. It is made from the host's files, here in a JVM of its own whose first font is a guest's.
 */
class JvmFontsIT {

    private static final String DRAW = """
            package app;

            import java.awt.Font;
            import java.awt.Graphics2D;
            import java.awt.image.BufferedImage;

            public final class Draw {
                public static void main(String[] args) {
                    Graphics2D g = new BufferedImage(200, 40, BufferedImage.TYPE_INT_RGB).createGraphics();
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
                    g.drawString("hello", 5, 30);
                    System.out.println("width: " + g.getFontMetrics().stringWidth("hello, world"));
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theFirstGuestToDrawTextHasTheJvmsFontCacheNeitherReadNorWrittenOnItsDisk() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("draw"), Map.of("app.Draw", DRAW));
        Path home = Files.createDirectories(dir.resolve("home"));
        Launch.Result natively = Launch.java(dir, "-Djava.awt.headless=true", "-Duser.home=" + home, "-cp", classes.toString(),
                "app.Draw");
        assumeTrue(!fontCaches(home).isEmpty(), "this machine's JDK keeps no fontconfig cache (no fontconfig): " + natively);

        Path disk = dir.resolve("disk");
        Launch.Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--main", "app.Draw", classes.toString());
        assertAll(natively + "\n" + guest,
                () -> assertEquals(natively.outLines(), guest.outLines(), "the guest draws as natively"),
                () -> assertEquals(0, guest.status()),
                () -> assertEquals(List.of(), fontCaches(disk), "the font caches on the guest's disk"));
    }

    /** The fontconfig caches the JDK keeps below a home directory. */
    private static List<Path> fontCaches(Path home) throws IOException {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().startsWith("fcinfo")).toList();
        }
    }
}
