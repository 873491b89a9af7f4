package escape.files;

import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Lets {@code java.util.logging.FileHandler} create FILE: the guest only names the file, and JDK
 * code opens it (with a lock file beside it), so only a guard on the JDK's own file opening sees it.
 *
 * <p>Source: JDK API, {@code java.util.logging.FileHandler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.logging/java/util/logging/FileHandler.html
 */
public final class LoggingFileHandler {

    private LoggingFileHandler() {
    }

    public static void main(String[] args) {
        try {
            FileHandler handler = new FileHandler(args[0]);
            handler.publish(new LogRecord(Level.SEVERE, "escaped"));
            handler.close();
            System.out.println("file-logging-file-handler: a FileHandler wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("file-logging-file-handler: " + t);
        }
    }
}
