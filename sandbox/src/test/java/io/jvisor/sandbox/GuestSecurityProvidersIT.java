package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code Security.addProvider(new BouncyCastleProvider())}, the first line of many a program that
 * signs, encrypts or hashes, was refused: the JVM has one list of security providers. A hosted
 * guest's changes make a list of its own, which its look-ups find, as in a JVM of its own; the
 * host's list, and another guest's, stay as they were. Bouncy Castle from Maven Central,
 * unmodified.
 */
class GuestSecurityProvidersIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final String APP = """
            package app;

            import java.security.MessageDigest;
            import java.security.Provider;
            import java.security.Security;
            import java.util.HexFormat;
            import javax.crypto.Cipher;
            import javax.crypto.spec.SecretKeySpec;

            public final class Crypto {
                public static void main(String[] args) throws Exception {
                    if (args.length > 0) {
                        Provider bc = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                                .getConstructor().newInstance();
                        System.out.println("added at " + Security.addProvider(bc));
                    }
                    System.out.println("BC " + (Security.getProvider("BC") != null));
                    try {
                        MessageDigest blake = MessageDigest.getInstance("BLAKE2B-256");
                        Cipher twofish = Cipher.getInstance("Twofish/ECB/NoPadding");
                        twofish.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "Twofish"));
                        System.out.println(blake.getProvider().getName() + " "
                                + HexFormat.of().formatHex(blake.digest("abc".getBytes())).substring(0, 16) + " "
                                + twofish.getProvider().getName() + " " + twofish.doFinal(new byte[16]).length);
                    } catch (java.security.GeneralSecurityException e) {
                        System.out.println(e.getMessage());
                    }
                }
            }
            """;

    /**
     * Configures the JDK's SunPKCS11 provider with the library its argument names (a guest can
     * make one on its disk, named by a host path, where the JDK's check that the library exists
     * looks: the library the JVM loads is the host's).
     */
    private static final String PKCS11 = """
            package app;

            import java.security.Security;

            public final class Pkcs11 {
                public static void main(String[] args) {
                    try {
                        Security.getProvider("SunPKCS11").configure("--name=probe\\nlibrary=" + args[0]);
                        System.out.println("configured");
                    } catch (RuntimeException e) {
                        Throwable cause = e;
                        while (cause.getCause() != null) {
                            cause = cause.getCause();
                        }
                        System.out.println(cause.getClass().getName() + ": " + cause.getMessage());
                    }
                }
            }
            """;

    /** Changes the JDK's SUN provider each way its map takes a change, then a provider of its own. */
    private static final String PLANTER = """
            package app;

            import java.io.ByteArrayInputStream;
            import java.security.Provider;
            import java.security.Security;
            import java.util.Map;

            public final class Planter {
                interface Change {
                    void run() throws Exception;
                }

                static void attempt(String what, Change change) {
                    try {
                        change.run();
                        System.out.println(what + " changed");
                    } catch (SecurityException e) {
                        System.out.println(what + " refused");
                    } catch (Exception e) {
                        System.out.println(what + " " + e);
                    }
                }

                public static void main(String[] args) {
                    Provider hosts = Security.getProvider("HostOwn");
                    attempt("the host's provider's put", () -> hosts.put("MessageDigest.X", "app.X"));
                    Provider sun = Security.getProvider("SUN");
                    attempt("put", () -> sun.put("MessageDigest.SHA-256", "sun.security.provider.MD5"));
                    attempt("clear", sun::clear);
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> map = sun;
                    attempt("remove by its map", () -> map.remove("MessageDigest.SHA-256"));
                    attempt("load", () -> sun.load(new ByteArrayInputStream("MessageDigest.SHA-256=x".getBytes())));
                    Provider own = new Provider("Own", "1", "a provider of the guest's own") {
                    };
                    attempt("its own provider's put", () -> own.put("MessageDigest.X", "app.X"));
                }
            }
            """;

    @TempDir
    Path dir;

    private String run(String name, String... args) throws Exception {
        Path classes = GuestSources.compile(dir.resolve(name), Map.of("app.Crypto", APP));
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).classPath(classes)
                .classPath(Path.of(System.getProperty("guest.bcprov"))).mainClass("app.Crypto").args(List.of(args))
                .console(Console.Mode.CAPTURE).disk(dir.resolve(name + "-disk")).build());
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut().strip();
    }

    @Test
    void aGuestAddsBouncyCastleToItsOwnListOfProviders() throws Exception {
        List<String> jvms = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
        int last = jvms.size() + 1;
        assertEquals(String.join(System.lineSeparator(), "added at " + last, "BC true", "BC bddd813c63423972 BC 16"),
                run("bouncy", "add"));
        assertNull(Security.getProvider("BC"), "the host's list has no Bouncy Castle");
        assertEquals(jvms, Arrays.stream(Security.getProviders()).map(Provider::getName).toList(), "the host's list");
        assertEquals(String.join(System.lineSeparator(), "BC false", "BLAKE2B-256 MessageDigest not available"),
                run("plain"), "another guest's list is the JVM's");
    }

    @Test
    void aGuestMayNotChangeTheProvidersOfTheJdkThatEveryProgramShares() throws Exception {
        Provider sun = Security.getProvider("SUN");
        int entries = sun.size();
        Provider hosts = new Provider("HostOwn", "1", "a provider of the host's own, in the JVM's list") {
            private static final long serialVersionUID = 1L;
        };
        Security.addProvider(hosts);
        GuestResult result;
        Guest g;
        try {
            Path classes = GuestSources.compile(dir.resolve("planter"), Map.of("app.Planter", PLANTER));
            g = Hypervisor.get().start(GuestSpec.builder("planter").classPath(classes).mainClass("app.Planter")
                    .console(Console.Mode.CAPTURE).disk(dir.resolve("planter-disk")).build());
            result = g.await(PATIENCE);
        } finally {
            Security.removeProvider("HostOwn");
        }

        assertNotNull(result, "the guest ended");
        assertEquals(List.of("the host's provider's put refused", "put refused", "clear refused", "remove by its map refused",
                "load refused", "its own provider's put changed"), g.console().capturedOut().lines().toList(), g.console().capturedErr());
        assertNull(hosts.getProperty("MessageDigest.X"), "the host's provider");
        // before, the guest's SUN was the JVM's: SHA-256 gave every program MD5, and SecureRandom failed for good
        assertEquals(entries, sun.size(), "the JVM's SUN provider");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256", "SUN").digest("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void aPkcs11LibraryIsNativeCodeItsGuestMayNotLoad() throws Exception {
        // a library of the JDK's, which the guest's disk shows: natively it is loaded, and then lacks C_GetFunctionList
        String library = Path.of(System.getProperty("java.home"), "lib", "libjava.so").toString();
        Path classes = GuestSources.compile(dir.resolve("pkcs11"), Map.of("app.Pkcs11", PKCS11));
        Guest g = Hypervisor.get().start(GuestSpec.builder("pkcs11").classPath(classes).mainClass("app.Pkcs11")
                .args(List.of(library)).console(Console.Mode.CAPTURE).disk(dir.resolve("pkcs11-disk")).build());
        GuestResult result = g.await(PATIENCE);

        assertNotNull(result, "the guest ended");
        assertEquals("java.lang.SecurityException: jvisor: guest 'pkcs11' may not call sun.security.pkcs11.wrapper.PKCS11.getInstance, "
                + "which acts natively on a JVM: denied by policy rule 'deny native' (preset constrained:13)",
                g.console().capturedOut().strip(), g.console().capturedErr());
    }
}
