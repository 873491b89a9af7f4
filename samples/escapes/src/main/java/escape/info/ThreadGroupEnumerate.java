package escape.info;

/**
 * Climbs to the JVM's top thread group ({@code ThreadGroup.getParent()}) and lists every thread
 * and group below it: the names of the host's threads and of every other program's.
 *
 * <p>Source: JDK API, {@code ThreadGroup.enumerate}, which under the SecurityManager called
 * {@code checkAccess} on the group, https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ThreadGroup.html
 */
public final class ThreadGroupEnumerate {

    private ThreadGroupEnumerate() {
    }

    public static void main(String[] args) {
        try {
            ThreadGroup top = Thread.currentThread().getThreadGroup();
            while (top.getParent() != null) {
                top = top.getParent();
            }
            Thread[] threads = new Thread[top.activeCount() + 64];
            int n = top.enumerate(threads, true);
            for (int i = 0; i < n; i++) {
                System.out.println("info-thread-group-enumerate: thread \"" + threads[i].getName() + "\"");
            }
            ThreadGroup[] groups = new ThreadGroup[top.activeGroupCount() + 16];
            int m = top.enumerate(groups, true);
            for (int i = 0; i < m; i++) {
                System.out.println("info-thread-group-enumerate: group \"" + groups[i].getName() + "\"");
            }
        } catch (Throwable t) {
            System.out.println("info-thread-group-enumerate: " + t);
        }
    }
}
