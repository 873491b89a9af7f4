package escape.info;

/**
 * Has the JDK print the JVM's top thread group ({@code ThreadGroup.list()}): every thread of the
 * JVM, the host's included, on standard output.
 *
 * <p>Source: JDK API, {@code ThreadGroup.list}, https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ThreadGroup.html#list()
 */
public final class ThreadGroupList {

    private ThreadGroupList() {
    }

    public static void main(String[] args) {
        try {
            ThreadGroup top = Thread.currentThread().getThreadGroup();
            while (top.getParent() != null) {
                top = top.getParent();
            }
            top.list();
        } catch (Throwable t) {
            System.out.println("info-thread-group-list: " + t);
        }
    }
}
