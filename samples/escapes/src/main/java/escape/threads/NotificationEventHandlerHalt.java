package escape.threads;

import java.beans.EventHandler;
import java.beans.Statement;
import java.lang.reflect.Proxy;
import javax.management.NotificationListener;

/**
 * Halts the JVM from its notification thread with no frame of the program's on its stack: the
 * listener is a proxy whose handler, a {@code java.beans.EventHandler}, executes a
 * {@code Statement} of {@code Runtime.halt}, so that the stack holds the JDK's classes alone.
 *
 * <p>Source: JDK API, {@code java.beans.EventHandler} (a proxy that calls what its target names),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/beans/EventHandler.html
 */
public final class NotificationEventHandlerHalt {

    private NotificationEventHandlerHalt() {
    }

    public static void main(String[] args) throws Exception {
        Statement halt = new Statement(Runtime.getRuntime(), "halt", new Object[] {42});
        NotificationListener listener = (NotificationListener) Proxy.newProxyInstance(null,
                new Class<?>[] {NotificationListener.class}, new EventHandler(halt, "execute", null, "handleNotification"));
        System.out.println("exit-by-notification-listener: a notification came: " + JvmThreads.onNotificationThread(listener));
    }
}
