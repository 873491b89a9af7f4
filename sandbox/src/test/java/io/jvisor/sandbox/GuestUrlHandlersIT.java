package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.Console;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program names the handlers of its URLs' protocols to the JVM in three ways beside a factory
 * (which {@link GuestDefaultsIT} covers): a provider of {@code URLStreamHandlerProvider} on its
 * class path, and packages in the system property {@code java.protocol.handler.pkgs}, which
 * Spring Boot's executable jars set for their nested jars. A guest's are its own: its URLs find
 * them as natively, the host's and other guests' do not.
 */
class GuestUrlHandlersIT {

    private static final String NL = System.lineSeparator();

    /** Reads each URL it is given, or, for {@code packages=P}, sets its handler packages to P. */
    private static final String READER = String.join("\n",
            "public class Reader {",
            "  public static void main(String[] args) throws Exception {",
            "    for (String arg : args) {",
            "      if (arg.startsWith(\"packages=\")) {",
            "        System.setProperty(\"java.protocol.handler.pkgs\", arg.substring(9));",
            "        continue;",
            "      }",
            "      try {",
            "        java.net.URL url = new java.net.URL(arg);",
            "        System.out.println(arg + \" says \" + new String(url.openStream().readAllBytes()));",
            "      } catch (java.net.MalformedURLException e) {",
            "        System.out.println(arg + \": \" + e.getMessage());",
            "      }",
            "    }",
            "  }",
            "}",
            "");
    private static final String TEXT_HANDLER = String.join("\n",
            "package handlers;",
            "public class TextHandler extends java.net.URLStreamHandler {",
            "  private final String text;",
            "  public TextHandler(String text) { this.text = text; }",
            "  @Override protected java.net.URLConnection openConnection(java.net.URL url) {",
            "    return new java.net.URLConnection(url) {",
            "      @Override public void connect() { }",
            "      @Override public java.io.InputStream getInputStream() {",
            "        return new java.io.ByteArrayInputStream(text.getBytes());",
            "      }",
            "    };",
            "  }",
            "}",
            "");
    private static final String PACKAGE_HANDLER = String.join("\n",
            "package handlers.greeting;",
            "public class Handler extends handlers.TextHandler {",
            "  public Handler() { super(\"hello from a package\"); }",
            "}",
            "");
    private static final String PROVIDER = String.join("\n",
            "package handlers;",
            "public class Provider extends java.net.spi.URLStreamHandlerProvider {",
            "  @Override public java.net.URLStreamHandler createURLStreamHandler(String protocol) {",
            "    return protocol.equals(\"provided\") ? new TextHandler(\"hello from a provider\") : null;",
            "  }",
            "}",
            "");

    @TempDir
    static Path dir;

    private static Path classes;

    @BeforeAll
    static void compileTheGuest() throws Exception {
        classes = GuestSources.compile(dir, Map.of("Reader", READER, "handlers.TextHandler", TEXT_HANDLER,
                "handlers.greeting.Handler", PACKAGE_HANDLER, "handlers.Provider", PROVIDER));
        Files.writeString(Files.createDirectories(classes.resolve("META-INF/services")).resolve("java.net.spi.URLStreamHandlerProvider"),
                "handlers.Provider\n");
    }

    private static String run(String name, String... args) throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).classPath(classes).mainClass("Reader")
                .args(List.of(args)).console(Console.Mode.CAPTURE).disk(dir.resolve("disk-" + name)).build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut();
    }

    @Test
    void aGuestsHandlerPackagesAndProvidersAnswerItsOwnUrlsOnly() throws Exception {
        assertEquals("greeting:x: unknown protocol: greeting" + NL
                + "greeting:x says hello from a package" + NL
                + "provided:x says hello from a provider" + NL,
                run("packages", "greeting:x", "packages=handlers", "greeting:x", "provided:x"));
        assertEquals("greeting:x: unknown protocol: greeting" + NL + "provided:x says hello from a provider" + NL,
                run("no-packages", "greeting:x", "provided:x"), "another guest, of the same class path, without the property");
        for (String url : List.of("greeting:x", "provided:x")) {
            MalformedURLException unknown = assertThrows(MalformedURLException.class, () -> new URL(url), "the host's " + url);
            assertTrue(unknown.getMessage().startsWith("unknown protocol"), unknown.toString());
        }
    }
}
