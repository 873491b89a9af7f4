package example.guest;

import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/** Critical methods reached through method references and lambdas instead of direct calls. */
public final class MethodRefs {

    private MethodRefs() {
    }

    public static IntConsumer systemExitReference() {
        return System::exit;
    }

    public static IntConsumer exitingLambda() {
        return status -> System.exit(status);
    }

    public static IntConsumer boundHaltReference() {
        return Runtime.getRuntime()::halt;
    }

    public static ObjIntConsumer<Runtime> unboundExitReference() {
        return Runtime::exit;
    }

    public static Consumer<String> printlnOnSystemOut() {
        return System.out::println;
    }

    public static Consumer<PrintStream> setOutReference() {
        return System::setOut;
    }

    public static Supplier<Object> consoleReference() {
        return System::console;
    }
}
