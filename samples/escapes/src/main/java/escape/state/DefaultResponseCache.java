package escape.state;

import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.ResponseCache;
import java.net.URI;
import java.net.URLConnection;
import java.util.List;
import java.util.Map;

/**
 * Sets the JVM-wide default {@code ResponseCache}, which is then offered every response the host
 * downloads with {@code URLConnection} and may answer its requests instead of the server.
 *
 * <p>Source: JDK API, {@code ResponseCache.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/ResponseCache.html#setDefault(java.net.ResponseCache)
 */
public final class DefaultResponseCache {

    private DefaultResponseCache() {
    }

    public static void main(String[] args) {
        try {
            ResponseCache.setDefault(new ResponseCache() {
                @Override
                public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
                    return null;
                }

                @Override
                public CacheRequest put(URI uri, URLConnection connection) {
                    return null;
                }
            });
        } catch (Throwable t) {
            System.out.println("state-response-cache: " + t);
        }
        System.out.println("state-response-cache: the default ResponseCache is now " + ResponseCache.getDefault());
    }
}
