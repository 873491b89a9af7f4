package escape.hypervisor;

/**
 * Calls jvisor's trap entry point {@code Traps.runtimeHalt(Runtime, int, Class)} by reflection,
 * naming {@code java.lang.Runtime} as the caller, as if the JDK itself asked to halt. Without jvisor
 * the program just exits.
 *
 * <p>Source: the confused-deputy problem, https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class ForgedCallerHalt {

    private ForgedCallerHalt() {
    }

    public static void main(String[] args) {
        try {
            Class<?> traps = Class.forName("io.jvisor.hooks.Traps");
            System.out.println("hypervisor-forged-caller-halt: Traps.runtimeHalt(runtime, 0, Runtime.class)");
            traps.getMethod("runtimeHalt", Runtime.class, int.class, Class.class)
                    .invoke(null, Runtime.getRuntime(), 0, Runtime.class);
            System.out.println("hypervisor-forged-caller-halt: the trap returned");
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-forged-caller-halt: no jvisor here (" + e.getMessage() + "); exiting plainly");
        } catch (Throwable t) {
            System.out.println("hypervisor-forged-caller-halt: " + t);
        }
        Permissive.exitEveryWay("hypervisor-forged-caller-halt");
    }
}
