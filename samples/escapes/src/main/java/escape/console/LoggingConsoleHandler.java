package escape.console;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Publishes MARKER with a {@code java.util.logging.ConsoleHandler}, which JDK code points at
 * {@code System.err} as the JDK sees it: the host's stream, unless the sandbox reaches into JDK code.
 *
 * <p>Source: JDK API, {@code java.util.logging.ConsoleHandler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.logging/java/util/logging/ConsoleHandler.html
 */
public final class LoggingConsoleHandler {

    private LoggingConsoleHandler() {
    }

    public static void main(String[] args) {
        try {
            ConsoleHandler handler = new ConsoleHandler();
            handler.publish(new LogRecord(Level.SEVERE, args[0]));
            handler.flush();
            System.out.println("console-logging-console-handler: published the marker to a ConsoleHandler");
        } catch (Throwable t) {
            System.out.println("console-logging-console-handler: " + t);
        }
    }
}
