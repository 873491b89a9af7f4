package escape.state;

import javax.net.ssl.HttpsURLConnection;

/**
 * Sets the JVM-wide default hostname verifier of {@code HttpsURLConnection} to one that accepts every
 * host: the host's HTTPS connections afterwards accept any certificate's name.
 *
 * <p>Source: JDK API, {@code HttpsURLConnection.setDefaultHostnameVerifier},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/javax/net/ssl/HttpsURLConnection.html#setDefaultHostnameVerifier(javax.net.ssl.HostnameVerifier)
 */
public final class SetHostnameVerifier {

    private SetHostnameVerifier() {
    }

    public static void main(String[] args) {
        try {
            HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
        } catch (Throwable t) {
            System.out.println("state-https-hostname-verifier: " + t);
        }
        System.out.println("state-https-hostname-verifier: the default verifier is now "
                + HttpsURLConnection.getDefaultHostnameVerifier());
    }
}
