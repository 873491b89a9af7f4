package escape.state;

import java.security.Provider;
import java.security.Security;

/**
 * Puts an entry in the JDK's {@code SUN} provider, which the JVM makes once, for every program's
 * list of providers: {@code Provider} is a public {@code Properties}, whose {@code put} changes
 * the algorithms every program gets (a guest that emptied it and put MD5 under SHA-256 changed the
 * host's digests, and broke every {@code SecureRandom}).
 *
 * <p>Source: JDK API, {@code Provider.put}, {@code SecurityPermission("putProviderProperty.NAME")}
 * under the SecurityManager,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/security/Provider.html#put(java.lang.Object,java.lang.Object)
 */
public final class ProviderEntries {

    private ProviderEntries() {
    }

    public static void main(String[] args) {
        Provider sun = Security.getProvider("SUN");
        try {
            sun.put("MessageDigest.EscapePlanted", "sun.security.provider.MD5");
        } catch (Throwable t) {
            System.out.println("state-provider-entries: " + t);
        }
        System.out.println("state-provider-entries: SUN's MessageDigest.EscapePlanted is " + sun.getProperty("MessageDigest.EscapePlanted"));
    }
}
