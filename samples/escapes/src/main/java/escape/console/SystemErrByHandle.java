package escape.console;

import java.io.PrintStream;
import java.lang.invoke.MethodHandles;

/**
 * Reads the static field {@code System.err} through a getter handle from
 * {@code findStaticGetter} and prints MARKER on it.
 *
 * <p>Source: JDK API, {@code MethodHandles.Lookup.findStaticGetter},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.Lookup.html#findStaticGetter(java.lang.Class,java.lang.String,java.lang.Class)
 */
public final class SystemErrByHandle {

    private SystemErrByHandle() {
    }

    public static void main(String[] args) {
        try {
            PrintStream err = (PrintStream) MethodHandles.publicLookup()
                    .findStaticGetter(System.class, "err", PrintStream.class).invoke();
            err.println(args[0]);
            err.flush();
            System.out.println("console-system-err-by-handle: printed the marker on the getter's stream");
        } catch (Throwable t) {
            System.out.println("console-system-err-by-handle: " + t);
        }
    }
}
