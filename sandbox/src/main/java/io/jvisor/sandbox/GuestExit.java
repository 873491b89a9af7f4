package io.jvisor.sandbox;

/**
 * Unwinds a thread of a guest that has ended. Carries no authority: the hypervisor decides from
 * the guest's own state, never from this error, so a guest that throws or catches one changes
 * nothing. Guest code that catches {@code Throwable} or {@code Error} gets it again at once.
 */
public final class GuestExit extends Error {

    private static final long serialVersionUID = 1L;

    GuestExit(String guest) {
        super("guest '" + guest + "' has ended", null, false, false);
    }
}
