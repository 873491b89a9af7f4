package escape.hypervisor;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;

/**
 * A trap handler, made as a {@code java.lang.reflect.Proxy} of whatever interface is named, that
 * allows everything: each method returns {@code null}, {@code false} or zero, so an exit guard that
 * asks it lets the exit through. Not a technique itself; the hypervisor techniques use it.
 */
final class Permissive {

    private Permissive() {
    }

    static Object handler(Class<?> type) {
        return Proxy.newProxyInstance(Permissive.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Class<?> r = method.getReturnType();
            if (method.getName().equals("toString")) {
                return "a permissive handler";
            }
            if (!r.isPrimitive() || r == void.class) {
                return null;
            }
            return Array.get(Array.newInstance(r, 1), 0);
        });
    }

    /** After the hypervisor was worked on: exit plainly, then by reflection (past call-site traps, into the guards). */
    static void exitEveryWay(String id) {
        try {
            System.exit(0);
        } catch (Throwable t) {
            System.out.println(id + ": System.exit: " + t);
        }
        try {
            Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 0);
        } catch (Throwable t) {
            System.out.println(id + ": Runtime.halt by reflection: " + t);
        }
        System.out.println(id + ": still running");
    }
}
