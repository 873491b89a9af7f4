package escape.state;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets the level of {@code java.util.logging}'s root logger to {@code OFF}: the log manager is one
 * per JVM, so the host's logging goes silent.
 *
 * <p>Source: JDK API, {@code java.util.logging.LogManager},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.logging/java/util/logging/LogManager.html
 */
public final class LoggingRootLevel {

    private LoggingRootLevel() {
    }

    public static void main(String[] args) {
        try {
            Logger.getLogger("").setLevel(Level.OFF);
        } catch (Throwable t) {
            System.out.println("state-logging-root-level: " + t);
        }
        System.out.println("state-logging-root-level: the root logger's level is now " + Logger.getLogger("").getLevel());
    }
}
