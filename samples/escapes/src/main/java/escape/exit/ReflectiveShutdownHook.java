package escape.exit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Registers, by reflection, a shutdown hook that writes the host file FILE: no
 * {@code addShutdownHook} call site in guest code, and the hook runs after the guest has ended.
 *
 * <p>Source: JDK API, {@code Runtime.addShutdownHook} and {@code Method.invoke},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Runtime.html#addShutdownHook(java.lang.Thread)
 */
public final class ReflectiveShutdownHook {

    private ReflectiveShutdownHook() {
    }

    public static void main(String[] args) {
        String file = args[0];
        Thread hook = new Thread(() -> {
            try (FileOutputStream out = new FileOutputStream(file)) {
                out.write("written by a hook added by reflection\n".getBytes(StandardCharsets.US_ASCII));
                System.out.println("outlive-reflective-shutdown-hook: the hook wrote " + file);
            } catch (IOException | RuntimeException e) {
                System.out.println("outlive-reflective-shutdown-hook: the hook failed: " + e);
            }
        }, "outliving-hook");
        try {
            Runtime.class.getMethod("addShutdownHook", Thread.class).invoke(Runtime.getRuntime(), hook);
            System.out.println("outlive-reflective-shutdown-hook: registered the hook by reflection; main returns");
        } catch (Throwable t) {
            System.out.println("outlive-reflective-shutdown-hook: " + t);
        }
    }
}
