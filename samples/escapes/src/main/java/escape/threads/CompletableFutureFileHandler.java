package escape.threads;

import java.util.concurrent.CompletableFuture;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Creates FILE with a {@code java.util.logging.FileHandler} inside {@code CompletableFuture.runAsync}:
 * JDK code opens the file, on a thread of the JVM-wide common pool.
 *
 * <p>Source: JDK API, {@code CompletableFuture.runAsync},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/CompletableFuture.html#runAsync(java.lang.Runnable)
 */
public final class CompletableFutureFileHandler {

    private CompletableFutureFileHandler() {
    }

    public static void main(String[] args) {
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    FileHandler handler = new FileHandler(args[0]);
                    handler.publish(new LogRecord(Level.SEVERE, "escaped"));
                    handler.close();
                    System.out.println("thread-completable-future-file-handler: " + Thread.currentThread().getName()
                            + " wrote " + args[0]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get();
        } catch (Throwable t) {
            System.out.println("thread-completable-future-file-handler: " + t);
        }
    }
}
