package escape.threads;

import java.beans.EventHandler;
import java.beans.Expression;
import java.lang.reflect.Proxy;
import javax.management.NotificationListener;

/**
 * Starts a host command that writes FILE from the JVM's notification thread with no frame of the
 * program's on its stack: the listener is a proxy whose handler, a {@code java.beans.EventHandler},
 * evaluates an {@code Expression} of {@code ProcessBuilder.start}, so that the stack holds the JDK's
 * classes alone. The expression keeps the process, which the program then waits for.
 *
 * <p>Source: JDK API, {@code java.beans.EventHandler} (a proxy that calls what its target names),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/beans/EventHandler.html
 */
public final class NotificationEventHandlerExec {

    private NotificationEventHandlerExec() {
    }

    public static void main(String[] args) {
        try {
            Expression start = new Expression(new ProcessBuilder("sh", "-c", "echo escaped > '" + args[0] + "'"), "start", null);
            NotificationListener listener = (NotificationListener) Proxy.newProxyInstance(null,
                    new Class<?>[] {NotificationListener.class}, new EventHandler(start, "getValue", null, "handleNotification"));
            System.out.println("thread-notification-process: a notification came: " + JvmThreads.onNotificationThread(listener));
            // the process the listener started; evaluated here, on the program's thread, if it started none
            System.out.println("thread-notification-process: the command ended with " + ((Process) start.getValue()).waitFor());
        } catch (Throwable t) {
            System.out.println("thread-notification-process: " + t);
        }
    }
}
