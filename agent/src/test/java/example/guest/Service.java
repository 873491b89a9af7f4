package example.guest;

import java.util.function.IntConsumer;

/** Critical instructions in an interface: its bridges must be private interface methods. */
public interface Service {

    static Service create() {
        return new Service() {
        };
    }

    static void announce(String text) {
        System.out.println(text);
    }

    default IntConsumer exitReference() {
        return System::exit;
    }

    default void exitCaught(int status) {
        try {
            System.exit(status);
        } catch (Throwable t) {
            announce("caught");
        }
    }
}
