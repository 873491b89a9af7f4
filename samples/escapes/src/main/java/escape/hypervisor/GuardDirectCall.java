package escape.hypervisor;

/**
 * Calls jvisor's callee-side guard {@code Guards.exitRequested(0, true)} directly, by reflection, as
 * if {@code Runtime.halt} had been entered: a guard meant to be reached only from inside the JDK,
 * called by a guest with arguments of its choosing. Without jvisor the program just exits.
 *
 * <p>Source: the confused-deputy problem, https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class GuardDirectCall {

    private GuardDirectCall() {
    }

    public static void main(String[] args) {
        try {
            Class<?> guards = Class.forName("io.jvisor.hooks.Guards");
            System.out.println("hypervisor-guard-call: Guards.exitRequested(0, true)");
            guards.getMethod("exitRequested", int.class, boolean.class).invoke(null, 0, true);
            System.out.println("hypervisor-guard-call: the guard returned");
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-guard-call: no jvisor here (" + e.getMessage() + "); exiting plainly");
        } catch (Throwable t) {
            System.out.println("hypervisor-guard-call: " + t);
        }
        Permissive.exitEveryWay("hypervisor-guard-call");
    }
}
