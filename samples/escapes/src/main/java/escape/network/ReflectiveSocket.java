package escape.network;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Makes the connecting {@code Socket(String, int)} with {@code Constructor.newInstance}: no
 * {@code new Socket} in guest bytecode.
 *
 * <p>Source: JDK API, {@code Constructor.newInstance},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Constructor.html#newInstance(java.lang.Object...)
 */
public final class ReflectiveSocket {

    private ReflectiveSocket() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        try (Socket socket = Socket.class.getConstructor(String.class, int.class)
                .newInstance(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1)))) {
            socket.getOutputStream().write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("net-socket-reflection: connected to " + socket.getRemoteSocketAddress() + " and sent a line");
        } catch (Throwable t) {
            System.out.println("net-socket-reflection: " + t);
        }
    }
}
