package escape.threads;

import java.util.Formatter;

/**
 * Writes FILE from a listener of the garbage collectors' notifications, which the JVM's own
 * notification thread runs (no thread of the program's), through {@code java.util.Formatter},
 * which opens the file inside the JDK: what the JDK does there is taken for the host's unless the
 * thread's stack is asked.
 *
 * <p>Source: JDK API, GarbageCollectorMXBean notifications (com.sun.management.GarbageCollectionNotificationInfo),
 * https://docs.oracle.com/en/java/javase/17/docs/api/jdk.management/com/sun/management/GarbageCollectionNotificationInfo.html
 */
public final class NotificationListenerFile {

    private NotificationListenerFile() {
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        boolean ran = JvmThreads.onNotificationThread((notification, handback) -> {
            try (Formatter out = new Formatter(file)) {
                out.format("written on %s%n", Thread.currentThread().getName());
                System.out.println("thread-notification-file: wrote " + file + " on " + Thread.currentThread().getName());
            } catch (Throwable t) {
                System.out.println("thread-notification-file: " + t);
            }
        });
        System.out.println("thread-notification-file: a notification came: " + ran);
    }
}
