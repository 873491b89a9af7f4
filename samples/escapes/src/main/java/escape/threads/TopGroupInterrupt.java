package escape.threads;

/**
 * Interrupts every thread of the JVM through its top thread group ({@code ThreadGroup.interrupt()}),
 * reached by {@code getParent()}: the host's threads waiting or sleeping fail with an
 * {@code InterruptedException}.
 *
 * <p>Source: JDK API, {@code ThreadGroup.interrupt}, which under the SecurityManager called
 * {@code checkAccess} on the group, https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ThreadGroup.html#interrupt()
 */
public final class TopGroupInterrupt {

    private TopGroupInterrupt() {
    }

    public static void main(String[] args) {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        try {
            top.interrupt();
            System.out.println("thread-group-interrupt: interrupted the threads of " + top.getName());
        } catch (Throwable t) {
            System.out.println("thread-group-interrupt: " + t);
        }
    }
}
