package escape.state;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the host's logger by its name, and the global logger, and changes them: silences them,
 * takes their records with a handler of its own, cuts them off their parents' handlers. The log
 * manager is one per JVM, so a logger's name is every program's.
 *
 * <p>Source: JDK API, {@code java.util.logging.Logger.getLogger}: "If a new logger is created ...
 * otherwise the existing logger is returned",
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.logging/java/util/logging/Logger.html#getLogger(java.lang.String)
 */
public final class LoggingNamedLogger {

    private LoggingNamedLogger() {
    }

    public static void main(String[] args) {
        for (Logger logger : new Logger[] {Logger.getLogger("jvisor.escapes.host"), Logger.getGlobal()}) {
            try {
                logger.setLevel(Level.OFF);
                logger.addHandler(new ConsoleHandler());
                logger.setUseParentHandlers(false);
                logger.setFilter(record -> false);
                System.out.println("state-logging-named-logger: changed logger '" + logger.getName() + "'");
            } catch (Throwable t) {
                System.out.println("state-logging-named-logger: " + t);
            }
        }
    }
}
