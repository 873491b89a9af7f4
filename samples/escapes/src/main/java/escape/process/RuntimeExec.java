package escape.process;

/**
 * Runs {@code sh -c 'echo escaped > "$1"' sh FILE} with {@code Runtime.exec}: a child process is
 * outside the JVM, and whatever it does the JVM's sandbox cannot see.
 *
 * <p>Source: JDK API, {@code Runtime.exec(String[])},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Runtime.html#exec(java.lang.String%5B%5D)
 */
public final class RuntimeExec {

    private RuntimeExec() {
    }

    public static void main(String[] args) {
        try {
            Process p = Runtime.getRuntime().exec(new String[] {"sh", "-c", "echo escaped > \"$1\"", "sh", args[0]});
            System.out.println("process-runtime-exec: sh ended with " + p.waitFor());
        } catch (Throwable t) {
            System.out.println("process-runtime-exec: " + t);
        }
    }
}
