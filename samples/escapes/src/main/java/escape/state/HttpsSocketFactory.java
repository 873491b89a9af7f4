package escape.state;

import javax.net.ssl.HttpsURLConnection;

/**
 * Sets the JVM-wide default {@code SSLSocketFactory} of {@code HttpsURLConnection} to one that trusts
 * every certificate: the host's HTTPS connections afterwards can be intercepted.
 *
 * <p>Source: JDK API, {@code HttpsURLConnection.setDefaultSSLSocketFactory},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/javax/net/ssl/HttpsURLConnection.html#setDefaultSSLSocketFactory(javax.net.ssl.SSLSocketFactory)
 */
public final class HttpsSocketFactory {

    private HttpsSocketFactory() {
    }

    public static void main(String[] args) {
        try {
            HttpsURLConnection.setDefaultSSLSocketFactory(TrustAll.context().getSocketFactory());
        } catch (Throwable t) {
            System.out.println("state-https-socket-factory: " + t);
        }
        System.out.println("state-https-socket-factory: the default factory is now "
                + HttpsURLConnection.getDefaultSSLSocketFactory());
    }
}
