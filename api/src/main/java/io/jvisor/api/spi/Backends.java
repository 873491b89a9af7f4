package io.jvisor.api.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Binds {@link io.jvisor.api.Hypercalls} to its {@link Backend}, once for the life of the JVM (of
 * the class loader that holds the API: under jvisor, the hypervisor's single shared copy).
 */
public final class Backends {

    private static volatile Backend installed;

    private Backends() {
    }

    /**
     * Installs the backend that serves every hypercall from now on. The hypervisor calls it once,
     * before any guest runs; {@link io.jvisor.api.Hypercalls#passThrough()} installs the JDK's.
     *
     * @param backend the backend, not {@code null}
     * @throws IllegalStateException if a backend is installed already, the hypervisor's or the
     *                               JDK's for pass-through
     */
    public static synchronized void install(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (installed != null) {
            throw new IllegalStateException("jvisor: hypercalls are bound already, to " + installed);
        }
        installed = backend;
    }

    /**
     * The backend that serves hypercalls, if one is installed. It acts only for the guest that
     * calls it, so handing it out gives nothing that {@link io.jvisor.api.Hypercalls} does not.
     *
     * @return the installed backend, or empty
     */
    public static Optional<Backend> installed() {
        return Optional.ofNullable(installed);
    }
}
