package escape.classes;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;

/**
 * Defines the bytes of the class {@link Payload} (which writes FILE) with
 * {@code MethodHandles.Lookup.defineClass} into its own loader and package, before anything loaded
 * it the ordinary way: a class that never came from the class path.
 *
 * <p>Source: JDK API, {@code MethodHandles.Lookup.defineClass},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.Lookup.html#defineClass(byte%5B%5D)
 */
public final class LookupDefineClass {

    private LookupDefineClass() {
    }

    public static void main(String[] args) {
        try (InputStream in = LookupDefineClass.class.getResourceAsStream("Payload.class")) {
            Class<?> payload = MethodHandles.lookup().defineClass(in.readAllBytes());
            payload.getMethod("run", String.class).invoke(null, args[0]);
            System.out.println("class-lookup-define-class: " + payload + " wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("class-lookup-define-class: " + t);
        }
    }
}
