package escape.network;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Sends a UDP datagram to HOST:PORT with a {@code DatagramSocket}: no connection at all, just a
 * packet that leaves.
 *
 * <p>Source: JDK API, {@code DatagramSocket.send},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/DatagramSocket.html#send(java.net.DatagramPacket)
 */
public final class DatagramSend {

    private DatagramSend() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        byte[] data = "escaped\n".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(data, data.length,
                    new InetSocketAddress(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1)))));
            System.out.println("net-datagram-socket: sent a datagram to " + args[0]);
        } catch (Throwable t) {
            System.out.println("net-datagram-socket: " + t);
        }
    }
}
