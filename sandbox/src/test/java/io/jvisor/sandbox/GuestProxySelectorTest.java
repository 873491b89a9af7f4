package io.jvisor.sandbox;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guest's proxy properties choose its proxies as the JDK's default selector chooses from the JVM's. */
class GuestProxySelectorTest {

    private static Properties properties(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private static List<Proxy> select(Properties p, String uri) {
        return new GuestProxySelector(p).select(URI.create(uri));
    }

    private static Proxy proxy(Proxy.Type type, String host, int port) {
        return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    @Test
    void eachSchemeHasItsOwnProxyAndDefaultPort() {
        Properties p = properties("http.proxyHost", "web", "https.proxyHost", "secure", "https.proxyPort", "8443");
        assertEquals(List.of(proxy(Proxy.Type.HTTP, "web", 80)), select(p, "http://example.com/"));
        assertEquals(List.of(proxy(Proxy.Type.HTTP, "secure", 8443)), select(p, "https://example.com/"));
        assertEquals(List.of(Proxy.NO_PROXY), select(p, "ftp://example.com/"));
    }

    @Test
    void nonProxyHostsAreReachedDirectlyLocalOnesByDefault() {
        Properties p = properties("http.proxyHost", "web", "http.nonProxyHosts", "*.internal|db");
        assertEquals(List.of(Proxy.NO_PROXY), select(p, "http://wiki.internal/"));
        assertEquals(List.of(Proxy.NO_PROXY), select(p, "https://DB/"), "https follows http's, case not counting");
        assertEquals(List.of(proxy(Proxy.Type.HTTP, "web", 80)), select(p, "http://localhost/"), "the given list replaces the local default");
        assertEquals(List.of(Proxy.NO_PROXY), select(properties("http.proxyHost", "web"), "http://127.0.0.1:8080/"));
    }

    @Test
    void socksServesWhatHasNoProxyOfItsScheme() {
        Properties p = properties("socksProxyHost", "socks");
        assertEquals(List.of(proxy(Proxy.Type.SOCKS, "socks", 1080)), select(p, "http://example.com/"));
        assertEquals(List.of(proxy(Proxy.Type.SOCKS, "socks", 1080)), select(p, "socket://example.com:25"));
    }

    @Test
    void onlyPropertiesThatDifferFromTheJvmsAreTheGuestsOwn() {
        assertFalse(GuestProxySelector.ownProperties((Properties) System.getProperties().clone()));
        Properties p = (Properties) System.getProperties().clone();
        p.setProperty("https.proxyHost", "elsewhere.example");
        assertTrue(GuestProxySelector.ownProperties(p));
    }
}
