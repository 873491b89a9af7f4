package io.jvisor.api;

/**
 * Thrown by a hypercall made while no hypervisor serves hypercalls and the program did not choose
 * pass-through to the JDK: the program must be run with {@code jvisor run}, or call
 * {@link Hypercalls#passThrough()} (or be started with {@code -Djvisor.api.passThrough=true}) to
 * run on the JDK directly.
 */
public final class NoHypervisorException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    NoHypervisorException(String hypercall) {
        super("jvisor: " + hypercall + " is a hypercall, but no hypervisor serves this program: run it with"
                + " 'jvisor run', or opt in to pass-through to the JDK with Hypercalls.passThrough() or -D"
                + Hypercalls.PASS_THROUGH_PROPERTY + "=true");
    }
}
