package escape.info;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Dumps every thread of the JVM through its {@code ThreadMXBean}: {@code dumpAllThreads}, and
 * {@code getThreadInfo} of {@code getAllThreadIds}; reads the JVM's peak and total of started
 * threads, and resets the peak.
 *
 * <p>Source: JDK API, {@code ThreadMXBean}, whose methods needed {@code ManagementPermission("monitor")}
 * under the SecurityManager, https://docs.oracle.com/en/java/javase/17/docs/api/java.management/java/lang/management/ThreadMXBean.html
 */
public final class ThreadMXBeanDump {

    private ThreadMXBeanDump() {
    }

    public static void main(String[] args) {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
                System.out.println("info-thread-mxbean-dump: dumped \"" + info.getThreadName() + "\"");
            }
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    System.out.println("info-thread-mxbean-dump: by id \"" + info.getThreadName() + "\"");
                }
            }
            System.out.println("info-thread-mxbean-dump: peak " + threads.getPeakThreadCount() + ", started "
                    + threads.getTotalStartedThreadCount());
            threads.resetPeakThreadCount();
            System.out.println("info-thread-mxbean-dump: " + threads.getThreadCount() + " threads");
        } catch (Throwable t) {
            System.out.println("info-thread-mxbean-dump: " + t);
        }
    }
}
