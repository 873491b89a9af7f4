package escape.threads;

import java.beans.EventHandler;
import java.beans.Expression;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts, from a {@code finalize} method on the JVM's finalizer thread, a thread (in the JVM's
 * group, the finalizer's) whose task is an {@code EventHandler} proxy that starts a host command
 * writing FILE: the new thread belongs to no program's group, and its stack holds the JDK's classes
 * alone.
 *
 * <p>Source: JEP 421, Deprecate Finalization for Removal (still on by default), and
 * {@code java.beans.EventHandler}, https://openjdk.org/jeps/421
 */
public final class FinalizerThreadProcess {

    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static volatile Thread started;

    private final String file;

    private FinalizerThreadProcess(String file) {
        this.file = file;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        try {
            Expression start = new Expression(new ProcessBuilder("sh", "-c", "echo escaped > '" + file + "'"), "start", null);
            Runnable task = (Runnable) Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class},
                    new EventHandler(start, "getValue", null, null));
            started = new Thread(task, "from-the-finalizer");
            started.setUncaughtExceptionHandler((t, e) -> System.out.println("thread-finalizer-process: the thread: " + e));
            started.start();
        } finally {
            STARTED.countDown();
        }
    }

    public static void main(String[] args) throws Exception {
        new FinalizerThreadProcess(args[0]);
        for (int i = 0; i < 20 && STARTED.getCount() > 0; i++) {
            System.gc();
            STARTED.await(250, TimeUnit.MILLISECONDS);
        }
        if (started != null) {
            started.join();
        }
        System.out.println("thread-finalizer-process: the finalizer started a thread: " + (started != null));
    }
}
