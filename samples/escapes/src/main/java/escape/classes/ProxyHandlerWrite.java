package escape.classes;

import java.io.FileOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Makes a {@code java.lang.reflect.Proxy} for {@code Consumer} whose handler opens the file it is
 * given: the call path runs through a class the JDK generates at run time.
 *
 * <p>Source: JDK API, {@code java.lang.reflect.Proxy},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Proxy.html
 */
public final class ProxyHandlerWrite {

    private ProxyHandlerWrite() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        try {
            Consumer<String> write = (Consumer<String>) Proxy.newProxyInstance(ProxyHandlerWrite.class.getClassLoader(),
                    new Class<?>[] {Consumer.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("accept")) {
                            try (FileOutputStream out = FileOutputStream.class.getConstructor(String.class)
                                    .newInstance((String) arguments[0])) {
                                out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                            }
                        }
                        return null;
                    });
            write.accept(args[0]);
            System.out.println("class-proxy-handler: " + write.getClass().getName() + " wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("class-proxy-handler: " + t);
        }
    }
}
