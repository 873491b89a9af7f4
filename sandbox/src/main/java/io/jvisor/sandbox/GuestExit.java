package io.jvisor.sandbox;

/**
 * Unwinds a thread of a guest that has ended. Carries no authority: the hypervisor decides from
 * the guest's own state, never from this error, so a guest that throws or catches one changes
 * nothing. Guest code that catches {@code Throwable} or {@code Error} gets it again at once.
 *
 * <p>Another program's thread that called the ended guest's code (an object of its left in a
 * registry of the JVM's) gets it as any error of a call: it is not that program's end, which
 * would otherwise go unreported (its main thread ended, the program never did).
 */
public final class GuestExit extends Error {

    private static final long serialVersionUID = 1L;

    /** The ended guest's token, which holds nothing of it (another program's code may keep this error). */
    private final transient Object of;

    GuestExit(Guest guest) {
        super("guest '" + guest.name() + "' has ended", null, false, false);
        this.of = guest.exitToken();
    }

    /** Whether this unwinds a thread of the guest's own end, not that of a guest whose code the thread called. */
    boolean ends(Guest guest) {
        return of == guest.exitToken();
    }
}
