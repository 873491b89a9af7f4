package escape.threads;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Leaves behind an object whose {@code finalize} writes FILE: the JVM's finalizer thread runs it
 * after the object became garbage, after the guest's main returned. Finalization is deprecated for
 * removal but still on by default. A second thread ({@link Collector})
 * asks for collections meanwhile.
 *
 * <p>Source: JEP 421, Deprecate Finalization for Removal, https://openjdk.org/jeps/421
 */
public final class FinalizerOutlive {

    private final String file;

    private FinalizerOutlive(String file) {
        this.file = file;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write("written by a finalizer\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("outlive-finalizer: the finalizer wrote " + file);
        } catch (Throwable t) {
            System.out.println("outlive-finalizer: " + t);
        }
    }

    public static void main(String[] args) {
        String file = args[0];
        Object garbage = new FinalizerOutlive(file);
        Collector.collectAfter(Thread.currentThread(), file);
        System.out.println("outlive-finalizer: left " + garbage.getClass().getSimpleName() + " behind; main returns");
    }
}
