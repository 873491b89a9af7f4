package escape.network;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;

/**
 * Connects to {@code guest.invalid:80} through a SOCKS proxy at HOST:PORT: the address the program
 * connects to is not the one the JDK opens a socket to, so a check on the named destination misses
 * the real peer.
 *
 * <p>Source: JDK networking properties, SOCKS proxies,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/doc-files/net-properties.html
 */
public final class SocksProxySocket {

    private SocksProxySocket() {
    }

    public static void main(String[] args) {
        int colon = args[0].lastIndexOf(':');
        Proxy proxy = new Proxy(Proxy.Type.SOCKS,
                new InetSocketAddress(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1))));
        try (Socket socket = new Socket(proxy)) {
            socket.connect(InetSocketAddress.createUnresolved("guest.invalid", 80), 5000);
            System.out.println("net-socks-proxy: connected through the proxy");
        } catch (Throwable t) {
            System.out.println("net-socks-proxy: " + t);
        }
    }
}
