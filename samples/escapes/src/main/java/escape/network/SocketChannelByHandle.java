package escape.network;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Opens a connected NIO {@code SocketChannel} to HOST:PORT with {@code SocketChannel.open(SocketAddress)}
 * called through a method handle, and sends a line: NIO's connect path, not {@code java.net.Socket}'s.
 *
 * <p>Source: JDK API, {@code SocketChannel.open(SocketAddress)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/channels/SocketChannel.html#open(java.net.SocketAddress)
 */
public final class SocketChannelByHandle {

    private SocketChannelByHandle() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        SocketAddress target = new InetSocketAddress(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1)));
        try {
            MethodHandle open = MethodHandles.publicLookup().findStatic(SocketChannel.class, "open",
                    MethodType.methodType(SocketChannel.class, SocketAddress.class));
            try (SocketChannel channel = (SocketChannel) open.invoke(target)) {
                channel.write(ByteBuffer.wrap("escaped\n".getBytes(StandardCharsets.US_ASCII)));
                System.out.println("net-socket-channel-method-handle: connected to " + channel.getRemoteAddress());
            }
        } catch (Throwable t) {
            System.out.println("net-socket-channel-method-handle: " + t);
        }
    }
}
