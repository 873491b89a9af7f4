package escape.exit;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;

/**
 * Reads the bytes of the class {@link ExitPayload} from the jar and defines them again as a
 * hidden class with {@code Lookup.defineHiddenClass}, then runs it. A hidden class is never
 * offered to class-file transformers (JVMTI ClassFileLoadHook), so code rewritten at load time
 * does not reach it.
 *
 * <p>Source: JEP 371, Hidden Classes, https://openjdk.org/jeps/371
 */
public final class HiddenClassExit {

    private HiddenClassExit() {
    }

    public static void main(String[] args) {
        try (InputStream in = HiddenClassExit.class.getResourceAsStream("ExitPayload.class")) {
            byte[] bytes = in.readAllBytes();
            Class<?> hidden = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            System.out.println("exit-in-hidden-class: running " + hidden.getName() + ".run()");
            hidden.getMethod("run").invoke(null);
            System.out.println("exit-in-hidden-class: run returned?!");
        } catch (Throwable t) {
            System.out.println("exit-in-hidden-class: " + t);
        }
    }
}
