package escape.hypervisor;

/**
 * Calls jvisor's public {@code Traps.install} (found by name: {@code io.jvisor.hooks.Traps} sits on
 * the boot class path, visible to every guest) with a permissive handler of its own, then exits.
 * Without jvisor (a native run) the class is missing and the program just exits.
 *
 * <p>Source: the confused-deputy problem (a privileged component acting on a request it cannot
 * attribute), https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class InstallHandler {

    private InstallHandler() {
    }

    public static void main(String[] args) {
        try {
            Class<?> traps = Class.forName("io.jvisor.hooks.Traps");
            Class<?> type = Class.forName("io.jvisor.hooks.TrapHandler");
            traps.getMethod("install", type).invoke(null, Permissive.handler(type));
            System.out.println("hypervisor-install-handler: installed a permissive handler");
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-install-handler: no jvisor here (" + e.getMessage() + "); exiting plainly");
        } catch (Throwable t) {
            System.out.println("hypervisor-install-handler: " + t);
        }
        Permissive.exitEveryWay("hypervisor-install-handler");
    }
}
