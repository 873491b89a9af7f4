package escape.classes;

import java.io.InputStream;

/**
 * Defines the bytes of the class {@link Payload} (which writes FILE) with a
 * {@code ClassLoader} subclass of its own: classes the guest defines itself, from bytes it holds, not
 * classes loaded by the sandbox's loader.
 *
 * <p>Source: JDK API, {@code ClassLoader.defineClass}; the same door as CVE-2012-0507 (a guest
 * ClassLoader subclass defining classes of its choosing), https://nvd.nist.gov/vuln/detail/CVE-2012-0507
 */
public final class LoaderDefineClass {

    private LoaderDefineClass() {
    }

    /** The guest's own loader. */
    static final class Loader extends ClassLoader {
        Loader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(byte[] bytes) {
            return defineClass(null, bytes, 0, bytes.length);
        }
    }

    public static void main(String[] args) {
        try (InputStream in = LoaderDefineClass.class.getResourceAsStream("Payload.class")) {
            Class<?> payload = new Loader(LoaderDefineClass.class.getClassLoader()).define(in.readAllBytes());
            payload.getMethod("run", String.class).invoke(null, args[0]);
            System.out.println("class-loader-define-class: " + payload + " of " + payload.getClassLoader() + " wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("class-loader-define-class: " + t);
        }
    }
}
