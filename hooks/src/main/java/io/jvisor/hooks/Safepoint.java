package io.jvisor.hooks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * Where a guest's threads stop when the hypervisor asks them to: every method entry, loop
 * back-edge and exception handler of rewritten guest code polls the safepoint of its class's
 * guest. A poll reads one volatile field; only when the hypervisor has requested a stop (to
 * pause the guest, end it, or throttle it) does it call {@link #reached()}, on the guest's own
 * thread, which may block or throw.
 *
 * <p>A method's entry, in a class file of Java 7 or later, polls through an {@code invokedynamic}
 * linked to the safepoint's call site (see {@link Traps#bindSafepoint}), which calls nothing until
 * the first stop is requested: the JIT compilers drop such a poll entirely. The first request
 * points it at {@link #poll()} and makes every thread's compiled code that dropped it start over
 * (as a changed call site's target does), so recursion in a guest that is never stopped pays
 * nothing, and in one that was pays a read. Loops and handlers always read.
 *
 * <p>Guests can reach a safepoint through the rewritten classes' synthetic members, but can do no
 * more than poll it: only the hypervisor's subclass requests stops.
 */
public abstract class Safepoint {

    private static final MethodHandle NOTHING = MethodHandles.empty(MethodType.methodType(void.class));
    private static final MethodHandle POLL;

    static {
        try {
            POLL = MethodHandles.lookup().findVirtual(Safepoint.class, "poll", MethodType.methodType(void.class));
        } catch (NoSuchMethodException | IllegalAccessException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /** The safepoint of code that no hypervisor ever stops: never requested. */
    public static final Safepoint NONE = new Safepoint() {
        @Override
        protected void reached() {
            // never requested
        }
    };

    private volatile boolean requested;
    /** What the polls bound by {@code invokedynamic} call: nothing until a stop is first requested, then {@link #poll()}. */
    private final MutableCallSite polls = new MutableCallSite(NOTHING);
    private boolean armed;

    /** For the hypervisor's safepoints. */
    protected Safepoint() {
    }

    /** Called by rewritten guest code: stops here if the hypervisor asked for it. */
    public final void poll() {
        if (requested) {
            reached();
        }
    }

    /**
     * Called by rewritten guest code first in each exception handler, with what the handler caught:
     * stops here as {@link #poll()} does, unless what it caught is a stop's own exception unwinding
     * the thread ({@link #unwinds}), in which case the handler runs (a {@code finally} block, the
     * release of a {@code synchronized} block's monitor) and throws it on. A handler that covers
     * itself, as the release of a monitor does, would otherwise catch its own poll's exception
     * for ever.
     *
     * @param caught what the handler caught, never {@code null}
     */
    public final void pollHandler(Throwable caught) {
        if (requested && !unwinds(caught)) {
            reached();
        }
    }

    /**
     * Whether an exception is one that {@link #reached()} threw to unwind its thread.
     *
     * @param caught what a handler caught
     * @return by default {@code false}
     */
    protected boolean unwinds(Throwable caught) {
        return false;
    }

    /**
     * Asks the threads that poll this safepoint to call {@link #reached()}, or stops asking.
     *
     * @param stop whether they should
     */
    protected final void request(boolean stop) {
        requested = stop;
        if (stop) {
            arm();
        }
    }

    /** Points the polls bound by {@code invokedynamic} at {@link #poll()}, once: they read the request from then on. */
    private synchronized void arm() {
        if (!armed) {
            armed = true;
            polls.setTarget(POLL.bindTo(this));
            MutableCallSite.syncAll(new MutableCallSite[] {polls});
        }
    }

    /**
     * The call site of the polls that rewritten classes make by {@code invokedynamic}, linked to
     * each of them directly (a handle between would cost the JIT compilers inlining depth): for
     * {@link Traps#bindSafepoint} alone, since who holds the site can change its target.
     */
    final MutableCallSite callSite() {
        return polls;
    }

    /** Called on a thread that polled while a stop was requested: blocks, throws or returns. */
    protected abstract void reached();
}
