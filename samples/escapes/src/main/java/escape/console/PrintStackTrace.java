package escape.console;

/**
 * Prints a {@code Throwable} whose message is MARKER with {@code printStackTrace()}: JDK code that
 * writes to {@code System.err} as the JDK sees it.
 *
 * <p>Source: JDK API, {@code Throwable.printStackTrace()},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Throwable.html#printStackTrace()
 */
public final class PrintStackTrace {

    private PrintStackTrace() {
    }

    public static void main(String[] args) {
        try {
            new Throwable(args[0]).printStackTrace();
            System.out.println("console-print-stack-trace: printed a stack trace carrying the marker");
        } catch (Throwable t) {
            System.out.println("console-print-stack-trace: " + t);
        }
    }
}
