package escape.state;

import java.net.Authenticator;

/**
 * Sets the JVM-wide default {@code Authenticator}, which is then asked for (and learns the realms
 * of) every password the host's HTTP connections need.
 *
 * <p>Source: JDK API, {@code Authenticator.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/Authenticator.html#setDefault(java.net.Authenticator)
 */
public final class DefaultAuthenticator {

    private DefaultAuthenticator() {
    }

    public static void main(String[] args) {
        try {
            Authenticator.setDefault(new Authenticator() {
            });
        } catch (Throwable t) {
            System.out.println("state-authenticator: " + t);
        }
        System.out.println("state-authenticator: the default Authenticator is now " + Authenticator.getDefault());
    }
}
