package escape.state;

import java.net.CookieHandler;
import java.net.CookieManager;

/**
 * Sets the JVM-wide default {@code CookieHandler}, which then receives the cookies of the host's
 * HTTP connections.
 *
 * <p>Source: JDK API, {@code CookieHandler.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/CookieHandler.html#setDefault(java.net.CookieHandler)
 */
public final class DefaultCookieHandler {

    private DefaultCookieHandler() {
    }

    public static void main(String[] args) {
        try {
            CookieHandler.setDefault(new CookieManager());
        } catch (Throwable t) {
            System.out.println("state-cookie-handler: " + t);
        }
        System.out.println("state-cookie-handler: the default CookieHandler is now " + CookieHandler.getDefault());
    }
}
