package escape.files;

import java.io.PrintWriter;
import java.util.concurrent.ForkJoinPool;

/**
 * Writes FILE with {@code new PrintWriter(FILE)} from a lambda run on
 * {@code ForkJoinPool.commonPool()}: the JVM-wide pool's threads belong to no guest, so a sandbox
 * that tells guests apart by thread cannot attribute the write.
 *
 * <p>Source: JDK API, {@code ForkJoinPool.commonPool},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/ForkJoinPool.html#commonPool()
 */
public final class CommonPoolPrintWriter {

    private CommonPoolPrintWriter() {
    }

    public static void main(String[] args) {
        try {
            String thread = ForkJoinPool.commonPool().submit(() -> {
                try (PrintWriter out = new PrintWriter(args[0])) {
                    out.println("escaped");
                }
                return Thread.currentThread().getName();
            }).get();
            System.out.println("file-common-pool-print-writer: " + thread + " wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("file-common-pool-print-writer: " + t);
        }
    }
}
