package escape.native_;

/**
 * Calls the C library's {@code exit(0)} through a downcall handle of the foreign function API: the
 * process ends in native code, where no Java exit guard runs.
 *
 * <p>Source: JEP 454, Foreign Function &amp; Memory API, https://openjdk.org/jeps/454
 */
public final class ForeignExit {

    private ForeignExit() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("native-ffm-exit: calling libc exit(0)");
            Libc.function("exit", null, "JAVA_INT").invokeWithArguments(0);
            System.out.println("native-ffm-exit: exit returned?!");
        } catch (Throwable t) {
            System.out.println("native-ffm-exit: " + t);
        }
    }
}
