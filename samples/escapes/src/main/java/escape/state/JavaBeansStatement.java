package escape.state;

import java.beans.Statement;

/**
 * Has {@code java.beans.Statement} set the system property {@code java.io.tmpdir}: the guest's
 * code calls no privileged method, the JDK's own code calls {@code System.setProperty} by
 * reflection, so only a guard on reflection itself sees it.
 *
 * <p>Source: JDK API, {@code java.beans.Statement.execute}, which calls the method it names by
 * reflection, https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/beans/Statement.html
 */
public final class JavaBeansStatement {

    private JavaBeansStatement() {
    }

    public static void main(String[] args) {
        try {
            new Statement(System.class, "setProperty", new Object[] {"java.io.tmpdir", "/escaped-tmpdir"}).execute();
            System.out.println("state-java-beans-statement: executed");
        } catch (Throwable t) {
            System.out.println("state-java-beans-statement: " + t);
        }
    }
}
