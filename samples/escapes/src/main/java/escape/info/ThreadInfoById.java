package escape.info;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Asks the JVM's {@code ThreadMXBean} about the threads of ids 1 to 1,000 one by one, without
 * listing them first: thread ids are small numbers, counted up from 1, so guessing them finds the
 * host's threads even where a list of ids would leave them out.
 *
 * <p>Source: JDK API, {@code ThreadMXBean.getThreadInfo(long)} and {@code Thread.getId} ("a positive
 * long number generated when this thread was created"),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.management/java/lang/management/ThreadMXBean.html
 */
public final class ThreadInfoById {

    private ThreadInfoById() {
    }

    public static void main(String[] args) {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (long id = 1; id <= 1000; id++) {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info != null) {
                    System.out.println("info-thread-info-by-id: thread " + id + " is \"" + info.getThreadName() + "\"");
                }
            }
        } catch (Throwable t) {
            System.out.println("info-thread-info-by-id: " + t);
        }
    }
}
