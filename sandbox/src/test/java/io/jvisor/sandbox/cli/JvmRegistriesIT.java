package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvisor.sandbox.GuestSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's registries of time-zone rules, of Swing's static attribute keys and of fonts (and its
 * file types and Kerberos configuration, read from the host's files, audits 22 and 23) are one for the JVM, and the objects in them are asked by every program on its own thread: a hosted
 * guest may not put its own there (audit 17 ran a guest's code on another guest's thread through
 * each, and held 300 MB past its live heap through the second). The JDK's own registrations, made
 * by its static initialisers on the thread of the first program that needs them, pass: here that
 * is the guest's, in a JVM of its own.
 */
class JvmRegistriesIT {

    /** First uses java.time's zones and Swing's HTML and attribute serialization, then tries each registry. */
    private static final String REGISTRIES = """
            package app;

            import java.awt.Font;
            import java.awt.GraphicsEnvironment;
            import java.time.ZoneId;
            import java.time.zone.ZoneRulesProvider;
            import javax.swing.text.SimpleAttributeSet;
            import javax.swing.text.StyleConstants;
            import javax.swing.text.StyleContext;
            import javax.swing.text.html.HTMLEditorKit;

            public final class Registries {
                interface Attempt { Object run() throws Exception; }

                static void attempt(String what, Attempt a) {
                    try {
                        System.out.println(what + ": " + a.run());
                    } catch (Exception e) {
                        System.out.println(what + ": " + e.getClass().getName());
                    }
                }

                public static void main(String[] args) throws Exception {
                    System.out.println("zone: " + ZoneId.of("Europe/Paris").getRules().isFixedOffset());
                    javax.swing.text.Document html = new HTMLEditorKit().createDefaultDocument();
                    html.insertString(0, "text", null);
                    SimpleAttributeSet bold = new SimpleAttributeSet();
                    StyleConstants.setBold(bold, true);
                    java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream());
                    StyleContext.writeAttributeSet(out, bold);
                    System.out.println("serialized: " + StyleContext.getStaticAttributeKey(StyleConstants.Bold));
                    attempt("zone provider", () -> {
                        ZoneRulesProvider.registerProvider(new ZoneRulesProvider() {
                            protected java.util.Set<String> provideZoneIds() { return java.util.Set.of("App/Zone"); }
                            protected java.time.zone.ZoneRules provideRules(String id, boolean caching) { return null; }
                            protected java.util.NavigableMap<String, java.time.zone.ZoneRules> provideVersions(String id) {
                                return new java.util.TreeMap<>();
                            }
                        });
                        return "registered";
                    });
                    attempt("attribute key", () -> {
                        StyleContext.registerStaticAttributeKey(new Object());
                        return "registered";
                    });
                    attempt("font", () -> GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(new Font("Dialog", Font.PLAIN, 12)));
                }
            }
            """;

    /** Writes a mime.types file of its own where the JDK's detector of file types reads the JVM's, then probes. */
    private static final String TYPES = """
            package app;

            import java.nio.file.Files;
            import java.nio.file.Path;

            public final class Types {
                public static void main(String[] args) throws Exception {
                    if (args.length > 0) {
                        Files.createDirectories(Path.of("/etc"));
                        Files.writeString(Path.of("/etc/mime.types"), "text/html txt json\\n");
                    }
                    System.out.println(Files.probeContentType(Path.of("report.txt")) + " " + Files.probeContentType(Path.of("data.json")));
                }
            }
            """;

    /** Writes a Kerberos configuration of its own where the JDK reads the JVM's, then asks for the default realm. */
    private static final String REALM = """
            package app;

            import java.nio.file.Files;
            import java.nio.file.Path;

            public final class Realm {
                public static void main(String[] args) throws Exception {
                    if (args.length > 0) {
                        Files.createDirectories(Path.of("/etc"));
                        Files.writeString(Path.of("/etc/krb5.conf"), "[libdefaults]\\n default_realm = GUEST.EVIL\\n");
                    }
                    try {
                        System.out.println("realm " + new javax.security.auth.kerberos.KerberosPrincipal("alice").getRealm());
                    } catch (IllegalArgumentException e) {
                        System.out.println("no realm: " + e.getMessage());
                    }
                }
            }
            """;

    /** Puts a provider of constant "randomness" first in its list, then is the first to use the JDK's default generators. */
    private static final String RANDOMNESS = """
            package app;

            import java.security.Provider;
            import java.security.SecureRandomSpi;
            import java.security.Security;
            import java.util.HexFormat;
            import javax.crypto.Cipher;
            import javax.crypto.KeyGenerator;
            import javax.crypto.spec.SecretKeySpec;

            public final class Randomness {
                public static final class Constant extends SecureRandomSpi {
                    protected void engineSetSeed(byte[] seed) {
                    }

                    protected void engineNextBytes(byte[] bytes) {
                        java.util.Arrays.fill(bytes, (byte) 0x41);
                    }

                    protected byte[] engineGenerateSeed(int n) {
                        return new byte[n];
                    }
                }

                public static void main(String[] args) throws Exception {
                    Security.insertProviderAt(new Provider("Constant", "1", "constant randomness") {
                        {
                            put("SecureRandom.Constant", Constant.class.getName());
                        }
                    }, 1);
                    KeyGenerator sized = KeyGenerator.getInstance("AES");
                    sized.init(256);
                    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
                    for (byte[] made : new byte[][] {KeyGenerator.getInstance("AES").generateKey().getEncoded(),
                            sized.generateKey().getEncoded(), gcm.getIV()}) {
                        System.out.println(HexFormat.of().formatHex(made).matches("(41)+") ? "constant" : "random");
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theRandomnessTheJdkKeepsForTheJvmIsNotMadeFromTheFirstGuestsProviders() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("randomness"), Map.of("app.Randomness", RANDOMNESS));
        Launch.Result guest = Launch.jvisor(dir, "run", "--disk", dir.resolve("randomness-disk").toString(), "--main", "app.Randomness",
                classes.toString());
        // before, the JDK made them from the guest's list, for every program: their keys and IVs all 0x41 (audit 24)
        assertAll(guest.toString(),
                () -> assertEquals(List.of("random", "random", "random"), guest.outLines()),
                () -> assertEquals(0, guest.status()));
    }

    @Test
    void theKerberosConfigurationTheJdkReadsForTheJvmIsTheHostsWhicheverProgramAsksFirst() throws Exception {
        // before, the guest's own file made the JVM's realms and KDCs, every other program's too
        assertAPlantingGuestSeesWhatANativeRunDoes("app.Realm", REALM);
    }

    @Test
    void theFileTypesTheJdkReadsOnceForTheJvmAreTheHostsWhicheverProgramProbesFirst() throws Exception {
        // before, the guest's own file made the JVM's types, every other program's too
        assertAPlantingGuestSeesWhatANativeRunDoes("app.Types", TYPES);
    }

    /**
     * Runs a program natively, then as a guest told to plant its own file where the JDK reads the
     * JVM's configuration, the first program in its JVM to make the JDK read it: the guest must see
     * what the native run sees, the host's.
     */
    private void assertAPlantingGuestSeesWhatANativeRunDoes(String main, String source) throws Exception {
        Path classes = GuestSources.compile(dir.resolve(main), Map.of(main, source));
        Launch.Result natively = Launch.java(dir, "-cp", classes.toString(), main);
        Launch.Result guest = Launch.jvisor(dir, "run", "--disk", dir.resolve(main + "-disk").toString(), "--main", main,
                classes.toString(), "plant");
        assertAll(natively + "\n" + guest,
                () -> assertEquals(0, natively.status(), "natively"),
                () -> assertEquals(natively.outLines(), guest.outLines(), "as a guest"),
                () -> assertEquals(0, guest.status(), "as a guest"));
    }

    @Test
    void aGuestMayNotRegisterItsOwnInTheJvmsRegistriesWhileTheJdksOwnInitialisersPass() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("registries"), Map.of("app.Registries", REGISTRIES));
        Launch.Result natively = Launch.java(dir, "-Djava.awt.headless=true", "-cp", classes.toString(), "app.Registries");
        Launch.Result guest = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(), "--main", "app.Registries",
                classes.toString());

        List<String> first = List.of("zone: false", "serialized: javax.swing.text.StyleConstants$FontConstants.bold");
        assertAll(natively + "\n" + guest,
                () -> assertEquals(List.of(first.get(0), first.get(1), "zone provider: registered", "attribute key: registered",
                        "font: false"), natively.outLines(), "natively"),
                () -> assertEquals(List.of(first.get(0), first.get(1), "zone provider: java.lang.SecurityException",
                        "attribute key: java.lang.SecurityException", "font: java.lang.SecurityException"), guest.outLines(),
                        "as a guest"),
                () -> assertEquals(0, guest.status(), "as a guest"));
    }
}
