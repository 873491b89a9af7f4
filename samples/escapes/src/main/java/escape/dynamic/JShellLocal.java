package escape.dynamic;

import jdk.jshell.JShell;

/**
 * Evaluates the snippet {@code System.exit(0);} with JShell's {@code local} execution engine, which
 * runs snippets in this very JVM (the default engine would start a separate one).
 *
 * <p>Source: JEP 222, jshell: The Java Shell, https://openjdk.org/jeps/222; JDK API,
 * {@code JShell.Builder.executionEngine},
 * https://docs.oracle.com/en/java/javase/17/docs/api/jdk.jshell/jdk/jshell/JShell.Builder.html#executionEngine(java.lang.String)
 */
public final class JShellLocal {

    private JShellLocal() {
    }

    public static void main(String[] args) {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            System.out.println("dynamic-jshell-local: evaluating System.exit(0); in a local JShell");
            shell.eval("System.exit(0);").forEach(event -> System.out.println("dynamic-jshell-local: " + event));
            System.out.println("dynamic-jshell-local: eval returned?!");
        } catch (Throwable t) {
            System.out.println("dynamic-jshell-local: " + t);
        }
    }
}
