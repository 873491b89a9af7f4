package escape.exit;

import java.lang.reflect.Method;

/**
 * Calls {@code System.exit} through {@code Method.invoke}: the guest's bytecode holds no call of
 * {@code System.exit}, only a name in a string, so rewriting call sites cannot see it; only a guard
 * inside {@code Runtime.exit} can.
 *
 * <p>Source: JDK API, {@code Method.invoke},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Method.html#invoke(java.lang.Object,java.lang.Object...)
 */
public final class ReflectionExit {

    private ReflectionExit() {
    }

    public static void main(String[] args) {
        try {
            Method exit = System.class.getMethod("exit", int.class);
            System.out.println("exit-by-reflection: Method.invoke(System.exit, 0)");
            exit.invoke(null, 0);
            System.out.println("exit-by-reflection: Method.invoke(System.exit) returned?!");
        } catch (Throwable t) {
            System.out.println("exit-by-reflection: " + t);
        }
    }
}
