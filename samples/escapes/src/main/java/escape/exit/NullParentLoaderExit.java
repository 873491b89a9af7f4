package escape.exit;

import java.io.InputStream;

/**
 * Defines the bytes of the class {@link ExitPayload} in a class loader of its own whose parent
 * is {@code null} (the bootstrap loader), then runs it. The class belongs to no loader the host
 * made, so a sandbox that tracks guests by their class loader loses it.
 *
 * <p>Source: JDK API, {@code ClassLoader.defineClass}; the same door as CVE-2012-0507 (a guest
 * ClassLoader subclass defining classes of its choosing), https://nvd.nist.gov/vuln/detail/CVE-2012-0507
 */
public final class NullParentLoaderExit {

    private NullParentLoaderExit() {
    }

    /** A loader whose parent is the bootstrap loader. */
    static final class Loader extends ClassLoader {
        Loader() {
            super(null);
        }

        Class<?> define(byte[] bytes) {
            return defineClass(null, bytes, 0, bytes.length);
        }
    }

    public static void main(String[] args) {
        try (InputStream in = NullParentLoaderExit.class.getResourceAsStream("ExitPayload.class")) {
            Class<?> payload = new Loader().define(in.readAllBytes());
            System.out.println("exit-in-null-parent-loader: running " + payload.getName() + " of " + payload.getClassLoader());
            payload.getMethod("run").invoke(null);
            System.out.println("exit-in-null-parent-loader: run returned?!");
        } catch (Throwable t) {
            System.out.println("exit-in-null-parent-loader: " + t);
        }
    }
}
