package escape.exit;

import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * Wraps a handle on {@code System.exit} into an {@code IntConsumer} with
 * {@code MethodHandleProxies.asInterfaceInstance}: the JDK makes the implementing class, and the
 * guest only calls an interface method.
 *
 * <p>Source: JDK API, {@code MethodHandleProxies},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandleProxies.html
 */
public final class MethodHandleProxyExit {

    private MethodHandleProxyExit() {
    }

    public static void main(String[] args) {
        try {
            IntConsumer exit = MethodHandleProxies.asInterfaceInstance(IntConsumer.class, MethodHandles.publicLookup()
                    .findStatic(System.class, "exit", MethodType.methodType(void.class, int.class)));
            System.out.println("exit-by-method-handle-proxy: calling accept(0) on " + exit.getClass().getName());
            exit.accept(0);
            System.out.println("exit-by-method-handle-proxy: accept returned?!");
        } catch (Throwable t) {
            System.out.println("exit-by-method-handle-proxy: " + t);
        }
    }
}
