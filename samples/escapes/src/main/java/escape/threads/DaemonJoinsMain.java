package escape.threads;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Starts a daemon thread that joins the main thread and, once main has returned, writes FILE: code
 * of the guest that acts after the guest is over. Natively the JVM may end before the daemon's
 * turn (daemons do not keep it alive), so the thread asks for no more than a moment.
 *
 * <p>Source: JDK API, {@code Thread.setDaemon} and {@code Thread.join},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html#setDaemon(boolean)
 */
public final class DaemonJoinsMain {

    private DaemonJoinsMain() {
    }

    public static void main(String[] args) {
        Thread main = Thread.currentThread();
        Thread daemon = new Thread(() -> {
            try {
                main.join();
                try (FileOutputStream out = new FileOutputStream(args[0])) {
                    out.write("written after main returned\n".getBytes(StandardCharsets.US_ASCII));
                }
                System.out.println("outlive-daemon-joins-main: wrote " + args[0] + " after main returned");
            } catch (Throwable t) {
                System.out.println("outlive-daemon-joins-main: " + t);
            }
        }, "outliving-daemon");
        daemon.setDaemon(true);
        daemon.start();
        System.out.println("outlive-daemon-joins-main: started a daemon that acts after main; main returns");
    }
}
