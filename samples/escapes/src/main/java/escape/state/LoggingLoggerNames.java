package escape.state;

import java.util.Collections;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Lists every logger of the JVM by {@code LogManager.getLoggerNames()} and silences each, adding a
 * handler of its own that receives what the host logs there.
 *
 * <p>Source: JDK API, {@code java.util.logging.LogManager.getLoggerNames}, "the list of known
 * logger names",
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.logging/java/util/logging/LogManager.html#getLoggerNames()
 */
public final class LoggingLoggerNames {

    private LoggingLoggerNames() {
    }

    public static void main(String[] args) {
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            try {
                if (logger != null) {
                    logger.setLevel(Level.OFF);
                    logger.addHandler(new ConsoleHandler());
                    System.out.println("state-logging-logger-names: changed logger '" + name + "'");
                }
            } catch (Throwable t) {
                System.out.println("state-logging-logger-names: " + name + ": " + t);
            }
        }
    }
}
