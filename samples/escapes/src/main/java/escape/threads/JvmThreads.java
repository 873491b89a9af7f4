package escape.threads;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Runs code on one of the JVM's own threads, which no program starts: a listener of the garbage
 * collectors' notifications, which the JVM's notification thread calls. Not a technique itself;
 * the techniques of that thread use it.
 */
final class JvmThreads {

    private JvmThreads() {
    }

    /**
     * Adds {@code listener} (which may be a proxy of the JDK's, no code of the program's) to every
     * collector and another after it, collects until a notification has reached both (at most 5 s),
     * and removes them.
     *
     * @return whether a notification came
     */
    static boolean onNotificationThread(NotificationListener listener) throws Exception {
        CountDownLatch passed = new CountDownLatch(1);
        NotificationListener after = (notification, handback) -> passed.countDown();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            ((NotificationEmitter) gc).addNotificationListener(after, null, null);
        }
        try {
            for (int i = 0; i < 10 && passed.getCount() > 0; i++) {
                System.gc();
                passed.await(500, TimeUnit.MILLISECONDS);
            }
            return passed.getCount() == 0;
        } finally {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
                ((NotificationEmitter) gc).removeNotificationListener(after);
            }
        }
    }
}
