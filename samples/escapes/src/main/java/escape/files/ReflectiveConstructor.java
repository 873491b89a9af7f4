package escape.files;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Creates the {@code FileOutputStream} for FILE with {@code Constructor.newInstance}: no
 * {@code new FileOutputStream} instruction in guest code for a call-site rewriter to find.
 *
 * <p>Source: JDK API, {@code Constructor.newInstance},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Constructor.html#newInstance(java.lang.Object...)
 */
public final class ReflectiveConstructor {

    private ReflectiveConstructor() {
    }

    public static void main(String[] args) {
        try (FileOutputStream out = FileOutputStream.class.getConstructor(String.class).newInstance(args[0])) {
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("file-constructor-reflection: wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("file-constructor-reflection: " + t);
        }
    }
}
