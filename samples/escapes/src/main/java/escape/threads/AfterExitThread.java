package escape.threads;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a non-daemon thread that swallows whatever is thrown at it while it waits for main to call
 * {@code System.exit(0)}, then writes FILE once: a thread that outlives the exit of its own program.
 * To win natively, where the exit halts every thread, it first takes the monitor of
 * {@code java.io.DeleteOnExitHook}, which the JVM's shutdown sequence must take too, so the real
 * exit waits until the write is done.
 *
 * <p>Source: JDK API, {@code Runtime.exit} (the shutdown sequence runs while other threads go on),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Runtime.html#exit(int)
 */
public final class AfterExitThread {

    private AfterExitThread() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch exiting = new CountDownLatch(1);
        Thread survivor = new Thread(() -> {
            Object shutdownLock = AfterExitThread.class;
            try {
                shutdownLock = Class.forName("java.io.DeleteOnExitHook");
            } catch (Throwable t) {
                // no such JDK class: race the exit instead
            }
            synchronized (shutdownLock) {
                ready.countDown();
                for (int swallowed = 0; swallowed < 100; swallowed++) {
                    try {
                        exiting.await();
                        break;
                    } catch (Throwable t) {
                        // whatever ends the guest's threads, swallowed (at most 100 times)
                    }
                }
                try (FileOutputStream out = new FileOutputStream(args[0])) {
                    out.write("written after System.exit\n".getBytes(StandardCharsets.US_ASCII));
                    System.out.println("outlive-after-exit: wrote " + args[0] + " after main called System.exit");
                } catch (Throwable t) {
                    System.out.println("outlive-after-exit: " + t);
                }
            }
        }, "survivor");
        survivor.start();
        ready.await();
        System.out.println("outlive-after-exit: main calls System.exit(0) while a thread waits to write " + args[0]);
        exiting.countDown();
        System.exit(0);
    }
}
