package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JDK keeps the jar files that jar: URLs open in one cache for the whole JVM, keyed by the
 * URL's text, which names another file on each guest's disk and the host's own on the host: a
 * guest finds only its own there, by the URL's content as by its stream.
 */
class GuestJarUrlsIT {

    private static final Duration READY = Duration.ofSeconds(30);
    private static final String NL = System.lineSeparator();

    /** Reads each jar: URL it is given by {@code URL.getContent}, which opens the connection inside the JDK. */
    private static final String CONTENT = String.join("\n",
            "public class Content {",
            "  public static void main(String[] args) {",
            "    for (String arg : args) {",
            "      try (java.io.InputStream in = (java.io.InputStream) new java.net.URL(arg).getContent()) {",
            "        System.out.println(arg.substring(arg.lastIndexOf('/', arg.indexOf('!')) + 1) + \" says \" + new String(in.readAllBytes()));",
            "      } catch (Exception e) {",
            "        System.out.println(arg.substring(arg.lastIndexOf('/', arg.indexOf('!')) + 1) + \" failed: \" + e.getClass().getSimpleName());",
            "      }",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    private static void jar(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new JarEntry("x.txt"));
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Guest reader(String name, Path classes, String... urls) throws Exception {
        return Hypervisor.get().start(GuestSpec.builder(name).classPath(classes).mainClass("Content").args(List.of(urls))
                .console(Console.Mode.CAPTURE).disk(dir.resolve(name)).build());
    }

    @Test
    void aGuestFindsNeitherTheHostsNorAnotherGuestsJarInTheJdksCacheByTheSameUrl() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Content", CONTENT));
        Path hostJar = dir.resolve("host").resolve("host.jar");
        jar(hostJar, "the host's");
        jar(dir.resolve("first").resolve("lib.jar"), "the first guest's");
        jar(dir.resolve("second").resolve("lib.jar"), "the second guest's");
        String hostUrl = "jar:" + hostJar.toUri() + "!/x.txt";
        // the host's connection keeps its jar in the JDK's cache, as its class loading's would
        try (InputStream in = new URL(hostUrl).openConnection().getInputStream()) {
            assertEquals("the host's", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        Guest first = reader("first", classes, "jar:file:/lib.jar!/x.txt", hostUrl);
        GuestResult firstResult = first.await(READY);
        Guest second = reader("second", classes, "jar:file:/lib.jar!/x.txt");
        GuestResult secondResult = second.await(READY);

        assertAll(first.console().capturedOut() + first.console().capturedErr() + second.console().capturedErr(),
                () -> assertEquals(0, firstResult == null ? -1 : firstResult.exitStatus()),
                () -> assertEquals("lib.jar!/x.txt says the first guest's" + NL + "host.jar!/x.txt failed: NoSuchFileException" + NL,
                        first.console().capturedOut()),
                () -> assertEquals(0, secondResult == null ? -1 : secondResult.exitStatus()),
                () -> assertEquals("lib.jar!/x.txt says the second guest's" + NL, second.console().capturedOut()));
    }
}
