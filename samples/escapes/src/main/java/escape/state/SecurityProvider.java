package escape.state;

import java.security.Provider;
import java.security.Security;

/**
 * Inserts a security provider at the head of the JVM-wide provider list, where it would be asked
 * first for every algorithm the host uses.
 *
 * <p>Source: JDK API, {@code Security.insertProviderAt},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/security/Security.html#insertProviderAt(java.security.Provider,int)
 */
public final class SecurityProvider {

    private SecurityProvider() {
    }

    public static void main(String[] args) {
        try {
            Security.insertProviderAt(new Provider("EscapedProvider", "1.0", "a provider added by a guest") {
                private static final long serialVersionUID = 1L;
            }, 1);
        } catch (Throwable t) {
            System.out.println("state-security-provider: " + t);
        }
        System.out.println("state-security-provider: the first provider is now " + Security.getProviders()[0].getName());
    }
}
