package escape.classes;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Defines the bytes of the class {@link Payload} (which writes FILE) as a hidden class and
 * calls it through a method handle: hidden classes are never offered to class-file transformers.
 *
 * <p>Source: JEP 371, Hidden Classes, https://openjdk.org/jeps/371
 */
public final class HiddenClassWrite {

    private HiddenClassWrite() {
    }

    public static void main(String[] args) {
        try (InputStream in = HiddenClassWrite.class.getResourceAsStream("Payload.class")) {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(in.readAllBytes(), true);
            hidden.findStatic(hidden.lookupClass(), "run", MethodType.methodType(void.class, String.class)).invoke(args[0]);
            System.out.println("class-hidden-class: " + hidden.lookupClass().getName() + " wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("class-hidden-class: " + t);
        }
    }
}
