package escape.info;

import java.util.Map;

/**
 * Lists every thread of the JVM with its stack ({@code Thread.getAllStackTraces()}): the host's
 * threads and every other program's in the JVM, their names and what their code is doing.
 *
 * <p>Source: JDK API, {@code Thread.getAllStackTraces}, which under the SecurityManager needed
 * {@code RuntimePermission("getStackTrace")} and {@code ("modifyThreadGroup")},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html#getAllStackTraces()
 */
public final class AllStackTraces {

    private AllStackTraces() {
    }

    public static void main(String[] args) {
        try {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                StackTraceElement[] trace = e.getValue();
                System.out.println("info-all-stack-traces: thread \"" + e.getKey().getName() + "\""
                        + (trace.length == 0 ? "" : " at " + trace[0]));
            }
        } catch (Throwable t) {
            System.out.println("info-all-stack-traces: " + t);
        }
    }
}
