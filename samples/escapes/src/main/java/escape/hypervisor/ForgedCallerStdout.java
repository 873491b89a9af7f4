package escape.hypervisor;

import java.io.PrintStream;

/**
 * Calls jvisor's trap entry point {@code Traps.stdout(Class)} by reflection with
 * {@code Object.class} as the caller, hoping for the host's standard output rather than the guest's
 * console, and prints MARKER on it. Without jvisor it prints MARKER on {@code System.out}, which is
 * then the real standard output.
 *
 * <p>Source: the confused-deputy problem, https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class ForgedCallerStdout {

    private ForgedCallerStdout() {
    }

    public static void main(String[] args) {
        try {
            PrintStream out;
            try {
                out = (PrintStream) Class.forName("io.jvisor.hooks.Traps").getMethod("stdout", Class.class)
                        .invoke(null, Object.class);
            } catch (ClassNotFoundException e) {
                System.out.println("hypervisor-forged-caller-stdout: no jvisor here; using System.out");
                out = System.out;
            }
            out.println(args[0]);
            out.flush();
            System.out.println("hypervisor-forged-caller-stdout: printed the marker on " + out);
        } catch (Throwable t) {
            System.out.println("hypervisor-forged-caller-stdout: " + t);
        }
    }
}
