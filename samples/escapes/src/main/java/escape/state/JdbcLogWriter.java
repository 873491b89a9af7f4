package escape.state;

import java.io.PrintWriter;
import java.io.Writer;
import java.sql.DriverManager;

/**
 * Sets the JVM-wide log writer of JDBC's {@code DriverManager}: the host's drivers would then log
 * (connection URLs included) to a writer of the guest's.
 *
 * <p>Source: JDK API, {@code DriverManager.setLogWriter},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.sql/java/sql/DriverManager.html#setLogWriter(java.io.PrintWriter)
 */
public final class JdbcLogWriter {

    private JdbcLogWriter() {
    }

    public static void main(String[] args) {
        try {
            DriverManager.setLogWriter(new PrintWriter(Writer.nullWriter()));
        } catch (Throwable t) {
            System.out.println("state-jdbc-log-writer: " + t);
        }
        System.out.println("state-jdbc-log-writer: the DriverManager log writer is now " + DriverManager.getLogWriter());
    }
}
