package escape.exit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Looks up the instance method {@code Runtime.halt} with {@code findVirtual} and invokes it on the
 * runtime: a halt (no shutdown hooks) through a method handle.
 *
 * <p>Source: JDK API, {@code MethodHandles.Lookup.findVirtual},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.Lookup.html
 */
public final class MethodHandleHalt {

    private MethodHandleHalt() {
    }

    public static void main(String[] args) {
        try {
            MethodHandle halt = MethodHandles.lookup()
                    .findVirtual(Runtime.class, "halt", MethodType.methodType(void.class, int.class));
            System.out.println("halt-by-method-handle: invoking " + halt);
            halt.invokeExact(Runtime.getRuntime(), 0);
            System.out.println("halt-by-method-handle: the handle returned?!");
        } catch (Throwable t) {
            System.out.println("halt-by-method-handle: " + t);
        }
    }
}
