package escape.network;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Connects to the host's listener HOST:PORT with {@code new Socket(host, port)} and sends a line.
 *
 * <p>Source: JDK API, {@code java.net.Socket},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/Socket.html
 */
public final class PlainSocket {

    private PlainSocket() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        try (Socket socket = new Socket(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1)))) {
            OutputStream out = socket.getOutputStream();
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            System.out.println("net-socket: connected to " + socket.getRemoteSocketAddress() + " and sent a line");
        } catch (Throwable t) {
            System.out.println("net-socket: " + t);
        }
    }
}
