package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -javaagent:jvisor-agent.jar=... -jar app.jar}: the application that owns the JVM, its
 * only guest, has its connections decided by its own policy, as a hosted guest has; the allowed
 * ones without a look at the stack, the refused ones after it.
 */
class ApplicationNetworkIT {

    @TempDir
    Path dir;

    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private Result application(String agentOptions, String... args) {
        Path agent = Launch.jvisorJar().resolveSibling("jvisor-agent.jar");
        List<String> command = new java.util.ArrayList<>(List.of("-javaagent:" + agent + "=" + agentOptions,
                "-jar", Fixtures.misbehavingJar().toString()));
        command.addAll(List.of(args));
        return Launch.java(dir, command.toArray(String[]::new));
    }

    @Test
    void theTrustedApplicationConnectsAndAnAuditOfEveryDecisionNamesIt() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        Result r = application("preset=trusted,audit=" + audit + ",audit-all", "connect", Integer.toString(server.getLocalPort()));

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("connected to port " + server.getLocalPort(), "main went on after every trick"), r.outLines()));
        List<String> connects = Files.readAllLines(audit).stream().filter(l -> l.contains("\"operation\": \"connect\"")).toList();
        assertEquals(1, connects.size(), connects::toString);
        assertTrue(connects.get(0).contains("\"guest\": \"application\"") && connects.get(0).contains("\"decision\": \"allow\"")
                && connects.get(0).contains("127.0.0.1:" + server.getLocalPort()), connects.get(0));
    }

    @Test
    void anApplicationWhosePolicyDeniesConnectionsGetsTheConnectExceptionNamingTheRule() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        Result r = application("preset=constrained,audit=" + audit, "connect", Integer.toString(server.getLocalPort()));

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertTrue(r.stderr().contains("java.net.ConnectException: Connection refused by jvisor: ")
                        && r.stderr().contains("'deny connect' (preset constrained:"), r.stderr()));
        List<String> lines = Files.readAllLines(audit);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains("\"guest\": \"application\"") && lines.get(0).contains("\"operation\": \"connect\"")
                && lines.get(0).contains("\"decision\": \"deny\""), lines.get(0));
    }
}
