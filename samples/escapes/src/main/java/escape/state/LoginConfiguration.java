package escape.state;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * Replaces the JVM's login configuration: every {@code LoginContext} of the host without a
 * configuration of its own then logs in by the guest's rules (its login modules, or none).
 *
 * <p>Source: JDK API, {@code Configuration.setConfiguration},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/javax/security/auth/login/Configuration.html#setConfiguration(javax.security.auth.login.Configuration)
 */
public final class LoginConfiguration {

    private LoginConfiguration() {
    }

    public static void main(String[] args) {
        try {
            Configuration.setConfiguration(new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                    return new AppConfigurationEntry[0];
                }
            });
        } catch (Throwable t) {
            System.out.println("state-login-configuration: " + t);
        }
        System.out.println("state-login-configuration: the configuration is now " + Configuration.getConfiguration());
    }
}
