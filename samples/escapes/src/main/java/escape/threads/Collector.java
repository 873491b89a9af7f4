package escape.threads;

import java.io.File;

/**
 * Outlives main by at most two seconds and asks for garbage collections meanwhile, as any
 * allocation eventually would, so that natively the JVM lives on long enough for the collector to
 * find the garbage main left behind. Not a technique itself; the cleaner and finalizer ones use it.
 */
final class Collector {

    private Collector() {
    }

    /** Starts a non-daemon thread that waits for main to end, then collects until {@code file} exists (20 tries). */
    static void collectAfter(Thread main, String file) {
        new Thread(() -> {
            try {
                main.join();
                for (int i = 0; i < 20 && !new File(file).exists(); i++) {
                    System.gc();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "collector").start();
    }
}
