package io.jvisor.hooks;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channel;

/**
 * The trap entry points: the rewriter replaces each call of a privileged JDK method in guest code
 * with a call of the method here that the critical-instruction catalog names. Every method
 * forwards to the installed {@link TrapHandler}; with none installed it refuses the operation,
 * so rewritten code never runs privileged operations unchecked.
 *
 * <p>This class lives on the bootstrap class path so that all guest class loaders resolve the same
 * copy. It must depend on the JDK only. Guests can see it, so it holds no authority of its own: the
 * handler attributes and checks every call.
 */
public final class Traps {

    private static volatile TrapHandler handler;

    private Traps() {
    }

    /**
     * Installs the hypervisor's handler. Called once, by the hypervisor, before any guest class
     * loads; later calls fail so that nothing loaded afterwards can replace it.
     *
     * @param trapHandler the handler, not {@code null}
     * @throws IllegalStateException if a handler is installed already
     */
    public static synchronized void install(TrapHandler trapHandler) {
        if (trapHandler == null) {
            throw new NullPointerException("trapHandler");
        }
        if (handler != null) {
            throw new IllegalStateException("jvisor: a trap handler is installed already");
        }
        handler = trapHandler;
    }

    /** Whether a handler is installed. */
    public static boolean installed() {
        return handler != null;
    }

    static TrapHandler handler() {
        TrapHandler h = handler;
        if (h == null) {
            throw new SecurityException("jvisor: rewritten guest code ran without a hypervisor; "
                    + "privileged operation refused");
        }
        return h;
    }

    // Names and descriptors below are the 'hook' column of the critical-instruction catalog.

    public static void systemExit(int status, Class<?> caller) {
        handler().exit(status, caller);
    }

    public static void runtimeExit(Runtime runtime, int status, Class<?> caller) {
        handler().exit(status, caller);
    }

    public static void runtimeHalt(Runtime runtime, int status, Class<?> caller) {
        handler().halt(status, caller);
    }

    public static void addShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        handler().addShutdownHook(hook, caller);
    }

    public static boolean removeShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        return handler().removeShutdownHook(hook, caller);
    }

    public static PrintStream stdout(Class<?> caller) {
        return handler().stdout(caller);
    }

    public static PrintStream stderr(Class<?> caller) {
        return handler().stderr(caller);
    }

    public static InputStream stdin(Class<?> caller) {
        return handler().stdin(caller);
    }

    public static void setOut(PrintStream out, Class<?> caller) {
        handler().setOut(out, caller);
    }

    public static void setErr(PrintStream err, Class<?> caller) {
        handler().setErr(err, caller);
    }

    public static void setIn(InputStream in, Class<?> caller) {
        handler().setIn(in, caller);
    }

    public static Console console(Class<?> caller) {
        return handler().console(caller);
    }

    public static Channel inheritedChannel(Class<?> caller) throws IOException {
        return handler().inheritedChannel(caller);
    }

    public static void handlerEntered(Class<?> caller) {
        handler().handlerEntered(caller);
    }
}
