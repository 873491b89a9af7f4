package escape.state;

import javax.net.ssl.SSLContext;

/**
 * Replaces the JVM-wide default {@code SSLContext} with one that trusts every certificate: every TLS
 * client of the host that uses the default (the HTTP client among them) can then be intercepted.
 *
 * <p>Source: JDK API, {@code SSLContext.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/javax/net/ssl/SSLContext.html#setDefault(javax.net.ssl.SSLContext)
 */
public final class DefaultSslContext {

    private DefaultSslContext() {
    }

    public static void main(String[] args) {
        try {
            SSLContext.setDefault(TrustAll.context());
            System.out.println("state-ssl-context: the default SSLContext is now " + SSLContext.getDefault());
        } catch (Throwable t) {
            System.out.println("state-ssl-context: " + t);
        }
    }
}
