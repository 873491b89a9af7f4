package escape.process;

import java.io.File;

/**
 * Starts a harmless {@code echo} with its standard output redirected to FILE: the JDK itself opens
 * FILE (for the child), so even a child the policy lets run creates a host file the guest named.
 *
 * <p>Source: JDK API, {@code ProcessBuilder.redirectOutput(File)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ProcessBuilder.html#redirectOutput(java.io.File)
 */
public final class RedirectOutput {

    private RedirectOutput() {
    }

    public static void main(String[] args) {
        try {
            Process p = new ProcessBuilder("echo", "escaped").redirectOutput(new File(args[0])).start();
            System.out.println("process-redirect-output: echo ended with " + p.waitFor());
        } catch (Throwable t) {
            System.out.println("process-redirect-output: " + t);
        }
    }
}
