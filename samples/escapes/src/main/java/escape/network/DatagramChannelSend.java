package escape.network;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * Sends a UDP datagram to HOST:PORT with an NIO {@code DatagramChannel}: NIO's send path, not
 * {@code DatagramSocket}'s.
 *
 * <p>Source: JDK API, {@code DatagramChannel.send},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/channels/DatagramChannel.html#send(java.nio.ByteBuffer,java.net.SocketAddress)
 */
public final class DatagramChannelSend {

    private DatagramChannelSend() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        try (DatagramChannel channel = DatagramChannel.open()) {
            int sent = channel.send(ByteBuffer.wrap("escaped\n".getBytes(StandardCharsets.US_ASCII)),
                    new InetSocketAddress(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1))));
            System.out.println("net-datagram-channel: sent " + sent + " bytes to " + args[0]);
        } catch (Throwable t) {
            System.out.println("net-datagram-channel: " + t);
        }
    }
}
