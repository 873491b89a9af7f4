package io.jvisor.sandbox;

import io.jvisor.hooks.TrapHandler;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channel;

/**
 * The hypervisor's side of every trap: attributes the call to a guest by the calling class, then
 * lets that guest decide. A call that cannot be attributed is refused.
 */
final class TrapDispatcher implements TrapHandler {

    private final Hypervisor hypervisor;

    TrapDispatcher(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    private Guest guest(Class<?> caller) {
        Guest g = caller == null ? null : hypervisor.guestOf(caller);
        if (g == null) {
            throw new SecurityException("jvisor: a privileged call from " + (caller == null ? "an unknown class" : caller.getName())
                    + " cannot be attributed to a guest and was refused");
        }
        return g;
    }

    @Override
    public void exit(int status, Class<?> caller) {
        Guest g = guest(caller);
        g.require("exit", "call System.exit(" + status + ")");
        hypervisor.end(g, GuestResult.Ending.EXIT, status, caller);
    }

    @Override
    public void halt(int status, Class<?> caller) {
        Guest g = guest(caller);
        g.require("halt", "call Runtime.halt(" + status + ")");
        hypervisor.end(g, GuestResult.Ending.HALT, status, caller);
    }

    @Override
    public void addShutdownHook(Thread hook, Class<?> caller) {
        Guest g = guest(caller);
        g.require("shutdown-hook", "add a shutdown hook");
        if (g.ownsJvm()) {
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            g.addShutdownHook(hook);
        }
    }

    @Override
    public boolean removeShutdownHook(Thread hook, Class<?> caller) {
        Guest g = guest(caller);
        g.require("shutdown-hook", "remove a shutdown hook");
        return g.ownsJvm() ? Runtime.getRuntime().removeShutdownHook(hook) : g.removeShutdownHook(hook);
    }

    @Override
    public PrintStream stdout(Class<?> caller) {
        return guest(caller).stdout();
    }

    @Override
    public PrintStream stderr(Class<?> caller) {
        return guest(caller).stderr();
    }

    @Override
    public InputStream stdin(Class<?> caller) {
        return guest(caller).stdin();
    }

    @Override
    public void setOut(PrintStream out, Class<?> caller) {
        Guest g = guest(caller);
        g.require("set-stdio", "call System.setOut");
        g.console().setOut(out);
    }

    @Override
    public void setErr(PrintStream err, Class<?> caller) {
        Guest g = guest(caller);
        g.require("set-stdio", "call System.setErr");
        g.console().setErr(err);
    }

    @Override
    public void setIn(InputStream in, Class<?> caller) {
        Guest g = guest(caller);
        g.require("set-stdio", "call System.setIn");
        g.console().setIn(in);
    }

    @Override
    public Console console(Class<?> caller) {
        guest(caller).decide("stdin");
        return null;
    }

    @Override
    public Channel inheritedChannel(Class<?> caller) {
        guest(caller).decide("stdin");
        return null;
    }

    @Override
    public void handlerEntered(Class<?> caller) {
        Guest g = hypervisor.guestOf(caller);
        if (g != null) {
            g.checkAlive();
        }
    }
}
