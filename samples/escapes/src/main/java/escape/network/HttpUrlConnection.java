package escape.network;

import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Sends an HTTP request to {@code http://HOST:PORT/} with {@code HttpURLConnection}: the JDK's HTTP
 * client code opens the socket (and may pool it in a JVM-wide keep-alive cache).
 *
 * <p>Source: JDK API, {@code HttpURLConnection},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/HttpURLConnection.html
 */
public final class HttpUrlConnection {

    private HttpUrlConnection() {
    }

    public static void main(String[] args) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://" + args[0] + "/escaped").openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            System.out.println("net-http-url-connection: the listener answered " + connection.getResponseCode());
        } catch (Throwable t) {
            System.out.println("net-http-url-connection: " + t);
        }
    }
}
