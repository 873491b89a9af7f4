package io.jvisor.sandbox;

import io.jvisor.hooks.TrapHandler;
import io.jvisor.sandbox.policy.Decision;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;

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
        addShutdownHook(guest(caller), hook);
    }

    private static void addShutdownHook(Guest g, Thread hook) {
        g.require("shutdown-hook", "add a shutdown hook");
        if (g.ownsJvm()) {
            delegateUnchecked(() -> {
                Runtime.getRuntime().addShutdownHook(hook);
                return null;
            });
        } else {
            g.addShutdownHook(hook);
        }
    }

    /** Set while this dispatcher itself calls a guarded JDK method for a guest it has decided for. */
    private static final ThreadLocal<Boolean> DELEGATING = new ThreadLocal<>();

    /** A call of a guarded JDK method. */
    @FunctionalInterface
    private interface GuardedCall<T> {
        T call() throws IOException;
    }

    /** Calls a guarded JDK method that the trap has decided already: its guard need not walk the stack. */
    private static <T> T delegate(GuardedCall<T> call) throws IOException {
        DELEGATING.set(Boolean.TRUE);
        try {
            return call.call();
        } finally {
            DELEGATING.remove();
        }
    }

    /** {@link #delegate} for a call that throws no checked exception. */
    private static <T> T delegateUnchecked(java.util.function.Supplier<T> call) {
        try {
            return delegate(call::get);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean removeShutdownHook(Thread hook, Class<?> caller) {
        return removeShutdownHook(guest(caller), hook);
    }

    private static boolean removeShutdownHook(Guest g, Thread hook) {
        g.require("shutdown-hook", "remove a shutdown hook");
        return g.ownsJvm() ? delegateUnchecked(() -> Runtime.getRuntime().removeShutdownHook(hook)) : g.removeShutdownHook(hook);
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
        replaceStdio(guest(caller), 1, out);
    }

    @Override
    public void setErr(PrintStream err, Class<?> caller) {
        replaceStdio(guest(caller), 2, err);
    }

    @Override
    public void setIn(InputStream in, Class<?> caller) {
        replaceStdio(guest(caller), 0, in);
    }

    /** Replaces one of a guest's standard streams: 0 input, 1 output, 2 error. */
    private static void replaceStdio(Guest g, int stream, Object replacement) {
        g.require("set-stdio", "call System." + (stream == 0 ? "setIn" : stream == 1 ? "setOut" : "setErr"));
        if (stream == 0) {
            g.console().setIn((InputStream) replacement);
        } else if (stream == 1) {
            g.console().setOut((PrintStream) replacement);
        } else {
            g.console().setErr((PrintStream) replacement);
        }
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

    // ---- the callee-side guards: a guarded JDK method reached without a trap ----

    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));

    /**
     * Whoever called the guarded JDK method: the first frame below this dispatcher that is not the
     * JDK's (reflection, method handle and lambda frames of the JDK are). jvisor's own code is the
     * host; a guest got there without passing its trap; with no caller outside the JDK, the
     * thread tells. {@code null} for the host.
     */
    private Bypass bypass() {
        if (DELEGATING.get() != null) {
            return null;
        }
        Class<?> caller = WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .dropWhile(c -> c == TrapDispatcher.class || Hypervisor.isJdk(c.getClassLoader()))
                .findFirst()).orElse(null);
        Guest g = caller != null ? hypervisor.guestOf(caller) : hypervisor.guestOfThread(Thread.currentThread());
        return g == null ? null : new Bypass(g, caller);
    }

    /** A guest's call that reached a guarded JDK method, and its calling class if known. */
    private static final class Bypass {
        final Guest guest;
        final Class<?> caller;

        Bypass(Guest guest, Class<?> caller) {
            this.guest = guest;
            this.caller = caller;
        }
    }

    @Override
    public void exitRequested(int status, boolean halt) {
        Bypass b = bypass();
        if (b != null) {
            end(b.guest, halt, status, b.caller);
        }
    }

    @Override
    public boolean shutdownHookAdding(Thread hook) {
        Bypass b = shutdownHookBypass();
        if (b == null) {
            return false;
        }
        addShutdownHook(b.guest, hook);
        return true;
    }

    @Override
    public Boolean shutdownHookRemoving(Thread hook) {
        Bypass b = shutdownHookBypass();
        return b == null ? null : removeShutdownHook(b.guest, hook);
    }

    /**
     * A guest's call that reached the JDK's shutdown hooks, or {@code null} to let the JDK proceed:
     * for the host, and for an application that owns the JVM and may register hooks in it.
     */
    private Bypass shutdownHookBypass() {
        Bypass b = bypass();
        boolean jvmsOwn = b != null && b.guest.ownsJvm() && b.guest.policy().decide("shutdown-hook").allowed();
        return jvmsOwn ? null : b;
    }

    @Override
    public void processStarting(ProcessBuilder builder) throws IOException {
        Bypass b = bypass();
        if (b != null) {
            checkProcess(b.guest, builder);
        }
    }

    @Override
    public void connecting(InetAddress address, int port) throws IOException {
        Decision refused = refusedNetwork("connect", address, port);
        if (refused != null) {
            throw callSite(new ConnectException("Connection refused by jvisor: " + refused.reason()));
        }
    }

    @Override
    public void binding(InetAddress address, int port) throws IOException {
        Decision refused = refusedNetwork("bind", address, port);
        if (refused != null) {
            throw callSite(new BindException("Cannot bind by jvisor: " + refused.reason()));
        }
    }

    @Override
    public void resolving(String host) throws UnknownHostException {
        Decision refused = refusedNetwork("resolve", host);
        if (refused != null) {
            throw callSite(new UnknownHostException(host + ": name lookup refused by jvisor: " + refused.reason()));
        }
    }

    /** The decision that refuses a guest's network operation, or {@code null} if it may proceed. */
    private Decision refusedNetwork(String operation, InetAddress address, int port) {
        // InetAddress.toString() is "name/address" without a lookup; rules match either.
        return refusedNetwork(operation, address + ":" + port);
    }

    private Decision refusedNetwork(String operation, String argument) {
        Bypass b = bypass();
        if (b == null) {
            return null;
        }
        Decision d = b.guest.decide(operation, argument);
        return d.allowed() ? null : d;
    }

    private static <T extends Throwable> T callSite(T error) {
        error.setStackTrace(Guest.fromCallSite(error.getStackTrace()));
        return error;
    }

    @Override
    public boolean stdioReplacing(int stream, Object replacement) {
        Bypass b = bypass();
        if (b == null) {
            return false;
        }
        replaceStdio(b.guest, stream, replacement);
        return true;
    }

    @Override
    public Properties properties(boolean write, Class<?> caller) {
        Guest g = guest(caller);
        if (write) {
            g.require("property-write", "change system properties");
        } else {
            g.require("property-read", "read system properties");
        }
        return g.properties();
    }

    @Override
    public void setProperties(Properties props, Class<?> caller) {
        Guest g = guest(caller);
        g.require("property-write", "change system properties");
        if (g.ownsJvm()) {
            System.setProperties(props);
        }
        g.setProperties(g.ownsJvm() ? System.getProperties() : props);
    }

    @Override
    public Map<String, String> environment(Class<?> caller) {
        Guest g = guest(caller);
        g.require("env-read", "read the environment");
        return g.environment();
    }

    @Override
    public Process startProcess(ProcessBuilder builder, Class<?> caller) throws IOException {
        checkProcess(guest(caller), builder);
        return delegate(builder::start);
    }

    @Override
    public List<Process> startPipeline(List<ProcessBuilder> builders, Class<?> caller) throws IOException {
        Guest g = guest(caller);
        for (ProcessBuilder builder : builders) {
            checkProcess(g, builder);
        }
        return delegate(() -> ProcessBuilder.startPipeline(builders));
    }

    @Override
    public Map<String, String> processEnvironment(ProcessBuilder builder, Class<?> caller) {
        Guest g = guest(caller);
        g.require("env-read", "read the environment");
        Map<String, String> env = delegateUnchecked(builder::environment);
        ownEnvironment(g, builder, env);
        return env;
    }

    @Override
    public void processEnvironmentReturned(ProcessBuilder builder, Map<String, String> environment) {
        Bypass b = bypass();
        if (b != null) {
            b.guest.require("env-read", "read the environment");
            ownEnvironment(b.guest, builder, environment);
        }
    }

    /** The builders whose environment has been made their guest's: a builder starts with the host's. */
    private final Map<ProcessBuilder, Boolean> guestEnvironments = Collections.synchronizedMap(new WeakHashMap<>());

    /** Makes a builder's environment its guest's, once; the application's is the JVM's already. */
    private void ownEnvironment(Guest g, ProcessBuilder builder, Map<String, String> environment) {
        if (!g.ownsJvm() && guestEnvironments.putIfAbsent(builder, Boolean.TRUE) == null) {
            environment.clear();
            environment.putAll(g.environment());
        }
    }

    /**
     * Throws the IOException a refused start gives, naming the rule, unless the policy allows the
     * command; an allowed process gets the guest's environment unless the guest gave it another.
     */
    private void checkProcess(Guest g, ProcessBuilder builder) throws IOException {
        g.checkAlive();
        List<String> command = builder.command();
        String program = command.isEmpty() ? "" : command.get(0);
        Decision d = g.decide("process", program);
        if (!d.allowed()) {
            throw callSite(new IOException("Cannot run program \"" + program + "\": jvisor: guest '" + g.name()
                    + "' may not start processes: " + d.reason()));
        }
        ownEnvironment(g, builder, delegate(builder::environment));
    }

    @Override
    public void handlerEntered(Class<?> caller) {
        Guest g = hypervisor.guestOf(caller);
        if (g != null) {
            g.checkAlive();
        }
    }
}
