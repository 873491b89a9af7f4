package io.jvisor.sandbox;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Function;

/**
 * Replaces the JVM's own {@code System.out} and {@code System.err} with streams that pass each
 * write to the console of the guest whose thread makes it. Guest code reads the streams through
 * traps and never sees these; they catch what JDK code writes on a guest's behalf, such as
 * {@code Throwable.printStackTrace()} or a {@code java.util.logging.ConsoleHandler}.
 */
final class StdioRouter extends OutputStream {

    private final Function<Thread, PrintStream> target;

    private StdioRouter(Function<Thread, PrintStream> target) {
        this.target = target;
    }

    /** Installs the routers; {@code out} and {@code err} map a thread to where its writes go. */
    static void install(Function<Thread, PrintStream> out, Function<Thread, PrintStream> err) {
        System.setOut(new PrintStream(new StdioRouter(out), true, charset("stdout.encoding", "sun.stdout.encoding")));
        System.setErr(new PrintStream(new StdioRouter(err), true, charset("stderr.encoding", "sun.stderr.encoding")));
    }

    @Override
    public void write(int b) {
        target.apply(Thread.currentThread()).write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        target.apply(Thread.currentThread()).write(b, off, len);
    }

    @Override
    public void flush() {
        target.apply(Thread.currentThread()).flush();
    }

    /** The charset the JVM chose for a standard stream (JDK 18+ property, else JDK 17's). */
    private static Charset charset(String property, String jdk17Property) {
        String name = System.getProperty(property, System.getProperty(jdk17Property));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
