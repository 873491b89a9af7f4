package escape.native_;

/**
 * Calls the C library's {@code system("echo escaped > FILE")} through the foreign function API: a
 * shell started from native code, so neither the process API nor the file API is ever touched.
 *
 * <p>Source: JEP 454, Foreign Function &amp; Memory API, https://openjdk.org/jeps/454
 */
public final class ForeignSystem {

    private ForeignSystem() {
    }

    public static void main(String[] args) {
        String command = "echo escaped > '" + args[0].replace("'", "'\\''") + "'";
        try {
            Object status = Libc.function("system", "JAVA_INT", "ADDRESS").invokeWithArguments(Libc.cString(command));
            System.out.println("native-ffm-system: system() returned " + status);
        } catch (Throwable t) {
            System.out.println("native-ffm-system: " + t);
        }
    }
}
