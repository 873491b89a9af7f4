package escape.exit;

import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * Makes a {@code java.lang.reflect.Proxy} for {@code IntConsumer} whose {@code InvocationHandler}
 * calls {@code Runtime.exit} by reflection: the call reaches the JDK from a proxy class the JDK
 * generated at run time, through reflection.
 *
 * <p>Source: JDK API, {@code java.lang.reflect.Proxy},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Proxy.html
 */
public final class ProxyHandlerExit {

    private ProxyHandlerExit() {
    }

    public static void main(String[] args) {
        try {
            IntConsumer exit = (IntConsumer) Proxy.newProxyInstance(ProxyHandlerExit.class.getClassLoader(),
                    new Class<?>[] {IntConsumer.class},
                    (proxy, method, arguments) -> Runtime.class.getMethod("exit", int.class)
                            .invoke(Runtime.getRuntime(), arguments[0]));
            System.out.println("exit-through-proxy-handler: calling accept(0) on " + exit.getClass().getName());
            exit.accept(0);
            System.out.println("exit-through-proxy-handler: accept returned?!");
        } catch (Throwable t) {
            System.out.println("exit-through-proxy-handler: " + t);
        }
    }
}
