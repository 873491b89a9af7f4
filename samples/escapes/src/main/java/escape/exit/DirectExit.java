package escape.exit;

/**
 * Calls {@code System.exit(0)}: the plainest way for a program to end the JVM it shares with its host.
 * Since the Security Manager is gone (JEP 486) nothing in the JDK itself can refuse it.
 *
 * <p>Source: JDK API, {@code Runtime.exit}, and JEP 486, https://openjdk.org/jeps/486
 */
public final class DirectExit {

    private DirectExit() {
    }

    public static void main(String[] args) {
        System.out.println("exit-direct: calling System.exit(0)");
        try {
            System.exit(0);
            System.out.println("exit-direct: System.exit returned?!");
        } catch (Throwable t) {
            System.out.println("exit-direct: " + t);
        }
    }
}
