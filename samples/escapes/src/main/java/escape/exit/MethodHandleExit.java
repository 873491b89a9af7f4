package escape.exit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Looks up {@code System.exit} with {@code MethodHandles.lookup().findStatic} and invokes the handle:
 * the call goes through a method handle, not an {@code invokestatic} instruction in guest code.
 *
 * <p>Source: JDK API, {@code MethodHandles.Lookup.findStatic},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.Lookup.html
 */
public final class MethodHandleExit {

    private MethodHandleExit() {
    }

    public static void main(String[] args) {
        try {
            MethodHandle exit = MethodHandles.lookup()
                    .findStatic(System.class, "exit", MethodType.methodType(void.class, int.class));
            System.out.println("exit-by-method-handle: invoking " + exit);
            exit.invokeExact(0);
            System.out.println("exit-by-method-handle: the handle returned?!");
        } catch (Throwable t) {
            System.out.println("exit-by-method-handle: " + t);
        }
    }
}
