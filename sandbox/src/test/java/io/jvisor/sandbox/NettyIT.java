package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Netty from Maven Central, unmodified, as hosted guests: an HTTP server of a driver of this
 * project ({@code samples/netty-driver}) on Netty's NIO transport, its event loops on threads of
 * their own, each blocked in a selector between requests. A client guest reaches it by name; the
 * server answers from its own disk and stops when asked; killed instead, its event loops end and
 * its port is free again; under a policy without servers of its own, its bind fails as on a port
 * it may not use. Netty finds {@code sun.misc.Unsafe} refused (no native code) and works on heap
 * buffers, as on a JVM without it.
 */
class NettyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private GuestSpec.Builder netty(String name, String... args) throws IOException {
        GuestSpec.Builder b = GuestSpec.builder(name).classPath(Path.of(System.getProperty("sample.netty")))
                .mainClass("guest.netty.NettyDriver").args(List.of(args)).console(Console.Mode.CAPTURE)
                .disk(Files.createDirectories(dir.resolve(name)));
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("guest.netty.dir")))) {
            jars.sorted().forEach(b::classPath);
        }
        return b;
    }

    /** A port nobody listens on now. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static String output(Guest g) {
        return g.name() + ":\n" + g.console().capturedOut() + g.console().capturedErr();
    }

    /** Whether the host can listen on a loopback port now. */
    private static boolean bindable(int port) throws IOException {
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return again.isBound();
        } catch (java.net.BindException e) {
            return false;
        }
    }

    /** The stacks of a guest's threads that are still alive. */
    private static String stacks(Guest g) {
        StringBuilder b = new StringBuilder();
        for (Thread t : g.liveThreads()) {
            b.append('\n').append(t).append(' ').append(t.getState());
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n    at ").append(e);
            }
        }
        return b.toString();
    }

    @Test
    void aServerGuestAnswersAClientGuestByNameFromItsDiskAndStopsWhenAsked() throws Exception {
        int port = freePort();
        Files.writeString(Files.createDirectories(dir.resolve("web")).resolve("greeting.txt"), "from the web guest's disk\n");
        Hypervisor h = Hypervisor.get();
        Guest server = h.start(netty("web", "serve", String.valueOf(port)).build());
        assertTrue(server.awaitPort(port, PATIENCE), () -> "the server listens: " + output(server));

        String site = "http://web.jvisor:" + port;
        Guest client = h.start(netty("browser", "get", site + "/hello", site + "/file/greeting.txt", site + "/file/missing.txt",
                site + "/stop").build());
        GuestResult fetched = client.await(PATIENCE);
        GuestResult served = server.await(PATIENCE);

        String out = client.console().capturedOut();
        assertAll(output(client) + output(server),
                () -> assertNotNull(fetched, "the client ended"),
                () -> assertTrue(out.contains("GET /hello -> 200 hello from netty")),
                () -> assertTrue(out.contains("GET /file/greeting.txt -> 200 from the web guest's disk"), "read from the server's disk"),
                () -> assertTrue(out.contains("GET /file/missing.txt -> 404 no such file")),
                () -> assertTrue(out.contains("GET /stop -> 200 stopping")),
                () -> assertEquals(1, fetched.exitStatus(), "one answer was not 200"),
                () -> assertNotNull(served, "the server stopped"),
                () -> assertEquals(0, served.exitStatus()),
                () -> assertTrue(server.console().capturedOut().contains("stopped after 4 requests")),
                () -> assertTrue(server.awaitStopped(PATIENCE), "the server's event loops ended"),
                () -> assertTrue(client.awaitStopped(PATIENCE), "the client's event loop ended"));
    }

    @Test
    void aKilledServerGuestsEventLoopsEndAndItsPortIsFreeAgain() throws Exception {
        int port = freePort();
        Guest server = Hypervisor.get().start(netty("killed", "serve", String.valueOf(port)).build());
        assertTrue(server.awaitPort(port, PATIENCE), () -> "the server listens: " + output(server));
        // the host asks too: a worker event loop starts, and blocks in its selector after answering
        HttpResponse<String> hello = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).timeout(PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString());
        int threads = server.threadCount();

        assertTrue(server.kill(), "the kill ended the guest");
        GuestResult killed = server.await(PATIENCE);
        boolean stopped = server.awaitStopped(PATIENCE);
        String left = stacks(server);
        boolean free = bindable(port);
        assertAll(output(server),
                () -> assertEquals("hello from netty\n", hello.body()),
                () -> assertTrue(threads >= 3, "main, boss and worker threads, before the kill: " + threads),
                () -> assertNotNull(killed),
                () -> assertEquals(GuestResult.Ending.KILLED, killed.ending()),
                () -> assertTrue(stopped, () -> "every thread of the guest ended; left: " + left),
                () -> assertTrue(free, "the server's port is free again"),
                () -> assertFalse(server.console().capturedOut().contains("stopped after"), "it did not stop by itself"));
    }

    @Test
    void aGuestThatEndedLeavesTheJarsItReadReadableForTheHost() throws Exception {
        // the guest's thread opened Netty's jars; the JDK shares each jar's open file among every
        // ZipFile of it in the JVM, which the guest's end must leave open
        Guest client = Hypervisor.get().start(netty("reader", "get", "http://127.0.0.1:" + freePort() + "/hello").build());
        GuestResult r = client.await(PATIENCE);
        assertNotNull(r, () -> "the client ended: " + client + " threads " + client.threadCount() + " " + output(client) + stacks(client));
        assertEquals(2, r.exitStatus(), () -> "its connect was refused: " + output(client));
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("guest.netty.dir")))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    assertNotNull(file.getManifest(), jar + " is readable");
                }
            }
        }
    }

    @Test
    void underAPolicyWithoutServersOfItsOwnTheServersBindFailsAsOnAPortItMayNotUse() throws Exception {
        int port = freePort();
        Guest server = Hypervisor.get().start(netty("refused", "serve", String.valueOf(port)).policy(Policy.preset("isolated")).build());
        GuestResult r = server.await(PATIENCE);

        String err = server.console().capturedErr();
        assertAll(output(server),
                () -> assertNotNull(r),
                () -> assertEquals(GuestResult.Ending.UNCAUGHT_EXCEPTION, r.ending(), "main threw"),
                () -> assertTrue(err.contains("java.net.BindException"), "Netty's bind failed as the JDK's does"),
                () -> assertFalse(server.console().capturedOut().contains("listening"), "it never listened"),
                () -> assertTrue(server.awaitStopped(PATIENCE), "its event loops ended"));
    }
}
