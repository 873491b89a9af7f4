package io.jvisor.api;

import io.jvisor.api.spi.Backend;
import io.jvisor.api.spi.Backends;

import java.util.Objects;
import java.util.Optional;

/**
 * The hypercalls: what a paravirtual guest calls instead of the JDK's privileged methods.
 *
 * <pre>{@code
 *   static final Console CONSOLE = Hypercalls.console();   // keep devices: each accessor is a hypercall
 *   static final Disk DISK = Hypercalls.disk();
 *   ...
 *   CONSOLE.out().println(DISK.readString("/data/greeting.txt"));
 *   Hypercalls.exit(0);
 * }</pre>
 *
 * <p>Each method is served by the backend bound to this class:
 * <ul>
 *   <li>under {@code jvisor run}, the hypervisor's, installed before any guest runs: the devices
 *       are the calling guest's own, and its policy decides what they allow;</li>
 *   <li>in pass-through mode, chosen by the program with {@link #passThrough()} or by starting the
 *       JVM with {@code -Djvisor.api.passThrough=true}, the JDK's: {@code System.out},
 *       {@code java.nio.file.Files} on the host, sockets, {@code System.exit};</li>
 *   <li>with neither, none: every hypercall throws {@link NoHypervisorException}, never doing
 *       nothing in silence.</li>
 * </ul>
 * A device returned by an accessor belongs to the calling guest and may be kept for its lifetime.
 * Kept in a {@code static final} field of a class of the guest's, it is a constant to the JIT
 * compiler, and a hypercall through it costs about what the JDK's own call costs, even one as
 * cheap as a property read; kept in an instance field, each call first reads the device and the guest it
 * acts for (about two nanoseconds). All methods are safe to call from any thread.
 */
public final class Hypercalls {

    /**
     * The system property that, set to {@code true} when the JVM starts, makes the first hypercall
     * of a program that runs without a hypervisor choose pass-through to the JDK.
     */
    public static final String PASS_THROUGH_PROPERTY = "jvisor.api.passThrough";

    private Hypercalls() {
    }

    /**
     * The guest's console: its standard output, error and input.
     *
     * @return the console, never {@code null}
     * @throws NoHypervisorException if no backend serves hypercalls
     */
    public static Console console() {
        return backend("console()").console();
    }

    /**
     * The guest's disk, named by guest paths.
     *
     * @return the disk, never {@code null}
     * @throws NoHypervisorException if no backend serves hypercalls
     */
    public static Disk disk() {
        return backend("disk()").disk();
    }

    /**
     * The network as the guest may use it.
     *
     * @return the network, never {@code null}
     * @throws NoHypervisorException if no backend serves hypercalls
     */
    public static Network network() {
        return backend("network()").network();
    }

    /**
     * The guest's system properties and environment variables.
     *
     * @return the environment, never {@code null}
     * @throws NoHypervisorException if no backend serves hypercalls
     */
    public static Environment environment() {
        return backend("environment()").environment();
    }

    /**
     * The guest's clock.
     *
     * @return the clock, never {@code null}
     * @throws NoHypervisorException if no backend serves hypercalls
     */
    public static Clock clock() {
        return backend("clock()").clock();
    }

    /**
     * What the guest may use and has used of the metered resources, now.
     *
     * @return a snapshot, never {@code null}; {@link Quotas#NONE} in pass-through mode
     * @throws NoHypervisorException if no backend serves hypercalls
     */
    public static Quotas quotas() {
        return backend("quotas()").quotas();
    }

    /**
     * Ends the guest with a status, as {@code System.exit} ends a program: its shutdown hooks run,
     * and the host and other guests go on. Does not return.
     *
     * @param status the exit status
     * @throws NoHypervisorException if no backend serves hypercalls
     * @throws SecurityException     if the guest's policy does not let it exit
     */
    public static void exit(int status) {
        backend("exit(int)").exit(status);
        throw new IllegalStateException("jvisor: the backend " + Backends.installed().orElseThrow()
                + " returned from exit(" + status + ")");
    }

    /**
     * Declares state that snapshots of the guest keep and give back on restore, under a name unique
     * in the guest. In pass-through mode nothing takes snapshots and the call only checks its
     * arguments.
     *
     * @param name  the state's name, not {@code null}
     * @param state the state, not {@code null}; see {@link Saved} for a generated one
     * @throws NoHypervisorException    if no backend serves hypercalls
     * @throws IllegalArgumentException if the guest declared state under that name already
     */
    public static void declareState(String name, State state) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        backend("declareState(String, State)").declareState(name, state);
    }

    /**
     * Chooses pass-through: from now on every hypercall is made directly with the JDK. For programs
     * that also run without jvisor; call it once, early. Calling it again changes nothing.
     *
     * @throws IllegalStateException if a hypervisor serves hypercalls: under jvisor a program
     *                               must use its hypercalls
     */
    public static void passThrough() {
        try {
            Backends.install(PassThrough.JDK);
        } catch (IllegalStateException bound) {
            if (Backends.installed().orElseThrow() != PassThrough.JDK) {
                throw new IllegalStateException("jvisor: pass-through is refused: this program runs under a"
                        + " hypervisor, which serves its hypercalls", bound);
            }
        }
    }

    /**
     * Whether a hypervisor serves hypercalls (not pass-through, and not none).
     *
     * @return {@code true} under jvisor
     */
    public static boolean virtualised() {
        return Backends.installed().filter(b -> b != PassThrough.JDK).isPresent();
    }

    private static Backend backend(String hypercall) {
        Optional<Backend> bound = Backends.installed();
        if (bound.isPresent()) {
            return bound.get();
        }
        if (!Boolean.getBoolean(PASS_THROUGH_PROPERTY)) {
            throw new NoHypervisorException("Hypercalls." + hypercall);
        }
        passThrough();
        return Backends.installed().orElseThrow();
    }
}
