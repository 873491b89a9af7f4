package escape.network;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Connects with an {@code AsynchronousSocketChannel}: the connect completes on the JDK's default
 * asynchronous channel group, a thread pool of the JVM's, not on a guest thread.
 *
 * <p>Source: JDK API, {@code AsynchronousSocketChannel},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/channels/AsynchronousSocketChannel.html
 */
public final class AsyncSocketChannel {

    private AsyncSocketChannel() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
            channel.connect(new InetSocketAddress(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1))))
                    .get(10, TimeUnit.SECONDS);
            channel.write(ByteBuffer.wrap("escaped\n".getBytes(StandardCharsets.US_ASCII))).get(10, TimeUnit.SECONDS);
            System.out.println("net-async-socket-channel: connected to " + channel.getRemoteAddress() + " and sent a line");
        } catch (Throwable t) {
            System.out.println("net-async-socket-channel: " + t);
        }
    }
}
