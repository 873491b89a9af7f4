package escape.network;

import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Binds a datagram socket to the port of the host's TCP listener HOST:PORT (UDP's ports are
 * another space: the bind succeeds beside the host's server), then connects to the listener by
 * TCP, under a name of the guest's own that it gives the address itself
 * ({@code InetAddress.getByAddress}): a sandbox that lets a guest reach its own servers by port,
 * or by the name it gave, takes the host's server for the guest's.
 *
 * <p>Source: JDK API, {@code InetAddress.getByAddress(String, byte[])} (no name service is asked),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/InetAddress.html#getByAddress(java.lang.String,byte%5B%5D)
 */
public final class DatagramPortClaim {

    private DatagramPortClaim() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        int port = Integer.parseInt(args[0].substring(colon + 1));
        try {
            InetAddress host = InetAddress.getByName(args[0].substring(0, colon));
            String ownName = InetAddress.getLocalHost().getHostName();
            try (DatagramSocket claim = new DatagramSocket(new InetSocketAddress(host, port));
                    Socket socket = new Socket(InetAddress.getByAddress(ownName, host.getAddress()), port)) {
                OutputStream out = socket.getOutputStream();
                out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                System.out.println("net-datagram-port-claim: connected to " + socket.getRemoteSocketAddress() + " and sent a line");
            }
        } catch (Throwable t) {
            System.out.println("net-datagram-port-claim: " + t);
        }
    }
}
