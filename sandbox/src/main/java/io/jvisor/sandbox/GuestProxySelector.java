package io.jvisor.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The proxy selector a guest's own proxy properties describe ({@code http.proxyHost},
 * {@code https.proxyPort}, {@code socksProxyHost}, the non-proxy hosts ...), chosen as the JDK's
 * default selector chooses from the JVM's. The JDK reads the JVM's properties once: a guest's
 * {@code jvisor run -Dhttps.proxyHost=...} never reached it.
 */
final class GuestProxySelector extends ProxySelector {

    private static final List<String> PROPERTIES = List.of("http.proxyHost", "http.proxyPort", "http.nonProxyHosts",
            "https.proxyHost", "https.proxyPort", "ftp.proxyHost", "ftp.proxyPort", "ftp.nonProxyHosts", "socksProxyHost",
            "socksProxyPort", "socksNonProxyHosts");
    /** The JDK's non-proxy hosts where none are given. */
    private static final String LOCAL_HOSTS = "localhost|127.*|[::1]|0.0.0.0|[::0]";

    private final Properties properties;

    /** @param properties the guest's system properties, read at each choice (the JDK reads the JVM's once) */
    GuestProxySelector(Properties properties) {
        this.properties = properties;
    }

    /** Whether the guest's properties say of proxies anything the JVM's do not. */
    static boolean ownProperties(Properties guest) {
        return PROPERTIES.stream().anyMatch(p -> !Objects.equals(guest.getProperty(p), System.getProperty(p)));
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("URI can't be null.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (host == null) {
            throw new IllegalArgumentException("protocol = " + scheme + " host = null");
        }
        boolean web = scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp");
        if (web) {
            String prefix = scheme;
            String nonProxy = properties.getProperty((scheme.equals("https") ? "http" : scheme) + ".nonProxyHosts", LOCAL_HOSTS);
            String proxyHost = properties.getProperty(prefix + ".proxyHost");
            if (proxyHost != null && !proxyHost.isEmpty()) {
                return matches(host, nonProxy) ? List.of(Proxy.NO_PROXY)
                        : List.of(proxy(Proxy.Type.HTTP, proxyHost, prefix + ".proxyPort", scheme.equals("https") ? 443 : 80));
            }
        }
        String socksHost = properties.getProperty("socksProxyHost");
        if (socksHost != null && !socksHost.isEmpty()
                && !matches(host, properties.getProperty("socksNonProxyHosts", LOCAL_HOSTS))) {
            return List.of(proxy(Proxy.Type.SOCKS, socksHost, "socksProxyPort", 1080));
        }
        return List.of(Proxy.NO_PROXY);
    }

    private Proxy proxy(Proxy.Type type, String host, String portProperty, int defaultPort) {
        int port;
        try {
            port = Integer.parseInt(properties.getProperty(portProperty, String.valueOf(defaultPort)).trim());
        } catch (NumberFormatException e) {
            port = defaultPort;
        }
        return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    /** Whether a host is one of the non-proxy hosts: {@code |}-separated, {@code *} for any text, case not counting. */
    private static boolean matches(String host, String patterns) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns.split("\\|")) {
            String p = pattern.trim().toLowerCase(Locale.ROOT);
            if (!p.isEmpty() && h.matches(Pattern.quote(p).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        if (uri == null || address == null || failure == null) {
            throw new IllegalArgumentException("Arguments can't be null.");
        }
    }
}
