package escape.threads;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;

/**
 * Writes FILE from a {@code java.util.TimerTask}: the write runs on the timer's own thread, which
 * {@code java.util.Timer} (JDK code) started.
 *
 * <p>Source: JDK API, {@code java.util.Timer},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Timer.html
 */
public final class TimerTaskWrite {

    private TimerTaskWrite() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Timer timer = new Timer("escape-timer");
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                try (FileOutputStream out = new FileOutputStream(args[0])) {
                    out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                    System.out.println("thread-timer: " + Thread.currentThread().getName() + " wrote " + args[0]);
                } catch (Throwable t) {
                    System.out.println("thread-timer: " + t);
                } finally {
                    done.countDown();
                }
            }
        }, 10);
        done.await();
        timer.cancel();
    }
}
