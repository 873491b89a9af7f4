package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.Console;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's Unix domain sockets live on its disk, as its other files do, and it sees them by its
 * own paths: an address made of a path of its own file system binds (natively only a path of the
 * JDK's default file system is taken), the kernel's answers name guest paths, and a socket of the
 * host's, by its host path, is out of reach.
 */
class UnixSocketIT {

    private static final String NL = System.lineSeparator();

    /** Binds /tmp/echo.sock, talks to itself through it, binds a socket of the JDK's choosing, then tries args[0]. */
    private static final String GUEST = String.join("\n",
            "import java.net.*;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.*;",
            "import java.nio.file.*;",
            "public class Sockets {",
            "  public static void main(String[] args) throws Exception {",
            "    Path file = Path.of(\"/tmp/echo.sock\");",
            "    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {",
            "      server.bind(UnixDomainSocketAddress.of(file));",
            "      System.out.println(\"bound \" + server.getLocalAddress());",
            "      try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(\"/tmp/echo.sock\"));",
            "           SocketChannel accepted = server.accept()) {",
            "        client.write(ByteBuffer.wrap(\"ping\".getBytes()));",
            "        ByteBuffer got = ByteBuffer.allocate(4);",
            "        while (got.hasRemaining()) accepted.read(got);",
            "        System.out.println(\"read \" + new String(got.array()) + \" at \" + accepted.getLocalAddress()",
            "            + \" from \" + client.getRemoteAddress());",
            "      }",
            "      System.out.println(\"a socket file: \" + Files.exists(file));",
            "    }",
            "    try (ServerSocketChannel any = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {",
            "      String chosen = any.bind(null).getLocalAddress().toString();",
            "      System.out.println(\"chosen in \" + Path.of(chosen).getParent());",
            "    }",
            "    try (SocketChannel host = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {",
            "      System.out.println(\"reached the host's socket\");",
            "    } catch (java.io.IOException e) {",
            "      System.out.println(\"host's socket: \" + e.getMessage());",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    @Test
    void aGuestsSocketsAreFilesOfItsDiskByItsOwnPaths() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Sockets", GUEST));
        Path disk = dir.resolve("disk");
        Path hostSocket = dir.resolve("host.sock");
        try (ServerSocketChannel host = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            host.bind(UnixDomainSocketAddress.of(hostSocket));
            host.configureBlocking(false);

            Guest g = Hypervisor.get().start(GuestSpec.builder("sockets").disk(disk).classPath(classes).mainClass("Sockets")
                    .args(List.of(hostSocket.toString())).console(Console.Mode.CAPTURE).build());
            GuestResult r = g.await(Duration.ofSeconds(60));

            assertAll(g.console().capturedOut() + g.console().capturedErr(),
                    () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                    () -> assertEquals(String.join(NL, "bound /tmp/echo.sock", "read ping at /tmp/echo.sock from /tmp/echo.sock",
                            "a socket file: true", "chosen in /tmp", "host's socket: No such file or directory", ""),
                            g.console().capturedOut()),
                    () -> assertTrue(Files.exists(disk.resolve("tmp/echo.sock")), "the socket's file on the disk"),
                    () -> assertNull(host.accept(), "a connection to the host's socket"));
        }
    }
}
