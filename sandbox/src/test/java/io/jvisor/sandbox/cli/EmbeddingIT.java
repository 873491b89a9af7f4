package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvisor embedded as a library in a host application started with no agent at all
 * ({@link EmbeddingHost}): {@code Jvisor.attach()} attaches the agent at run time, and the
 * guest's exit, files and console are its own as under {@code jvisor run}.
 */
class EmbeddingIT {

    @TempDir
    Path dir;

    private Result host(Path guest, String... guestArgs) {
        return host(List.of(), guest, guestArgs);
    }

    private Result host(List<String> jvmOptions, Path guest, String... guestArgs) {
        String classPath = Launch.jvisorJar() + File.pathSeparator + Path.of(EmbeddingHost.class.getProtectionDomain()
                .getCodeSource().getLocation().getPath());
        List<String> args = new java.util.ArrayList<>(jvmOptions);
        args.addAll(List.of("-cp", classPath, EmbeddingHost.class.getName(), dir.resolve("disk").toString(), guest.toString()));
        args.addAll(List.of(guestArgs));
        return Launch.java(dir, args.toArray(new String[0]));
    }

    @Test
    void aHostStartedWithoutAnAgentAttachesJvisorAndAGuestsExitEndsOnlyTheGuest() {
        Result r = host(Fixtures.exitJar(), "7");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("host: attached, the same hypervisor again: true",
                        "[embedded] exiting with status 7", "[embedded] shutdown hook ran", "host: guest ended with status 7, the host goes on"),
                        r.outLines()));
    }

    @Test
    void anAttachedHypervisorGivesTheGuestItsOwnDisk() throws Exception {
        Result r = host(Fixtures.helloJar(), "--write=note.txt=hi");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().contains("host: guest ended with status 0, the host goes on")),
                () -> assertEquals("hi", Files.readString(dir.resolve("disk/note.txt"))),
                () -> assertFalse(Files.exists(dir.resolve("note.txt"))));
    }

    /**
     * The JDK reads its {@code net.properties} once, for the JVM, on the first thread that makes an
     * HTTP connection: a guest's here. Debian's JDK links the file in from {@code /etc}, which a
     * guest's disk did not show: the host lost the JDK's defaults, Basic authentication through a
     * proxy's tunnel allowed again.
     */
    @Test
    void whatTheJdkReadsForTheJvmFromItsFilesOnAGuestsThreadIsWhatItReadsForTheHost() {
        Result r = host(List.of("--add-exports=java.base/sun.net=ALL-UNNAMED",
                "-D" + EmbeddingHost.NET_PROPERTY + "=jdk.http.auth.tunneling.disabledSchemes"), Fixtures.helloJar(),
                "--url=http://127.0.0.1:9/");

        assertAll(r.toString(),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("host: guest ended with status "))),
                () -> assertTrue(r.outLines().contains("host: jdk.http.auth.tunneling.disabledSchemes=Basic"),
                        "the JDK's default, as natively"));
    }

    /** Asks for its default SSL context, then for the JVM's default managers by their algorithm's name. */
    private static final String TLS_DEFAULTS = String.join("\n",
            "public class TlsDefaults {",
            "  public static void main(String[] args) {",
            "    try {",
            "      System.out.println(\"default \" + javax.net.ssl.SSLContext.getDefault().getProtocol());",
            "    } catch (Exception e) {",
            "      System.out.println(\"no default: \" + e.getMessage());",
            "    }",
            "    try {",
            "      javax.net.ssl.SSLContext.getInstance(\"Default\");",
            "      System.out.println(\"the JVM's default managers\");",
            "    } catch (Exception e) {",
            "      System.out.println(\"refused: \" + e.getCause().getMessage());",
            "    }",
            "  }",
            "}",
            "");

    /**
     * The JDK makes the JVM's default SSL context once, from the key store the JVM's properties
     * name, on the first thread that asks. A guest's properties are a copy of the host's: it asked
     * first, shared the JVM's context, and the JDK read the host's key store on the guest's disk,
     * failed, and kept the failure, so the host had no default context from then on; had the host
     * asked first, the guest would have had the host's keys.
     */
    @Test
    void aGuestNeitherBreaksNorTakesTheHostsDefaultSslContext() throws Exception {
        Path keyStore = dir.resolve("host-keys.p12");
        Result keytool = Launch.start(dir, "", List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "host", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=host", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "secret", "-keypass", "secret"));
        assertEquals(0, keytool.status(), keytool.toString());
        Path classes = io.jvisor.sandbox.GuestSources.compile(dir.resolve("guest"), java.util.Map.of("TlsDefaults", TLS_DEFAULTS));
        Path jar = dir.resolve("tls-defaults.jar");
        assertEquals(0, java.util.spi.ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "--create", "--file", jar.toString(), "--main-class", "TlsDefaults", "-C", classes.toString(), "."));

        Result r = host(List.of("-Djavax.net.ssl.keyStore=" + keyStore, "-Djavax.net.ssl.keyStorePassword=secret",
                "-D" + EmbeddingHost.TLS_DEFAULT + "=true"), jar);

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[embedded] no default: the default SSL context of "
                        + "guest 'embedded' cannot be made from its javax.net.ssl properties: java.nio.file.NoSuchFileException: "
                        + keyStore)), "its key store, named by its copy of the host's properties, is not on its disk"),
                () -> assertTrue(r.outLines().contains("[embedded] refused: jvisor: guest 'embedded' may not have the JVM's default "
                        + "SSL context (SSLContext.getInstance(\"Default\")), which holds the host's key store; "
                        + "SSLContext.getDefault() gives it its own, made from its javax.net.ssl properties")),
                () -> assertTrue(r.outLines().contains("host: default SSL context Default"), "the host's, from its key store"));
    }

    @Test
    void aJvmThatRefusesAttachmentGetsOneClearErrorAndNoGuest() {
        Result r = host(List.of("-XX:+DisableAttachMechanism"), Fixtures.exitJar(), "7");

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertEquals(List.of(), r.outLines()),
                () -> assertTrue(r.errLines().get(0).startsWith("Exception in thread \"main\" java.lang.IllegalStateException: "
                        + "cannot attach jvisor to this JVM (")
                        && r.errLines().get(0).endsWith("); start it with -javaagent:jvisor-agent.jar instead")));
    }
}
