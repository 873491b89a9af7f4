package escape.exit;

/**
 * Calls {@code Runtime.halt(0)}, which ends the JVM at once without running shutdown hooks: a
 * sandbox that only watches {@code System.exit} misses it.
 *
 * <p>Source: JDK API, {@code Runtime.halt},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Runtime.html#halt(int)
 */
public final class RuntimeHalt {

    private RuntimeHalt() {
    }

    public static void main(String[] args) {
        System.out.println("exit-runtime-halt: calling Runtime.getRuntime().halt(0)");
        try {
            Runtime.getRuntime().halt(0);
            System.out.println("exit-runtime-halt: halt returned?!");
        } catch (Throwable t) {
            System.out.println("exit-runtime-halt: " + t);
        }
    }
}
