package escape.exit;

import java.util.function.IntConsumer;

/**
 * Binds {@code System::exit} to an {@code IntConsumer}. javac compiles the reference to an
 * {@code invokedynamic} whose implementation is {@code System.exit} itself, so the call instruction
 * lives in a class that {@code LambdaMetafactory} spins at run time (a hidden class), not in the
 * guest's bytecode.
 *
 * <p>Source: JDK API, {@code LambdaMetafactory},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/LambdaMetafactory.html
 */
public final class MethodReferenceExit {

    private MethodReferenceExit() {
    }

    public static void main(String[] args) {
        try {
            IntConsumer exit = System::exit;
            System.out.println("exit-by-method-reference: calling accept(0) on " + exit.getClass().getName());
            exit.accept(0);
            System.out.println("exit-by-method-reference: accept returned?!");
        } catch (Throwable t) {
            System.out.println("exit-by-method-reference: " + t);
        }
    }
}
