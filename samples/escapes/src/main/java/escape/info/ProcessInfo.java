package escape.info;

/**
 * Reads the JVM's own command line, executable, arguments and user ({@code ProcessHandle.current().info()}):
 * the host's class path, options and paths, as {@code ps} would show them.
 *
 * <p>Source: Java SE Core Libraries, "Controlling Access to Sensitive Process Information" (process
 * information holds user IDs, paths and arguments; the SecurityManager asked for
 * {@code RuntimePermission("manageProcess")}), https://docs.oracle.com/en/java/javase/25/core/sensitive-process-information.html;
 * MITRE ATT&amp;CK T1057, Process Discovery, https://attack.mitre.org/techniques/T1057/
 */
public final class ProcessInfo {

    private ProcessInfo() {
    }

    public static void main(String[] args) {
        try {
            ProcessHandle.Info info = ProcessHandle.current().info();
            System.out.println("info-process-handle: command line " + info.commandLine().orElse("?"));
            System.out.println("info-process-handle: command " + info.command().orElse("?") + ", arguments "
                    + info.arguments().map(a -> String.join(" ", a)).orElse("?") + ", user " + info.user().orElse("?"));
        } catch (Throwable t) {
            System.out.println("info-process-handle: " + t);
        }
    }
}
