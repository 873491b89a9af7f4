package escape.state;

/**
 * Sets the JVM-wide default uncaught-exception handler, which then sees (and may swallow) the
 * death of every thread of the host, and lets a thread of its own die to see its handler called.
 *
 * <p>Source: JDK API, {@code Thread.setDefaultUncaughtExceptionHandler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html#setDefaultUncaughtExceptionHandler(java.lang.Thread.UncaughtExceptionHandler)
 */
public final class DefaultUncaughtHandler {

    private DefaultUncaughtHandler() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                    System.out.println("state-uncaught-handler: the handler has " + e.getMessage() + " of " + thread.getName()));
        } catch (Throwable t) {
            System.out.println("state-uncaught-handler: " + t);
        }
        System.out.println("state-uncaught-handler: the default handler is now " + Thread.getDefaultUncaughtExceptionHandler());
        Thread dying = new Thread(() -> {
            throw new IllegalStateException("an exception");
        }, "dying");
        dying.start();
        dying.join();
    }
}
