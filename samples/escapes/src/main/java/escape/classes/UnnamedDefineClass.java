package escape.classes;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Defines a class without naming it ({@code defineClass(null, ...)}, as XSLTC defines its
 * translets), which the JVM reads the name of from the bytes: a transformer is told no name for
 * it. The class reads the JVM's system properties, which only its trap keeps from it.
 *
 * <p>Source: JDK API, {@code ClassLoader.defineClass(String, byte[], int, int)}: "name - the expected
 * binary name of the class, or null if not known"; {@code ClassFileTransformer.transform}'s class
 * name is then {@code null}, https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ClassLoader.html#defineClass(java.lang.String,byte%5B%5D,int,int)
 */
public final class UnnamedDefineClass {

    private UnnamedDefineClass() {
    }

    /** What the unnamed class does: the JVM's properties, as the class reads them. */
    public static final class PropertiesPayload implements Supplier<String> {
        @Override
        public String get() {
            return System.getProperties().toString();
        }
    }

    public static void main(String[] args) {
        try (InputStream in = UnnamedDefineClass.class.getResourceAsStream("UnnamedDefineClass$PropertiesPayload.class")) {
            Class<?> payload = new LoaderDefineClass.Loader(UnnamedDefineClass.class.getClassLoader()).define(in.readAllBytes());
            System.out.println("class-unnamed-define-class: " + ((Supplier<?>) payload.getConstructor().newInstance()).get());
        } catch (Throwable t) {
            System.out.println("class-unnamed-define-class: " + t);
        }
    }
}
