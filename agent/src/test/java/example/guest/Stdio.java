package example.guest;

import java.io.IOException;
import java.io.PrintStream;

/** A guest that uses the console and the JVM's shutdown hooks. */
public final class Stdio {

    private Stdio() {
    }

    public static void hello() {
        System.out.println("hello, out");
        System.err.println("hello, err");
    }

    public static int readByte() throws IOException {
        return System.in.read();
    }

    public static PrintStream currentOut() {
        return System.out;
    }

    public static void replaceOutAndPrint(PrintStream replacement, String text) {
        System.setOut(replacement);
        System.out.print(text);
    }

    public static Object console() {
        return System.console();
    }

    public static void addHook(Thread hook) {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static boolean removeHook(Thread hook) {
        return Runtime.getRuntime().removeShutdownHook(hook);
    }
}
