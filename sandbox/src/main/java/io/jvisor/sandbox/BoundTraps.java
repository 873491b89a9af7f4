package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.hooks.Traps;
import io.jvisor.sandbox.device.Console;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The work of the traps that the catalog binds per class, done for one guest: a method here per
 * such trap, named as the trap, taking the trap's operands and the {@link Site} it is bound to.
 * Each does what the trap does for a guest whose policy allows the operation and whose audit
 * log records no allowed decision (see {@link Guest#decidedOnce}): counts the decision and
 * acts on the guest's own console, properties or environment, read at each call, so that a
 * {@code System.setOut} or {@code System.setProperties} of the guest is seen at the next call.
 */
final class BoundTraps {

    /** The work of a trap bound per class, and the policy operation that decides it. */
    private record Work(String operation, MethodHandle handle) {
    }

    private static final Map<String, Work> WORK = work(Catalog.standard());

    private BoundTraps() {
    }

    /**
     * What a bound call site works on: a record, whose fields the JIT compilers take for constants
     * once a site's target holds it.
     *
     * @param count the count of the operation's decisions, {@code null} where none is kept
     */
    private record Site(Guest guest, Console console, LongAdder count) {
        void decided() {
            if (count != null) {
                count.increment();
            }
        }
    }

    /**
     * A trap's work for a guest, of the trap's type without its calling class; {@code null} if the
     * guest must decide it at each call (a denied or audited operation) or the trap is not bound
     * per class.
     */
    static MethodHandle bound(Guest g, String hook) {
        Work work = WORK.get(hook);
        if (work == null || !g.decidedOnce(work.operation())) {
            return null;
        }
        MethodType type = work.handle().type();
        Site site = new Site(g, g.console(), g.decisionCount(work.operation()));
        return MethodHandles.insertArguments(work.handle(), type.parameterCount() - 1, site);
    }

    /**
     * The work of each trap the catalog binds per class, by the trap's name.
     *
     * @throws IllegalStateException if one has no work here, or work of another type than its trap's
     */
    private static Map<String, Work> work(Catalog catalog) {
        Map<String, Method> methods = new HashMap<>();
        for (Method m : BoundTraps.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() > 0
                    && m.getParameterTypes()[m.getParameterCount() - 1] == Site.class) {
                methods.put(m.getName(), m);
            }
        }
        Map<String, Work> work = new HashMap<>();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (CriticalInstruction e : catalog.entries()) {
            if (e.binding() != CriticalInstruction.Binding.CLASS) {
                continue;
            }
            Method m = methods.get(e.hook());
            if (m == null) {
                throw new IllegalStateException("the catalog binds " + e.displayName() + " per class, but jvisor has no bound "
                        + e.hook() + " trap");
            }
            MethodHandle handle;
            try {
                handle = lookup.unreflect(m);
            } catch (IllegalAccessException impossible) {
                throw new IllegalStateException(impossible);
            }
            MethodType type = MethodType.fromMethodDescriptorString(e.siteDescriptor(), null);
            if (!handle.type().dropParameterTypes(type.parameterCount(), type.parameterCount() + 1).equals(type)) {
                throw new IllegalStateException("the bound " + e.hook() + " trap is " + handle.type() + ", not " + type);
            }
            work.put(e.hook(), new Work(e.operation(), handle));
        }
        return work;
    }

    // The work, one method per trap bound per class, with the trap's name and operands.

    private static PrintStream stdout(Site s) {
        s.decided();
        return s.console().out();
    }

    private static PrintStream stderr(Site s) {
        s.decided();
        return s.console().err();
    }

    private static InputStream stdin(Site s) {
        s.decided();
        return s.console().in();
    }

    private static String getProperty(String key, Site s) {
        Traps.checkKey(key);
        s.decided();
        return s.guest().properties().getProperty(key);
    }

    private static String getPropertyOrDefault(String key, String def, Site s) {
        Traps.checkKey(key);
        s.decided();
        return s.guest().properties().getProperty(key, def);
    }

    private static String getenv(String name, Site s) {
        s.decided();
        return s.guest().environment().get(Objects.requireNonNull(name));
    }
}
