package io.jvisor.api.spi;

import io.jvisor.api.Clock;
import io.jvisor.api.Console;
import io.jvisor.api.Disk;
import io.jvisor.api.Environment;
import io.jvisor.api.Network;
import io.jvisor.api.Quotas;
import io.jvisor.api.State;

/**
 * What serves the hypercalls: one method per device and per hypercall of
 * {@link io.jvisor.api.Hypercalls}, which forwards to the backend {@link Backends#install installed}.
 *
 * <p>A backend is called on the calling guest's thread, with nothing that names the guest: it
 * attributes each call itself (by its thread, or by the first caller outside
 * {@code io.jvisor.api}) and refuses, with a {@link SecurityException}, a call it cannot
 * attribute. A device it returns acts for the guest that obtained it. Implementations must be safe
 * to call from any thread.
 */
public interface Backend {

    /** The calling guest's console; see {@link io.jvisor.api.Hypercalls#console()}. */
    Console console();

    /** The calling guest's disk; see {@link io.jvisor.api.Hypercalls#disk()}. */
    Disk disk();

    /** The network as the calling guest may use it; see {@link io.jvisor.api.Hypercalls#network()}. */
    Network network();

    /** The calling guest's properties and environment; see {@link io.jvisor.api.Hypercalls#environment()}. */
    Environment environment();

    /** The calling guest's clock; see {@link io.jvisor.api.Hypercalls#clock()}. */
    Clock clock();

    /** The calling guest's quotas and usage now; see {@link io.jvisor.api.Hypercalls#quotas()}. */
    Quotas quotas();

    /**
     * Ends the calling guest; see {@link io.jvisor.api.Hypercalls#exit(int)}. Must not return
     * normally: it ends the guest's thread or throws.
     *
     * @param status the exit status
     */
    void exit(int status);

    /**
     * Records state of the calling guest for its snapshots; see
     * {@link io.jvisor.api.Hypercalls#declareState(String, State)}.
     *
     * @param name  the state's name, not {@code null}
     * @param state the state, not {@code null}
     */
    void declareState(String name, State state);
}
