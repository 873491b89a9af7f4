package escape.console;

/**
 * Logs MARKER at level ERROR through {@code System.getLogger}: the platform logger's default backend
 * ({@code java.util.logging}'s root console handler) prints it on the standard error the JDK holds.
 *
 * <p>Source: JEP 264, Platform Logging API and Service, https://openjdk.org/jeps/264
 */
public final class SystemLogger {

    private SystemLogger() {
    }

    public static void main(String[] args) {
        try {
            System.getLogger("escape").log(System.Logger.Level.ERROR, args[0]);
            System.out.println("console-system-logger: logged the marker at ERROR");
        } catch (Throwable t) {
            System.out.println("console-system-logger: " + t);
        }
    }
}
