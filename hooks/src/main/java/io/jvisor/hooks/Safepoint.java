package io.jvisor.hooks;

/**
 * Where a guest's threads stop when the hypervisor asks them to: every method entry, loop
 * back-edge and exception handler of rewritten guest code polls the safepoint of its class's
 * guest. A poll reads one volatile field; only when the hypervisor has requested a stop (to
 * pause the guest, end it, or throttle it) does it call {@link #reached()}, on the guest's own
 * thread, which may block or throw.
 *
 * <p>Guests can reach a safepoint through the rewritten classes' synthetic members, but can do no
 * more than poll it: only the hypervisor's subclass requests stops.
 */
public abstract class Safepoint {

    /** The safepoint of code that no hypervisor ever stops: never requested. */
    public static final Safepoint NONE = new Safepoint() {
        @Override
        protected void reached() {
            // never requested
        }
    };

    private volatile boolean requested;

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
     * Asks the threads that poll this safepoint to call {@link #reached()}, or stops asking.
     *
     * @param stop whether they should
     */
    protected final void request(boolean stop) {
        requested = stop;
    }

    /** Called on a thread that polled while a stop was requested: blocks, throws or returns. */
    protected abstract void reached();
}
