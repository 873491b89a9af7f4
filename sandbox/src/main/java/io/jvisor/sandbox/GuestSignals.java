package io.jvisor.sandbox;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A guest's own signals, as {@code sun.misc.Signal} (and {@code jdk.internal.misc.Signal}, where
 * it arrives) shows them to a guest whose policy keeps it from the JVM's process's: a handler it
 * installs is kept here, never given to the JVM, and a signal it raises goes to its handler, on a
 * thread of its own named as the JDK names it ({@code SIGINT handler}), as the JDK dispatches one.
 * As in a JVM of its own, {@code INT}, {@code TERM} and {@code HUP} first have a handler that ends
 * the guest with status 128 + the signal's number (its shutdown hooks run), which a handler it
 * installs replaces and may call; a signal with no handler of the guest's is refused when raised
 * ({@code IllegalArgumentException: Unhandled signal}), and one the JVM keeps for itself when
 * handled, as the JDK does. A signal of the JVM's process reaches the guest only where the host
 * delivers it ({@link Guest#signal}). Thread-safe.
 */
final class GuestSignals {

    /** The signals a JVM ends itself on, with its shutdown hooks (the JDK's {@code Terminator}), by their numbers (POSIX). */
    static final Map<String, Integer> ENDING = Map.of("HUP", 1, "INT", 2, "TERM", 15);
    /**
     * The signals whose handler the JDK refuses, as HotSpot keeps them (thread dumps, its own
     * faults) or no process may handle them: measured on Linux, JDK 17 and 25.
     */
    private static final Set<String> JVMS = Set.of("QUIT", "SEGV", "FPE", "ILL", "KILL", "STOP");

    /** What the JDK's signal classes give jvisor's code: its lookup's handles, made once. */
    private static final class Jdk {
        final Class<?> handlerType;
        final Object defaultHandler;
        final Object ignoringHandler;
        final MethodHandle name;
        final MethodHandle number;
        final MethodHandle handle;

        Jdk(MethodHandles.Lookup signals) throws Throwable {
            Class<?> signal = signals.lookupClass();
            handlerType = signals.findClass(signal.getName() + "$Handler");
            defaultHandler = signals.findStaticGetter(handlerType, "SIG_DFL", handlerType).invoke();
            ignoringHandler = signals.findStaticGetter(handlerType, "SIG_IGN", handlerType).invoke();
            name = signals.findVirtual(signal, "getName", MethodType.methodType(String.class));
            number = signals.findVirtual(signal, "getNumber", MethodType.methodType(int.class));
            handle = signals.findVirtual(handlerType, "handle", MethodType.methodType(void.class, signal));
        }

        static Jdk of(MethodHandles.Lookup signals) {
            Jdk jdk = made;
            if (jdk == null) {
                try {
                    jdk = new Jdk(signals);
                } catch (Throwable e) {
                    throw new IllegalStateException("jvisor: cannot reach the JDK's signals: " + e, e);
                }
                made = jdk;
            }
            return jdk;
        }

        private static volatile Jdk made;
    }

    private final Guest guest;
    /** Ends the guest on a signal it has no handler of. */
    private final Ending exit;

    /** How the guest ends on a signal it has no handler of: as by its exit, with the status given. */
    interface Ending {
        void end(Object signal, int status);
    }

    /** The guest's handlers of the JDK's kind by the signal's name, as {@link #current} gives them; guarded by itself. */
    private final Map<String, Object> handlers = new HashMap<>();
    /** The handlers that end the guest, by the signal's name; guarded by {@link #handlers}. */
    private final Map<String, Object> endings = new HashMap<>();
    /** The JDK's signal of each name the guest handled, for a signal of the process delivered to it; guarded by {@link #handlers}. */
    private final Map<String, Object> signalsHandled = new HashMap<>();

    /** @param exit ends the guest, as its {@code System.exit} does (its policy deciding) */
    GuestSignals(Guest guest, Ending exit) {
        this.guest = guest;
        this.exit = exit;
    }

    /**
     * Installs {@code handler} for {@code signal} among the guest's own, as {@code Signal.handle}
     * would in a JVM of its own.
     *
     * @param signals the JDK's signal class's own lookup
     * @return the handler it replaced: the guest's own, one that ends it, or the JDK's default
     * @throws IllegalArgumentException for a signal the JVM keeps for itself
     */
    Object handle(MethodHandles.Lookup signals, Object signal, Object handler) {
        Objects.requireNonNull(signal, "sig");
        Objects.requireNonNull(handler, "handler");
        Jdk jdk = Jdk.of(signals);
        String name = name(jdk, signal);
        if (JVMS.contains(name)) {
            throw new IllegalArgumentException("Signal already used by VM or OS: " + signal);
        }
        synchronized (handlers) {
            Object replaced = current(jdk, signal, name);
            handlers.put(name, handler);
            signalsHandled.put(name, signal);
            return replaced;
        }
    }

    /**
     * Raises {@code signal} in the guest: its handler runs on a new thread of the guest's.
     *
     * @throws IllegalArgumentException where the guest has no handler of it, as the JDK's
     */
    void raise(MethodHandles.Lookup signals, Object signal) {
        Objects.requireNonNull(signal);
        Jdk jdk = Jdk.of(signals);
        Object handler;
        synchronized (handlers) {
            handler = current(jdk, signal, name(jdk, signal));
        }
        if (handler == jdk.defaultHandler || handler == jdk.ignoringHandler) {
            throw new IllegalArgumentException("Unhandled signal: " + signal);
        }
        dispatch(jdk, handler, signal);
    }

    /**
     * Delivers a signal of the JVM's process, by its name, to the guest: its own handler of it runs,
     * as {@link #raise} runs it, or it ignores the signal.
     *
     * @return whether it did either; {@code false} where the guest has no handler of its own (the
     *         signal is then to end it as it ends a JVM)
     */
    boolean deliver(String name) {
        Jdk jdk = Jdk.made;
        Object handler;
        Object signal;
        synchronized (handlers) {
            handler = handlers.get(name);
            signal = signalsHandled.get(name);
            if (jdk == null || handler == null || signal == null || handler == jdk.defaultHandler || handler == endings.get(name)) {
                return false;
            }
        }
        if (handler != jdk.ignoringHandler) {
            dispatch(jdk, handler, signal);
        }
        return true;
    }

    /** Runs a handler of the guest's on a new thread of its own, named as the JDK names it. */
    private void dispatch(Jdk jdk, Object handler, Object signal) {
        guest.startThread(signal + " handler", () -> {
            try {
                jdk.handle.invoke(handler, signal);
            } catch (Throwable e) {
                throw Guest.<RuntimeException>undeclared(e);
            }
        });
    }

    /** The guest's handler of a signal: one of its own, one that ends it, or the JDK's default or ignoring one; under the lock. */
    private Object current(Jdk jdk, Object signal, String name) {
        return handlers.computeIfAbsent(name, n -> ENDING.containsKey(n) ? endings.computeIfAbsent(n, e -> ending(jdk, signal))
                : jdk.defaultHandler);
    }

    /** A handler of the JDK's kind that ends the guest as the JVM ends on the signal. */
    private Object ending(Jdk jdk, Object signal) {
        int status = 0200 + number(jdk, signal);
        String shown = "jvisor: guest '" + guest.name() + "' ends on " + signal;
        return Proxy.newProxyInstance(GuestSignals.class.getClassLoader(), new Class<?>[] {jdk.handlerType}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "handle" -> {
                        exit.end(signal, status);
                        yield null;
                    }
                    case "toString" -> shown;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String name(Jdk jdk, Object signal) {
        try {
            return (String) jdk.name.invoke(signal);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static int number(Jdk jdk, Object signal) {
        try {
            return (int) jdk.number.invoke(signal);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
