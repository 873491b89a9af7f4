package escape.state;

import java.lang.reflect.Method;

/**
 * Calls {@code Method.invoke} by reflection to call {@code System.setProperty}: the guest's own
 * call names only {@code Method.invoke}, and from JDK 18 reflection calls the caller-sensitive
 * {@code invoke} through a private form of its own, which the public one's guard never sees.
 *
 * <p>Source: JEP 416 (Reimplement Core Reflection with Method Handles), whose caller-sensitive
 * adapters a reflective call of {@code Method.invoke} takes, https://openjdk.org/jeps/416
 */
public final class ReflectedInvoke {

    private ReflectedInvoke() {
    }

    public static void main(String[] args) {
        try {
            Method invoke = Method.class.getMethod("invoke", Object.class, Object[].class);
            Method set = System.class.getMethod("setProperty", String.class, String.class);
            invoke.invoke(set, null, new Object[] {"java.io.tmpdir", "/escaped-tmpdir"});
            System.out.println("state-reflected-invoke: called");
        } catch (Throwable t) {
            System.out.println("state-reflected-invoke: " + t);
        }
    }
}
