package escape.threads;

import java.util.logging.FileHandler;

/**
 * Has the JDK create FILE (a {@code FileHandler} opens it) on a thread that carries nothing of its
 * creator: made in the JVM's top thread group, outside any group the guest got, with
 * {@code inheritThreadLocals} false, so that neither the thread's group nor its inherited state
 * tells whom it works for.
 *
 * <p>Source: JDK API, {@code Thread(ThreadGroup, Runnable, String, long, boolean inheritThreadLocals)}
 * (Java 9), https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html;
 * the SecurityManager's {@code ThreadGroup.checkAccess} once kept untrusted code out of other groups.
 */
public final class ForeignGroupThread {

    private ForeignGroupThread() {
    }

    public static void main(String[] args) throws InterruptedException {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        Thread thread = new Thread(top, () -> {
            try {
                new FileHandler(args[0]).close();
                System.out.println("thread-foreign-group: a FileHandler created " + args[0]);
            } catch (Throwable t) {
                System.out.println("thread-foreign-group: " + t);
            }
        }, "foreign-group", 0, false);
        thread.start();
        thread.join();
    }
}
