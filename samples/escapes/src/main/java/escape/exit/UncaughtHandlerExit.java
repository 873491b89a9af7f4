package escape.exit;

/**
 * Installs a JVM-wide default uncaught-exception handler that calls {@code System.exit(0)}, then
 * lets a thread die of an exception: the JVM itself calls the handler
 * ({@code Thread.dispatchUncaughtException}), and the handler is JVM-wide, so any thread's death
 * (the host's too) would end the JVM.
 *
 * <p>Source: JDK API, {@code Thread.setDefaultUncaughtExceptionHandler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html#setDefaultUncaughtExceptionHandler(java.lang.Thread.UncaughtExceptionHandler)
 */
public final class UncaughtHandlerExit {

    private UncaughtHandlerExit() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
                System.out.println("exit-from-uncaught-handler: " + thread.getName() + " died of " + e + "; exiting");
                System.exit(0);
            });
        } catch (Throwable t) {
            System.out.println("exit-from-uncaught-handler: " + t);
        }
        Thread dying = new Thread(() -> {
            throw new IllegalStateException("thrown to reach the default handler");
        }, "dying");
        dying.start();
        dying.join();
        System.out.println("exit-from-uncaught-handler: the dying thread ended and main goes on");
    }
}
