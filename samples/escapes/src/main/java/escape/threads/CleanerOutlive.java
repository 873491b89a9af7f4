package escape.threads;

import java.io.FileOutputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;

/**
 * Registers a {@code Cleaner} action that writes FILE on an object that becomes unreachable when
 * main returns: the action runs on the JDK's cleaner thread, whenever the garbage collector gets to
 * it, after the guest has ended. A second thread ({@link Collector}) asks for collections meanwhile.
 *
 * <p>Source: JDK API, {@code java.lang.ref.Cleaner},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ref/Cleaner.html
 */
public final class CleanerOutlive {

    private static final Cleaner CLEANER = Cleaner.create();

    private CleanerOutlive() {
    }

    public static void main(String[] args) {
        String file = args[0];
        Object watched = new Object();
        CLEANER.register(watched, () -> {
            try (FileOutputStream out = new FileOutputStream(file)) {
                out.write("written by a cleaner action\n".getBytes(StandardCharsets.US_ASCII));
                System.out.println("outlive-cleaner: the cleaner action wrote " + file);
            } catch (Throwable t) {
                System.out.println("outlive-cleaner: " + t);
            }
        });
        Collector.collectAfter(Thread.currentThread(), file);
        System.out.println("outlive-cleaner: registered a cleaner action on " + watched + "; main returns");
    }
}
