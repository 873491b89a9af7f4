package io.jvisor.sandbox;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWT contexts ({@code sun.awt.AppContext}) of hosted guests, one each, as each applet had: where
 * AWT, Swing and ImageIO keep what they keep per application (Swing's defaults, look and feel and
 * their listeners, the event queue and its thread, Swing's timers and repaint manager, ImageIO's
 * cache). In the JVM's one, a lazy value one guest put among Swing's defaults was made on the
 * thread of whichever program read the key next, with that program's files and rights.
 *
 * <p>A guest's is made at its first use by the JDK's own code ({@code SunToolkit.createNewAppContext}),
 * through the lookup of {@code AppContext} that the guard hands over, on a thread of the guest's
 * group: its event queue starts its event thread there, its timers' thread in the context's group,
 * so that both are the guest's. The JVM's context is made before the first guest's, on a thread of
 * the hypervisor's: the JDK makes it only while there is no context yet, and its event thread is
 * then the host's. A guest's context is disposed of at its end as the JDK's
 * {@code AppContext.dispose()} ends, without what that does first (post events that run window code
 * on an event thread, stop threads): marked disposed, so that its timers' thread ends at the guest's
 * interrupt and no event thread starts for it again, and taken out of the JDK's map of contexts,
 * which would hold it, and the guest's classes, for good. Thread-safe.
 */
final class GuestAppContexts {

    private static final String APP_CONTEXT = "sun.awt.AppContext";

    /** Set on the thread that makes a context: the JDK's code there finds the new context by its group. */
    private static final ThreadLocal<Boolean> MAKING = new ThreadLocal<>();

    private final Hypervisor hypervisor;
    /** The JDK's members, from the lookup the guard handed over first; guarded by this. */
    private Members members;

    GuestAppContexts(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    /** Whether this thread is making a context, where {@code getAppContext()} is the JDK's own. */
    static boolean making() {
        return MAKING.get() != null;
    }

    /**
     * The guest's context, made now if it has none.
     *
     * @param contexts the full-privilege lookup of {@code AppContext}, which the guard woven into it passes
     * @throws SecurityException if {@code contexts} is not that lookup
     */
    Object contextOf(Guest g, MethodHandles.Lookup contexts) {
        Class<?> type = contexts.lookupClass();
        if (!type.getName().equals(APP_CONTEXT) || type.getClassLoader() != null || !contexts.hasFullPrivilegeAccess()) {
            throw new SecurityException("jvisor: an AWT context is made with AppContext's own lookup alone");
        }
        synchronized (this) {
            Object own = g.defaults().appContext();
            if (own != null) {
                return own;
            }
            if (g.defaults().appContextDisposed()) {
                // its code left on a thread the JDK shares, after its context was let go of
                throw new SecurityException("jvisor: guest '" + g.name() + "' has ended: it has no AWT context");
            }
            Members m = members(contexts);
            ThreadGroup group = g.threadGroup();
            Object made = group.parentOf(Thread.currentThread().getThreadGroup()) ? m.make(group)
                    // a thread the JDK shares, running the guest's code: the event queue would start its thread in its group
                    : onOwnThread(group, "jvisor-awt-" + g.name(), g.classLoader(), () -> m.make(group));
            g.defaults().keepAppContext(made, () -> m.dispose(made));
            return made;
        }
    }

    /** The JDK's members, found once; the JVM's own context made first. The caller holds this. */
    private Members members(MethodHandles.Lookup contexts) {
        if (members == null) {
            Members m;
            try {
                m = Members.of(contexts);
            } catch (Throwable e) {
                throw new IllegalStateException("jvisor: this JDK's AWT contexts are not as jvisor knows them: " + e, e);
            }
            onOwnThread(hypervisor.hostThreads(), "jvisor-awt", null, () -> m.getAppContext.invoke());
            members = m;
        }
        return members;
    }

    /** Something the JDK makes, made on a thread of the hypervisor's in a group; what it throws is thrown here. */
    private Object onOwnThread(ThreadGroup group, String name, ClassLoader loader, Making making) {
        Object[] made = new Object[1];
        Throwable[] failed = new Throwable[1];
        hypervisor.runOnOwnThread(group, name, () -> {
            Thread.currentThread().setContextClassLoader(loader);
            try {
                made[0] = making.make();
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        } else if (failed[0] instanceof Error e) {
            throw e;
        } else if (failed[0] != null) {
            throw new IllegalStateException("jvisor: cannot make an AWT context: " + failed[0], failed[0]);
        }
        return made[0];
    }

    @FunctionalInterface
    private interface Making {
        Object make() throws Throwable;
    }

    /** {@code AppContext}'s and {@code SunToolkit}'s members that make, find and dispose of contexts (JDK 17 to 25). */
    private record Members(MethodHandle getAppContext, MethodHandle createNewAppContext, Map<?, ?> byGroup,
            AtomicInteger count, VarHandle state, Object disposed) {

        static Members of(MethodHandles.Lookup contexts) throws Throwable {
            Class<?> type = contexts.lookupClass();
            Class<?> toolkit = contexts.findClass("sun.awt.SunToolkit");
            Class<?> stateType = contexts.findClass(APP_CONTEXT + "$State");
            return new Members(contexts.findStatic(type, "getAppContext", MethodType.methodType(type)),
                    contexts.findStatic(toolkit, "createNewAppContext", MethodType.methodType(type, ThreadGroup.class)),
                    (Map<?, ?>) contexts.findStaticGetter(type, "threadGroup2appContext", Map.class).invoke(),
                    (AtomicInteger) contexts.findStaticGetter(type, "numAppContexts", AtomicInteger.class).invoke(),
                    contexts.findVarHandle(type, "state", stateType),
                    contexts.findStaticGetter(stateType, "DISPOSED", stateType).invoke());
        }

        /** Makes a context for a group, its event queue's thread to start in the caller's. */
        Object make(ThreadGroup group) {
            MAKING.set(Boolean.TRUE);
            try {
                return createNewAppContext.invoke(group);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            } finally {
                MAKING.remove();
            }
        }

        void dispose(Object context) {
            state.setVolatile(context, disposed);
            synchronized (byGroup) { // a synchronized map, which its views do not lock
                if (byGroup.values().removeIf(c -> c == context)) {
                    count.decrementAndGet();
                }
            }
        }
    }
}
