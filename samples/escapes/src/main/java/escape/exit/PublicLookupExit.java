package escape.exit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds {@code Runtime.exit} with {@code MethodHandles.publicLookup()} and calls it with
 * {@code invokeWithArguments}, which goes through the JDK's generic invokers (spun classes), not
 * an {@code invokeExact} call site in guest code.
 *
 * <p>Source: JDK API, {@code MethodHandles.publicLookup} and {@code MethodHandle.invokeWithArguments},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandle.html#invokeWithArguments(java.lang.Object...)
 */
public final class PublicLookupExit {

    private PublicLookupExit() {
    }

    public static void main(String[] args) {
        try {
            MethodHandle exit = MethodHandles.publicLookup()
                    .findVirtual(Runtime.class, "exit", MethodType.methodType(void.class, int.class));
            System.out.println("exit-by-public-lookup: invokeWithArguments(runtime, 0) on " + exit);
            exit.invokeWithArguments(Runtime.getRuntime(), 0);
            System.out.println("exit-by-public-lookup: the handle returned?!");
        } catch (Throwable t) {
            System.out.println("exit-by-public-lookup: " + t);
        }
    }
}
