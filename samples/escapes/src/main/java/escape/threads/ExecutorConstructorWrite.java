package escape.threads;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes FILE from a task of an {@code ExecutorService} thread pool, creating the stream with
 * {@code Constructor.newInstance}: reflection on a pool thread.
 *
 * <p>Source: JDK API, {@code Executors.newFixedThreadPool},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/Executors.html#newFixedThreadPool(int)
 */
public final class ExecutorConstructorWrite {

    private ExecutorConstructorWrite() {
    }

    public static void main(String[] args) {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            String thread = pool.submit(() -> {
                try (FileOutputStream out = FileOutputStream.class.getConstructor(String.class).newInstance(args[0])) {
                    out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                }
                return Thread.currentThread().getName();
            }).get();
            System.out.println("thread-executor-constructor: " + thread + " wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("thread-executor-constructor: " + t);
        } finally {
            pool.shutdown();
        }
    }
}
