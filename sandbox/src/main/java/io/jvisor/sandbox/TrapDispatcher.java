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
        end(guest(caller), false, status, caller);
    }

    @Override
    public void halt(int status, Class<?> caller) {
        end(guest(caller), true, status, caller);
    }

    private void end(Guest g, boolean halt, int status, Class<?> caller) {
        if (halt) {
            g.require("halt", "call Runtime.halt(" + status + ")");
        } else {
            g.require("exit", "call System.exit(" + status + ")");
        }
        hypervisor.end(g, halt ? GuestResult.Ending.HALT : GuestResult.Ending.EXIT, status, caller);
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
    public void exitRequested(int status, boolean halt) {
        // Whoever called Runtime: the first frame below this guard that is not the JDK's
        // (reflection and method handle frames are). jvisor's own code, the launcher's exit
        // included, is the host; a guest got here without passing its trap; with no caller
        // outside the JDK, the thread tells.
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .dropWhile(c -> c == TrapDispatcher.class || isJdk(c))
                .findFirst()).orElse(null);
        Guest g = caller != null ? hypervisor.guestOf(caller) : hypervisor.guestOfThread(Thread.currentThread());
        if (g != null) {
            end(g, halt, status, caller);
        }
        // else: the host's own exit
    }

    private static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    @Override
    public void handlerEntered(Class<?> caller) {
        Guest g = hypervisor.guestOf(caller);
        if (g != null) {
            g.checkAlive();
        }
    }
}
