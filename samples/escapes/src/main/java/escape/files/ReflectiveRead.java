package escape.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads FILE with {@code Files.readAllLines} called through {@code Method.invoke}: no call of a file
 * method in guest bytecode.
 *
 * <p>Source: JDK API, {@code Method.invoke},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/reflect/Method.html#invoke(java.lang.Object,java.lang.Object...)
 */
public final class ReflectiveRead {

    private ReflectiveRead() {
    }

    public static void main(String[] args) {
        try {
            Object lines = Files.class.getMethod("readAllLines", Path.class).invoke(null, Path.of(args[0]));
            System.out.println("read-by-reflection: read " + lines);
        } catch (Throwable t) {
            System.out.println("read-by-reflection: " + t);
        }
    }
}
