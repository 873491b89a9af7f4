package escape.console;

/**
 * Calls the JVM's default uncaught-exception handler itself, with an error whose message is
 * MARKER: whoever installed that handler (an embedding application, a framework, a hypervisor)
 * prints what it is given where its own output goes. Without a default handler, the thread's
 * group prints it, as the JVM would.
 *
 * <p>Source: JDK API, {@code Thread.getDefaultUncaughtExceptionHandler} (a
 * {@code RuntimePermission("setDefaultUncaughtExceptionHandler")} guarded only its setter),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html#getDefaultUncaughtExceptionHandler()
 */
public final class DefaultHandlerCall {

    private DefaultHandlerCall() {
    }

    public static void main(String[] args) {
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        if (handler == null) {
            handler = Thread.currentThread().getThreadGroup();
        }
        handler.uncaughtException(Thread.currentThread(), new Error(args[0]));
        System.out.println("console-default-uncaught-handler: the default handler was given the marker");
    }
}
