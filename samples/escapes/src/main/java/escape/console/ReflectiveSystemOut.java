package escape.console;

import java.io.PrintStream;

/**
 * Reads the static field {@code System.out} by reflection ({@code Field.get}), not by a
 * {@code getstatic} instruction that a rewriter could redirect, and prints MARKER on the stream found.
 *
 * <p>Source: JDK API, {@code Field.get},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Field.html#get(java.lang.Object)
 */
public final class ReflectiveSystemOut {

    private ReflectiveSystemOut() {
    }

    public static void main(String[] args) {
        try {
            PrintStream out = (PrintStream) System.class.getField("out").get(null);
            out.println(args[0]);
            out.flush();
            System.out.println("console-reflective-system-out: printed the marker on the field's stream");
        } catch (Throwable t) {
            System.out.println("console-reflective-system-out: " + t);
        }
    }
}
