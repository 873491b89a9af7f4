package escape.console;

/**
 * Lets a thread die of an exception whose message is MARKER, on purpose uncaught: the JVM calls
 * {@code ThreadGroup.uncaughtException}, JDK code that prints the stack trace on {@code System.err}
 * as the JDK sees it.
 *
 * <p>Source: JDK API, {@code ThreadGroup.uncaughtException},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ThreadGroup.html#uncaughtException(java.lang.Thread,java.lang.Throwable)
 */
public final class UncaughtException {

    private UncaughtException() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread dying = new Thread(() -> {
            throw new IllegalStateException(args[0]);
        }, "dying");
        dying.start();
        dying.join();
        System.out.println("console-uncaught-exception: a thread died of an exception carrying the marker");
    }
}
