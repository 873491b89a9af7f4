package escape.state;

import java.security.Security;

/**
 * Empties the JVM-wide security property {@code jdk.tls.disabledAlgorithms}, which re-enables
 * broken TLS versions and ciphers for the host's connections made afterwards.
 *
 * <p>Source: JDK API, {@code Security.setProperty},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/security/Security.html#setProperty(java.lang.String,java.lang.String)
 */
public final class SecurityProperty {

    private SecurityProperty() {
    }

    public static void main(String[] args) {
        try {
            Security.setProperty("jdk.tls.disabledAlgorithms", "");
        } catch (Throwable t) {
            System.out.println("state-security-property: " + t);
        }
        System.out.println("state-security-property: jdk.tls.disabledAlgorithms is now '"
                + Security.getProperty("jdk.tls.disabledAlgorithms") + "'");
    }
}
