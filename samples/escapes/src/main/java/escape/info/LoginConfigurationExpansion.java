package escape.info;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.URIParameter;
import java.util.List;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * Has the JDK expand every system property it knows of, by the {@code ${...}} of a login
 * configuration of its own, where the JDK reads the properties itself: {@code java.class.path},
 * {@code sun.java.command} and the JVM's options ({@code -D}) as the JVM has them.
 *
 * <p>Source: JDK API, the login configuration's property expansion (the default
 * {@code ConfigFile}), https://docs.oracle.com/en/java/javase/17/docs/api/java.base/javax/security/auth/login/Configuration.html
 */
public final class LoginConfigurationExpansion {

    private LoginConfigurationExpansion() {
    }

    public static void main(String[] args) {
        try {
            List<String> names = List.copyOf(System.getProperties().stringPropertyNames());
            StringBuilder options = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                options.append(" o").append(i).append("=\"${").append(names.get(i)).append("}\"");
            }
            Path file = Files.createTempFile("login", ".config");
            Files.writeString(file, "Expanded { com.sun.security.auth.module.KeyStoreLoginModule optional" + options + "; };\n");
            URI uri = file.toUri();
            Configuration own = Configuration.getInstance("JavaLoginConfig", new URIParameter(uri));
            Files.delete(file);
            for (AppConfigurationEntry entry : own.getAppConfigurationEntry("Expanded")) {
                entry.getOptions().forEach((k, v) -> System.out.println("info-login-configuration-expansion: "
                        + names.get(Integer.parseInt(k.substring(1))) + "=" + v));
            }
        } catch (Throwable t) {
            System.out.println("info-login-configuration-expansion: " + t);
        }
    }
}
