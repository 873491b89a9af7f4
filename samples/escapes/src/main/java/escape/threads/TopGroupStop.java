package escape.threads;

/**
 * Stops every thread of the JVM through its top thread group ({@code ThreadGroup.stop()}, which
 * throws {@code ThreadDeath} in each thread until JDK 19), reached by {@code getParent()}.
 *
 * <p>Source: JDK API, {@code ThreadGroup.stop}, deprecated as inherently unsafe and, under the
 * SecurityManager, guarded by {@code checkAccess} and {@code RuntimePermission("stopThread")},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ThreadGroup.html#stop()
 */
public final class TopGroupStop {

    private TopGroupStop() {
    }

    /** Stops the group from a thread of its own once main has returned: the launcher's thread dies as it goes on. */
    @SuppressWarnings("removal")
    public static void main(String[] args) {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        ThreadGroup every = top;
        new Thread(() -> {
            try {
                Thread.sleep(200);
                every.stop();
            } catch (InterruptedException | SecurityException | UnsupportedOperationException e) {
                System.out.println("thread-group-stop: " + e);
            }
        }, "stopper").start();
    }
}
