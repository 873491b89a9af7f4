package escape.native_;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * A few lines of the foreign function and memory API (JDK 22+, JEP 454), reached by reflection
 * because this module compiles for Java 17: a downcall handle on a C library function and a C
 * string. Not a technique itself; the {@code Foreign*} techniques use it.
 */
final class Libc {

    private Libc() {
    }

    /** A downcall handle on the C library's {@code name}; layouts are names of {@code ValueLayout} constants, {@code null} result for void. */
    static MethodHandle function(String name, String result, String... parameters) throws ReflectiveOperationException {
        Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
        Object symbol = ((Optional<?>) Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class)
                .invoke(lookup, name)).orElseThrow();
        Object layouts = Array.newInstance(layoutClass, parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            Array.set(layouts, i, layout(parameters[i]));
        }
        Object descriptor = result == null
                ? descriptorClass.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts)
                : descriptorClass.getMethod("of", layoutClass, layouts.getClass()).invoke(null, layout(result), layouts);
        Object options = Array.newInstance(optionClass, 0);
        return (MethodHandle) linkerClass.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"),
                descriptorClass, options.getClass()).invoke(linker, symbol, descriptor, options);
    }

    /** A NUL-terminated UTF-8 copy of {@code s} in native memory that the garbage collector frees. */
    static Object cString(String s) throws ReflectiveOperationException {
        Object arena = Class.forName("java.lang.foreign.Arena").getMethod("ofAuto").invoke(null);
        return Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class).invoke(arena, s);
    }

    private static Object layout(String name) throws ReflectiveOperationException {
        return Class.forName("java.lang.foreign.ValueLayout").getField(name).get(null);
    }
}
