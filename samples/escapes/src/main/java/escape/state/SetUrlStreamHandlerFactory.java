package escape.state;

import java.net.URL;

/**
 * Installs the JVM's one URL stream handler factory. It may be set once per JVM: afterwards the
 * guest's factory decides how every {@code URL} of the host is opened, and the host can never set
 * its own.
 *
 * <p>Source: JDK API, {@code URL.setURLStreamHandlerFactory},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/URL.html#setURLStreamHandlerFactory(java.net.URLStreamHandlerFactory)
 */
public final class SetUrlStreamHandlerFactory {

    private SetUrlStreamHandlerFactory() {
    }

    public static void main(String[] args) {
        try {
            URL.setURLStreamHandlerFactory(protocol -> null);
            System.out.println("state-url-stream-handler-factory: the JVM's URL stream handler factory is now the guest's");
        } catch (Throwable t) {
            System.out.println("state-url-stream-handler-factory: " + t);
        }
    }
}
