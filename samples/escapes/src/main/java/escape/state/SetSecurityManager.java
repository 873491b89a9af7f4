package escape.state;

import java.security.Permission;

/**
 * Installs a JVM-wide {@code SecurityManager} (allowed by default on JDK 17 only; refused from 18 on
 * without {@code -Djava.security.manager=allow}, and impossible from 24 on): it then sees every
 * permission check of the host. The inverse of CVE-2012-4681, which removed the manager.
 *
 * <p>Source: JEP 411, Deprecate the Security Manager for Removal, https://openjdk.org/jeps/411; and
 * CVE-2012-4681, setSecurityManager(null) via sun.awt.SunToolkit.getField,
 * https://nvd.nist.gov/vuln/detail/CVE-2012-4681
 */
public final class SetSecurityManager {

    private SetSecurityManager() {
    }

    @SuppressWarnings("removal")
    public static void main(String[] args) {
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission perm) {
                }

                @Override
                public void checkPermission(Permission perm, Object context) {
                }
            });
        } catch (Throwable t) {
            System.out.println("state-security-manager: " + t);
        }
        System.out.println("state-security-manager: the SecurityManager is now " + System.getSecurityManager());
    }
}
