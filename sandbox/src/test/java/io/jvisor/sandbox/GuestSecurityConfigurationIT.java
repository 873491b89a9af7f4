package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.login.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK's security configuration, read for a guest: a login configuration's and a domain key
 * store's {@code ${...}} and {@code keystorePasswordEnv}, and Swing's file chooser's home. The
 * JDK read the JVM's properties and environment there, which showed a guest the host's home,
 * class path and command line, and whether each of the host's environment variables was set and
 * what it held; and the login configuration the JVM keeps, made or refreshed on a guest's thread,
 * was read from that guest's disk.
 */
class GuestSecurityConfigurationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Prints the options of a login configuration of the guest's (a file on its disk) that names properties. */
    private static final String LOGIN = """
            package app;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.security.URIParameter;
            import javax.security.auth.login.Configuration;

            public final class Login {
                public static void main(String[] args) throws Exception {
                    System.setProperty("app.who", "the guest");
                    Path file = Path.of("login.conf").toAbsolutePath();
                    Files.writeString(file, "App { com.sun.security.auth.module.KeyStoreLoginModule required"
                            + " who=\\"${app.who}\\" home=\\"${user.home}\\" path=\\"${java.class.path}\\"; };\\n");
                    Configuration own = Configuration.getInstance("JavaLoginConfig", new URIParameter(file.toUri()));
                    System.out.println(new java.util.TreeMap<>(own.getAppConfigurationEntry("App")[0].getOptions()));
                }
            }
            """;

    /**
     * Puts a login configuration where the JVM's looks for one (in the JVM's home, on the guest's
     * disk), then has the JVM's configuration made, or re-read, and says whether it has the entry.
     */
    private static final String PLANT = """
            package app;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import javax.security.auth.login.Configuration;

            public final class Plant {
                public static void main(String[] args) throws Exception {
                    Path file = Path.of(args[0], ".java.login.config");
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, "Planted { com.sun.security.auth.module.KeyStoreLoginModule required; };\\n");
                    Configuration jvms = Configuration.getConfiguration();
                    jvms.refresh();
                    System.out.println(jvms.getAppConfigurationEntry("Planted") == null ? "not planted" : "planted");
                }
            }
            """;

    /**
     * Loads a domain key store whose one key store's password is the variable {@code args[0]}
     * names: it loads where that is set to the store's password, and fails where it is not set.
     */
    private static final String DOMAIN = """
            package app;

            import java.io.IOException;
            import java.io.OutputStream;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.security.DomainLoadStoreParameter;
            import java.security.KeyStore;
            import java.util.Map;

            public final class Domain {
                public static void main(String[] args) throws Exception {
                    Path store = Path.of(args[0] + ".p12").toAbsolutePath();
                    KeyStore p12 = KeyStore.getInstance("PKCS12");
                    p12.load(null, null);
                    try (OutputStream out = Files.newOutputStream(store)) {
                        p12.store(out, "s3cret".toCharArray());
                    }
                    Path conf = Path.of(args[0] + ".dks").toAbsolutePath();
                    Files.writeString(conf, "domain D { keystore k keystoreType=\\"PKCS12\\" keystoreURI=\\"" + store.toUri()
                            + "\\" keystorePasswordEnv=\\"" + args[0] + "\\"; };\\n");
                    try {
                        KeyStore.getInstance("DKS").load(new DomainLoadStoreParameter(conf.toUri(), Map.of()));
                        System.out.println(args[0] + " loaded");
                    } catch (IOException e) {
                        System.out.println(args[0] + " " + e.getMessage());
                    }
                }
            }
            """;

    /** Prints the home directory Swing's file chooser starts in. */
    private static final String CHOOSER = """
            package app;

            import javax.swing.filechooser.FileSystemView;

            public final class Chooser {
                public static void main(String[] args) {
                    FileSystemView view = FileSystemView.getFileSystemView();
                    System.out.println(view.getHomeDirectory() + " " + view.getDefaultDirectory());
                }
            }
            """;

    /**
     * Names a font and a colour by properties, through subclasses' names (which no trap matches,
     * as the JVM resolves them to {@code Font}'s and {@code Color}'s), as the JVM's properties
     * would show: a font's name is its property's value.
     */
    private static final String NAMED = """
            package app;

            import java.awt.Color;
            import java.awt.Font;

            public final class Named {
                static final class MyFont extends Font {
                    MyFont() {
                        super(Font.DIALOG, Font.PLAIN, 12);
                    }
                }

                static final class MyColor extends Color {
                    MyColor() {
                        super(0);
                    }
                }

                public static void main(String[] args) {
                    if (args.length == 0) {
                        System.setProperty("app.colour", "0x102030");
                    }
                    try {
                        System.out.println(MyColor.getColor("app.colour") + " " + MyColor.getColor("app.colour", 7).getRGB());
                        System.out.println(MyFont.getFont("user.home").getName() + " " + MyFont.getFont("java.class.path").getName());
                    } catch (SecurityException e) {
                        System.out.println("refused: " + e.getMessage());
                    }
                }
            }
            """;

    /** Has the JDK's software synthesizer make its soundbank, which it caches under a home; says where the cache is. */
    private static final String SOUND = """
            package app;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.stream.Stream;

            public final class Sound {
                public static void main(String[] args) throws Exception {
                    try {
                        javax.sound.midi.Synthesizer synthesizer = javax.sound.midi.MidiSystem.getSynthesizer();
                        synthesizer.open();
                        synthesizer.close();
                    } catch (javax.sound.midi.MidiUnavailableException noLine) {
                        // the soundbank is made before the line is opened
                    }
                    try (Stream<Path> files = Files.walk(Path.of("/"))) {
                        files.filter(p -> p.endsWith(".gervill")).forEach(p -> System.out.println("cached in " + p.getParent()));
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private String run(String name, String source, Policy policy, String... args) throws Exception {
        String main = "app." + name.substring(0, 1).toUpperCase() + name.substring(1);
        Path classes = GuestSources.compile(dir.resolve(name), Map.of(main, source));
        GuestSpec.Builder spec = GuestSpec.builder(name).classPath(classes).mainClass(main).args(List.of(args))
                .console(Console.Mode.CAPTURE).disk(dir.resolve(name + "-disk"));
        Guest g = Hypervisor.get().start((policy == null ? spec : spec.policy(policy)).build());
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut().strip();
    }

    @Test
    void aLoginConfigurationOfTheGuestsExpandsItsOwnProperties() throws Exception {
        String out = run("login", LOGIN, null);

        assertEquals("{home=/home/guest, path=" + dir.resolve("login").resolve("classes") + ", who=the guest}", out,
                "the guest's home and class path, not the JVM's " + System.getProperty("user.home"));
    }

    @Test
    void theJvmsLoginConfigurationIsReadFromTheHostsFilesWhicheverThreadAsks() throws Exception {
        String home = System.getProperty("user.home");
        Configuration jvms = Configuration.getConfiguration();

        assertEquals("not planted", run("plant", PLANT, null, home), "the JVM's, as the guest sees it");
        assertEquals(jvms, Configuration.getConfiguration());
        assertNull(Configuration.getConfiguration().getAppConfigurationEntry("Planted"), "the JVM's, as the host sees it");
    }

    @Test
    void aDomainKeyStoresPasswordIsReadFromTheGuestsOwnEnvironment() throws Exception {
        Policy withPassword = Policy.parse("preset constrained\nenv STORE_PASSWORD=s3cret\n", "store.policy");

        assertEquals("STORE_PASSWORD loaded", run("domain", DOMAIN, withPassword, "STORE_PASSWORD"));
        assertEquals("PATH Error processing keystore property: keystorePasswordEnv=\"PATH\"",
                run("domain", DOMAIN, withPassword, "PATH"), "the host's PATH is not the guest's");
    }

    @Test
    void aFontOrColourNamedByAPropertyIsTheGuestsOwnPropertyWhateverClassNamesTheCall() throws Exception {
        String out = run("named", NAMED, null);

        // before, the JVM's: the host's home and jvisor's class path (audit 20)
        assertEquals("java.awt.Color[r=16,g=32,b=48] " + new java.awt.Color(0x102030).getRGB() + "\n"
                + "/home/guest " + dir.resolve("named").resolve("classes"), out);
        assertTrue(run("named", NAMED, Policy.preset("untrusted"), "read-only").startsWith("refused: "),
                "where its policy denies reading properties");
    }

    @Test
    void theSoundbankCacheOfTheJdksSynthesizerIsInTheGuestsOwnHome() throws Exception {
        // before, under the JVM's home, whose path on the guest's disk showed it the host's (audit 21)
        assertEquals("cached in /home/guest", run("sound", SOUND, null));
    }

    @Test
    void aFileChooserStartsInTheGuestsOwnHome() throws Exception {
        assertEquals("/home/guest /home/guest", run("chooser", CHOOSER, null));
    }
}
