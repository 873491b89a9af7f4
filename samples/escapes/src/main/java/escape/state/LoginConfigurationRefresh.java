package escape.state;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.security.auth.login.Configuration;

/**
 * Puts a login configuration where the JVM's own looks (the JVM's home directory's
 * {@code .java.login.config}) and has the JVM re-read it: every {@code LoginContext} of the host
 * for the application {@code escape-planted} then logs in by the guest's rules. A file the
 * technique made is removed afterwards; the JVM's configuration keeps what it read.
 *
 * <p>Source: JDK API, {@code Configuration.refresh} and the default configuration's files,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/javax/security/auth/login/Configuration.html
 */
public final class LoginConfigurationRefresh {

    private LoginConfigurationRefresh() {
    }

    public static void main(String[] args) {
        try {
            Path file = Path.of(System.getProperty("user.home"), ".java.login.config");
            boolean made = !Files.exists(file);
            if (made) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "escape-planted { com.sun.security.auth.module.KeyStoreLoginModule optional; };\n");
            }
            try {
                Configuration.getConfiguration().refresh();
            } finally {
                if (made) {
                    Files.delete(file);
                }
            }
            System.out.println("state-login-configuration-refresh: the JVM's entry is now "
                    + Configuration.getConfiguration().getAppConfigurationEntry("escape-planted"));
        } catch (Throwable t) {
            System.out.println("state-login-configuration-refresh: " + t);
        }
    }
}
