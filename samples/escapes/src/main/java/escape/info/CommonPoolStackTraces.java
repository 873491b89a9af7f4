package escape.info;

import java.util.concurrent.ForkJoinPool;

/**
 * Lists the JVM's threads from a task of the common fork-join pool: a thread the JDK shares
 * between every program in the JVM, which tells nothing of whom it works for.
 *
 * <p>Source: JDK API, {@code ForkJoinPool.commonPool()} ("a static common pool ... appropriate for
 * most applications") and {@code Thread.getAllStackTraces},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/ForkJoinPool.html#commonPool()
 */
public final class CommonPoolStackTraces {

    private CommonPoolStackTraces() {
    }

    public static void main(String[] args) {
        try {
            for (Thread t : ForkJoinPool.commonPool().submit(() -> Thread.getAllStackTraces().keySet()).get()) {
                System.out.println("info-common-pool-stack-traces: thread \"" + t.getName() + "\"");
            }
        } catch (Throwable t) {
            System.out.println("info-common-pool-stack-traces: " + t);
        }
    }
}
