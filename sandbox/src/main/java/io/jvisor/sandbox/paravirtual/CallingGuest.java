package io.jvisor.sandbox.paravirtual;

import io.jvisor.api.State;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The guest a hypercall comes from, as the hypervisor gives it to the {@link HypercallBackend}:
 * each method acts on that guest's own devices under its policy, exactly as the trap of the
 * corresponding privileged call would, and throws what that trap throws when the policy refuses.
 * Every method unwinds the calling thread if the guest has ended.
 */
public interface CallingGuest {

    /** Its standard output, as its policy allows ({@code System.out}'s trap). */
    PrintStream stdout();

    /** Its standard error, as its policy allows ({@code System.err}'s trap). */
    PrintStream stderr();

    /** Its standard input, as its policy allows ({@code System.in}'s trap). */
    InputStream stdin();

    /**
     * The path to operate on for a guest path: on its disk, whose file system decides each access
     * by its policy and keeps its quota; or, for a guest that works on the host's files, the host
     * path once its policy allowed the access.
     *
     * @throws java.nio.file.AccessDeniedException if its policy refuses the access
     */
    Path path(String guestPath, boolean write) throws IOException;

    /**
     * A socket connected for the guest, its name lookup and connection decided as its own are.
     *
     * @throws IOException as a refused or failed connection of its own
     */
    Socket connect(String host, int port) throws IOException;

    /**
     * A server socket bound for the guest on every address it may bind (loopback unless its policy
     * allows more), decided as its own bind is; other guests reach it by its name.
     *
     * @throws IOException as a refused or failed bind of its own
     */
    ServerSocket listen(int port) throws IOException;

    /**
     * Its own system properties, once its policy allowed reading them (or changing them).
     *
     * @throws SecurityException if its policy refuses
     */
    Properties properties(boolean write);

    /**
     * Its environment, once its policy allowed reading it.
     *
     * @throws SecurityException if its policy refuses
     */
    Map<String, String> environment();

    /**
     * Ends the guest as its {@code System.exit} would; does not return.
     *
     * @throws SecurityException if its policy does not let it exit
     */
    void exit(int status);

    /** How much of a resource it uses now, or empty if the hypervisor does not measure it for this guest. */
    OptionalLong usage(Resource resource);

    /** Its quota of a resource; {@link Limit#NONE} if it has none. */
    Limit limit(Resource resource);

    /**
     * Keeps state for its snapshots.
     *
     * @throws IllegalArgumentException if it declared state under that name already
     */
    void declareState(String name, State state);
}
