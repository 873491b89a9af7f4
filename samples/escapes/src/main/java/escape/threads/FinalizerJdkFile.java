package escape.threads;

import java.util.Formatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes FILE from a {@code finalize} method, which the JVM's finalizer thread runs (no thread of
 * the program's), through {@code java.util.Formatter}, which opens the file inside the JDK: what
 * the JDK does there is taken for the host's unless the thread's stack is asked.
 *
 * <p>Source: JEP 421, Deprecate Finalization for Removal (still on by default), https://openjdk.org/jeps/421
 */
public final class FinalizerJdkFile {

    private static final CountDownLatch FINALIZED = new CountDownLatch(1);

    private final String file;

    private FinalizerJdkFile(String file) {
        this.file = file;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        try (Formatter out = new Formatter(file)) {
            out.format("written on %s%n", Thread.currentThread().getName());
            System.out.println("thread-finalizer-file: wrote " + file + " on " + Thread.currentThread().getName());
        } catch (Throwable t) {
            System.out.println("thread-finalizer-file: " + t);
        } finally {
            FINALIZED.countDown();
        }
    }

    public static void main(String[] args) throws Exception {
        new FinalizerJdkFile(args[0]);
        for (int i = 0; i < 20 && FINALIZED.getCount() > 0; i++) {
            System.gc();
            FINALIZED.await(250, TimeUnit.MILLISECONDS);
        }
        System.out.println("thread-finalizer-file: finalized: " + (FINALIZED.getCount() == 0));
    }
}
