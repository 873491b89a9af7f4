package escape.exit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Registers a shutdown hook that writes the host file FILE: the hook runs after the guest's main
 * returned, when the JVM (or the guest) shuts down, so a sandbox that stops watching a guest once
 * it has ended lets the write through.
 *
 * <p>Source: JDK API, {@code Runtime.addShutdownHook},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Runtime.html#addShutdownHook(java.lang.Thread)
 */
public final class ShutdownHookOutlive {

    private ShutdownHookOutlive() {
    }

    public static void main(String[] args) {
        String file = args[0];
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (FileOutputStream out = new FileOutputStream(file)) {
                    out.write("written by a shutdown hook\n".getBytes(StandardCharsets.US_ASCII));
                    System.out.println("outlive-shutdown-hook: the hook wrote " + file);
                } catch (IOException | RuntimeException e) {
                    System.out.println("outlive-shutdown-hook: the hook failed: " + e);
                }
            }, "outliving-hook"));
            System.out.println("outlive-shutdown-hook: registered a hook that writes " + file + "; main returns");
        } catch (Throwable t) {
            System.out.println("outlive-shutdown-hook: " + t);
        }
    }
}
