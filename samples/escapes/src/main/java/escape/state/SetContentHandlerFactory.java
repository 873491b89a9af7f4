package escape.state;

import java.net.URLConnection;

/**
 * Installs the JVM's one {@code ContentHandlerFactory}: once per JVM, after which the guest decides
 * how {@code URLConnection.getContent} of the host turns bytes into objects.
 *
 * <p>Source: JDK API, {@code URLConnection.setContentHandlerFactory},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/URLConnection.html#setContentHandlerFactory(java.net.ContentHandlerFactory)
 */
public final class SetContentHandlerFactory {

    private SetContentHandlerFactory() {
    }

    public static void main(String[] args) {
        try {
            URLConnection.setContentHandlerFactory(mimeType -> null);
            System.out.println("state-content-handler-factory: the JVM's content handler factory is now the guest's");
        } catch (Throwable t) {
            System.out.println("state-content-handler-factory: " + t);
        }
    }
}
