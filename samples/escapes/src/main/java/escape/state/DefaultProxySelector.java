package escape.state;

import java.net.InetSocketAddress;
import java.net.ProxySelector;

/**
 * Replaces the JVM-wide default {@code ProxySelector}, routing the host's HTTP connections through a
 * proxy of the guest's choosing.
 *
 * <p>Source: JDK API, {@code ProxySelector.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/ProxySelector.html#setDefault(java.net.ProxySelector)
 */
public final class DefaultProxySelector {

    private DefaultProxySelector() {
    }

    public static void main(String[] args) {
        try {
            ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("127.0.0.1", 9)));
        } catch (Throwable t) {
            System.out.println("state-proxy-selector: " + t);
        }
        System.out.println("state-proxy-selector: the default ProxySelector is now " + ProxySelector.getDefault());
    }
}
