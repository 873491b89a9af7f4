package escape.process;

/**
 * Runs {@code kill -9 PID} on the JVM's own process id: a child process ends the whole JVM from
 * outside, where no exit guard runs.
 *
 * <p>Source: JDK API, {@code ProcessHandle.current().pid()},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ProcessHandle.html#pid()
 */
public final class KillOwnJvm {

    private KillOwnJvm() {
    }

    public static void main(String[] args) {
        try {
            String pid = Long.toString(ProcessHandle.current().pid());
            System.out.println("process-kill-own-jvm: running kill -9 " + pid);
            Process p = new ProcessBuilder("kill", "-9", pid).start();
            System.out.println("process-kill-own-jvm: kill ended with " + p.waitFor());
            Thread.sleep(2000);
            System.out.println("process-kill-own-jvm: still running after the kill");
        } catch (Throwable t) {
            System.out.println("process-kill-own-jvm: " + t);
        }
    }
}
