package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.GuestSources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code javax.print}'s look-up of printers has the JDK's native code (the host's libcups) connect
 * to the CUPS server the host configured, past every guard of Java's sockets: a guest denied every
 * connect made fourteen connections to it (audit 21). It connects as the guest's policy decides:
 * here, a stand-in CUPS server named by the environment ({@code CUPS_SERVER}, which libcups
 * reads) counts what reaches it.
 */
class JvmPrintingIT {

    private static final String PRINTERS = """
            package app;

            import javax.print.PrintServiceLookup;

            public final class Printers {
                public static void main(String[] args) {
                    System.out.println("print services: " + PrintServiceLookup.lookupPrintServices(null, null).length);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestDeniedEveryConnectHasTheJdkConnectToNoPrintServer() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("printers"), Map.of("app.Printers", PRINTERS));
        try (StandIn cups = new StandIn()) {
            Map<String, String> environment = Map.of("CUPS_SERVER", "127.0.0.1:" + cups.port());
            Launch.Result natively = Launch.javaWithEnvironment(dir, environment, "-Djava.awt.headless=true", "-cp", classes.toString(),
                    "app.Printers");
            int nativeConnections = cups.connectionsSoFar();
            assumeTrue(nativeConnections > 0, "this machine's JDK asks no CUPS server (no libcups): " + natively);

            Launch.Result guest = Launch.jvisorWithEnvironment(dir, environment, "run", "--disk", dir.resolve("disk").toString(),
                    "--main", "app.Printers", classes.toString());
            assertAll(guest.toString(),
                    () -> assertEquals(List.of("print services: 0"), guest.outLines()),
                    () -> assertEquals(0, guest.status()),
                    () -> assertEquals(0, cups.connectionsSoFar() - nativeConnections, "connections from the guest's JVM"));
        }
    }

    /** Accepts and counts connections on loopback; closes each at once. */
    private static final class StandIn implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private volatile CountDownLatch marker = new CountDownLatch(1);
        private volatile Socket markerSocket;
        private final Thread acceptor;

        StandIn() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        if (markerSocket != null && s.getPort() == markerSocket.getLocalPort()) {
                            marker.countDown();
                        } else {
                            accepted.incrementAndGet();
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "cups-stand-in");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** The connections accepted before now: a connection of the test's own, accepted after every earlier one, marks the count. */
        int connectionsSoFar() throws IOException, InterruptedException {
            marker = new CountDownLatch(1);
            try (Socket own = new Socket()) {
                own.bind(null);
                markerSocket = own;
                own.connect(server.getLocalSocketAddress());
                if (!marker.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the stand-in CUPS server accepted nothing in 30 s");
                }
            }
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
