package escape.exit;

/**
 * Raises {@code SIGTERM} on its own process with {@code sun.misc.Signal.raise} (still exported by
 * module {@code jdk.unsupported}): the JVM's own signal handler then starts the shutdown, on a JDK
 * thread, with no call of {@code exit} or {@code halt} anywhere in guest code.
 *
 * <p>Source: JEP 260, Encapsulate Most Internal APIs ({@code sun.misc.Signal} stays accessible),
 * https://openjdk.org/jeps/260
 */
public final class SignalRaiseExit {

    private SignalRaiseExit() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Object term = signal.getConstructor(String.class).newInstance("TERM");
            System.out.println("exit-by-signal-raise: raising SIGTERM on the JVM's own process");
            signal.getMethod("raise", signal).invoke(null, term);
        } catch (Throwable t) {
            System.out.println("exit-by-signal-raise: " + t);
        }
        Thread.sleep(3000);
        System.out.println("exit-by-signal-raise: still running 3 s after the signal");
    }
}
