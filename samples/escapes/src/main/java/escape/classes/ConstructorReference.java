package escape.classes;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Opens FILE through the constructor reference {@code FileOutputStream::new}. javac compiles it to
 * an {@code invokedynamic} whose implementation is the constructor itself, so the {@code new
 * FileOutputStream} instruction lives in the hidden class {@code LambdaMetafactory} spins at run
 * time, never in guest bytecode.
 *
 * <p>Source: JDK API, {@code LambdaMetafactory},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/LambdaMetafactory.html
 */
public final class ConstructorReference {

    private ConstructorReference() {
    }

    /** A function that may throw what the constructor throws. */
    interface Opener {
        FileOutputStream open(String name) throws IOException;
    }

    public static void main(String[] args) {
        Opener opener = FileOutputStream::new;
        try (FileOutputStream out = opener.open(args[0])) {
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println("class-constructor-reference: " + opener.getClass().getName() + " opened " + args[0]);
        } catch (Throwable t) {
            System.out.println("class-constructor-reference: " + t);
        }
    }
}
