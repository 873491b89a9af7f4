package escape.hypervisor;

/**
 * Calls jvisor's trap entry point {@code Traps.systemExit(int, Class)} itself, by reflection, naming
 * {@code java.lang.Object} (a JDK class, no guest's) as the caller: the handler must not take the
 * caller argument on trust. Without jvisor the program just exits.
 *
 * <p>Source: the confused-deputy problem, https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class ForgedCallerExit {

    private ForgedCallerExit() {
    }

    public static void main(String[] args) {
        try {
            Class<?> traps = Class.forName("io.jvisor.hooks.Traps");
            System.out.println("hypervisor-forged-caller-exit: Traps.systemExit(0, Object.class)");
            traps.getMethod("systemExit", int.class, Class.class).invoke(null, 0, Object.class);
            System.out.println("hypervisor-forged-caller-exit: the trap returned");
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-forged-caller-exit: no jvisor here (" + e.getMessage() + "); exiting plainly");
        } catch (Throwable t) {
            System.out.println("hypervisor-forged-caller-exit: " + t);
        }
        Permissive.exitEveryWay("hypervisor-forged-caller-exit");
    }
}
