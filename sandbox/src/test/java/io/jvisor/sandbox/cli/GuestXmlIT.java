package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestResult;
import io.jvisor.sandbox.GuestSources;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.cli.Launch.Result;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JDK's XML reads a guest's own system properties where it reads its configuration for the
 * program at hand, as in a JVM of its own: which factory a property names, the processing limits,
 * the working directory a relative document resolves against; XPath's {@code system-property}
 * shows a guest its own properties, as its policy allows. What the JDK keeps for the JVM stays
 * the JVM's, read from the host's files, whichever program parses first.
 */
class GuestXmlIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** 3 × 10 × 10 expansions of an entity of ten characters: 3,000 characters, 333 expansions. */
    static final String EXPANDING = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'>"
            + "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><r>&c;&c;&c;</r>";

    /**
     * Names its factory, parses a document whose entities expand 333 times, asks XPath for its
     * {@code user.home}, and parses a document by a relative name in its working directory.
     */
    private static final String XML = """
            package app;

            import java.io.ByteArrayInputStream;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Files;
import java.nio.file.Path;
            import javax.xml.parsers.DocumentBuilder;
            import javax.xml.parsers.DocumentBuilderFactory;
            import javax.xml.parsers.ParserConfigurationException;
            import javax.xml.xpath.XPathFactory;

            public final class Xml {
                /** A factory of the guest's own, which a property may name. */
                public static final class Own extends DocumentBuilderFactory {
                    private final DocumentBuilderFactory jdks = DocumentBuilderFactory.newDefaultInstance();
                    @Override public DocumentBuilder newDocumentBuilder() throws ParserConfigurationException { return jdks.newDocumentBuilder(); }
                    @Override public void setAttribute(String name, Object value) { jdks.setAttribute(name, value); }
                    @Override public Object getAttribute(String name) { return jdks.getAttribute(name); }
                    @Override public void setFeature(String name, boolean value) throws ParserConfigurationException { jdks.setFeature(name, value); }
                    @Override public boolean getFeature(String name) throws ParserConfigurationException { return jdks.getFeature(name); }
                }

                public static void main(String[] args) throws Exception {
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                    System.out.println("factory " + factory.getClass().getSimpleName());
                    try {
                        int length = factory.newDocumentBuilder().parse(new ByteArrayInputStream(args[0].getBytes(StandardCharsets.UTF_8)))
                                .getDocumentElement().getTextContent().length();
                        System.out.println("expanded " + length);
                    } catch (Exception e) {
                        System.out.println("refused " + e.getMessage());
                    }
                    var none = factory.newDocumentBuilder().parse(new ByteArrayInputStream("<r/>".getBytes(StandardCharsets.UTF_8)));
                    try {
                        System.out.println("xpath user.home " + XPathFactory.newInstance().newXPath().evaluate("system-property('user.home')", none));
                    } catch (Exception e) {
                        System.out.println("xpath refused " + e);
                    }
                    Files.writeString(Path.of("doc.xml"), "<relative/>");
                    System.out.println("relative " + factory.newDocumentBuilder().parse("doc.xml").getDocumentElement().getTagName());
                }
            }
            """;

    @TempDir
    Path dir;

    /** What parsing {@code document} gives here: how many characters it expanded to, or the refusal. */
    static String parse(String document) {
        try {
            return "expanded " + DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))).getDocumentElement().getTextContent().length();
        } catch (Exception e) {
            return "refused " + e.getMessage();
        }
    }

    private Path guestClasses() throws Exception {
        return GuestSources.compile(dir.resolve("xml"), Map.of("app.Xml", XML));
    }

    private static Guest run(GuestSpec.Builder spec) throws Exception {
        Guest g = Hypervisor.get().start(spec.mainClass("app.Xml").args(List.of(EXPANDING)).console(Console.Mode.CAPTURE).build());
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), () -> result + " " + g.console().capturedErr() + g.console().capturedOut());
        return g;
    }

    @Test
    void aGuestsOwnPropertiesConfigureTheJdksXmlForIt() throws Exception {
        Guest g = run(GuestSpec.builder("xml-own").classPath(guestClasses()).disk(dir.resolve("disk"))
                .property("javax.xml.parsers.DocumentBuilderFactory", "app.Xml$Own")
                .property("jdk.xml.entityExpansionLimit", "20"));
        List<String> out = g.console().capturedOut().lines().toList();

        assertAll(String.join("\n", out) + g.console().capturedErr(),
                () -> assertEquals(4, out.size()),
                () -> assertEquals("factory Own", out.get(0), "the factory its property names"),
                () -> assertTrue(out.get(1).startsWith("refused ") && out.get(1).contains("\"20\""), "its limit"),
                () -> assertEquals("xpath user.home /home/guest", out.get(2), "its own property, not the JVM's"),
                () -> assertEquals("relative relative", out.get(3), "resolved in its working directory, on its disk"),
                () -> assertTrue(Files.exists(dir.resolve("disk/doc.xml"))));
        assertAll("the host's XML is the JVM's",
                () -> assertNotEquals("Own", DocumentBuilderFactory.newInstance().getClass().getSimpleName()),
                () -> assertEquals("expanded 3000", parse(EXPANDING)));
    }

    @Test
    void xpathShowsNoPropertyToAGuestWhosePolicyDeniesReadingThem() throws Exception {
        Guest g = run(GuestSpec.builder("xml-denied").classPath(guestClasses()).disk(dir.resolve("disk"))
                .policy(Policy.parse("preset constrained\ndeny property-read\n", "no-properties.policy")));
        List<String> out = g.console().capturedOut().lines().toList();
        // the JDK reads its own configuration for the guest all the same: its factory and limits are the JVM's defaults
        assertAll(String.join("\n", out) + g.console().capturedErr(),
                () -> assertEquals("expanded 3000", out.get(1)),
                // JDK 17 to 23 catch the refusal in the function, which then gives an empty string; later JDKs do not
                () -> assertTrue(out.get(2).equals("xpath user.home ")
                        || out.get(2).startsWith("xpath refused ") && out.get(2).contains("deny property-read"), out.get(2)));
    }

    /**
     * The configuration JDK 24 and later make once for the JVM, from the host's files, is made
     * on whichever thread parses first: a guest's, whose disk has no such file.
     */
    @Test
    void theXmlConfigurationTheJdkKeepsForTheJvmIsReadFromTheHostsFilesWhoeverParsesFirst() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "java.xml.config.file is read from JDK 24 on");
        Path config = Files.writeString(dir.resolve("host-jaxp.properties"), "jdk.xml.entityExpansionLimit=20\n");
        String classPath = Launch.jvisorJar() + File.pathSeparator
                + Path.of(XmlHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Result r = Launch.java(dir, "-Djava.xml.config.file=" + config, "-cp", classPath, XmlHost.class.getName(),
                dir.resolve("disk").toString(), guestClasses().toString(), "app.Xml", EXPANDING);

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.contains("refused ") && l.contains("\"20\"")),
                        "the guest, first to parse in its JVM, under the JVM's configuration, as in a JVM of its own with it"),
                () -> assertTrue(r.outLines().contains("host: guest ended with status 0")),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("host: refused ") && l.contains("\"20\"")),
                        "the host, under its configuration"));
    }
}
