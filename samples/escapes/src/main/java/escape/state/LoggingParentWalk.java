package escape.state;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Walks up from an anonymous logger and from a child of the host's logger by {@code getParent()}
 * to the loggers above, and silences each: an anonymous logger's parent is the JVM's root logger,
 * a named logger's the nearest existing one above it.
 *
 * <p>Source: JDK API, {@code java.util.logging.Logger.getAnonymousLogger}: "it is configured to
 * have the root logger ("") as its parent",
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.logging/java/util/logging/Logger.html#getAnonymousLogger()
 */
public final class LoggingParentWalk {

    private LoggingParentWalk() {
    }

    public static void main(String[] args) {
        for (Logger start : new Logger[] {Logger.getAnonymousLogger(), Logger.getLogger("jvisor.escapes.host.child")}) {
            for (Logger above = start.getParent(); above != null; above = above.getParent()) {
                try {
                    above.setLevel(Level.OFF);
                    above.addHandler(new ConsoleHandler());
                    System.out.println("state-logging-parent-walk: changed logger '" + above.getName() + "'");
                } catch (Throwable t) {
                    System.out.println("state-logging-parent-walk: " + above.getName() + ": " + t);
                }
            }
        }
    }
}
