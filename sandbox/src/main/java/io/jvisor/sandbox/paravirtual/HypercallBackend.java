package io.jvisor.sandbox.paravirtual;

import io.jvisor.api.Clock;
import io.jvisor.api.Console;
import io.jvisor.api.Disk;
import io.jvisor.api.Environment;
import io.jvisor.api.Network;
import io.jvisor.api.Quotas;
import io.jvisor.api.State;
import io.jvisor.api.spi.Backend;
import io.jvisor.api.spi.PathDisk;
import io.jvisor.api.spi.Sockets;
import io.jvisor.api.spi.SystemClock;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The hypervisor's backend of the hypercall API: each hypercall attributed to the guest that
 * makes it and served by that guest's own devices, under its policy, as its traps are. A device
 * it returns acts for the guest that obtained it.
 */
public final class HypercallBackend implements Backend {

    private final Supplier<CallingGuest> calling;

    /**
     * @param calling the guest of the hypercall being made; throws {@link SecurityException} for a
     *                call that cannot be attributed to a guest
     */
    public HypercallBackend(Supplier<CallingGuest> calling) {
        this.calling = Objects.requireNonNull(calling, "calling");
    }

    @Override
    public String toString() {
        return "jvisor's hypervisor";
    }

    @Override
    public Console console() {
        CallingGuest g = calling.get();
        return new Console() {
            @Override
            public PrintStream out() {
                return g.stdout();
            }

            @Override
            public PrintStream err() {
                return g.stderr();
            }

            @Override
            public InputStream in() {
                return g.stdin();
            }
        };
    }

    @Override
    public Disk disk() {
        CallingGuest g = calling.get();
        return new PathDisk() {
            @Override
            protected Path path(String guestPath, boolean write) throws IOException {
                return g.path(guestPath, write);
            }
        };
    }

    @Override
    public Network network() {
        CallingGuest g = calling.get();
        return new Network() {
            @Override
            public Connection connect(String host, int port) throws IOException {
                Objects.requireNonNull(host, "host");
                return Sockets.connection(g.connect(host, checkPort(port)));
            }

            @Override
            public Listener listen(int port) throws IOException {
                return Sockets.listener(g.listen(checkPort(port)));
            }
        };
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        return port;
    }

    @Override
    public Environment environment() {
        return new EnvironmentDevice(calling.get());
    }

    /**
     * The environment of a guest: a record, whose field the JIT compilers take for a constant where
     * the device is one (a guest's {@code static final} device).
     */
    private record EnvironmentDevice(CallingGuest g) implements Environment {
        @Override
        public String property(String name) {
            return g.properties(false).getProperty(Objects.requireNonNull(name, "name"));
        }

        @Override
        public String setProperty(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            return (String) g.properties(true).setProperty(name, value);
        }

        @Override
        public String clearProperty(String name) {
            return (String) g.properties(true).remove(Objects.requireNonNull(name, "name"));
        }

        @Override
        public String getenv(String name) {
            return g.environment().get(Objects.requireNonNull(name, "name"));
        }
    }

    /** The JVM's clock: a guest's time runs with the host's. */
    @Override
    public Clock clock() {
        calling.get();
        return SystemClock.INSTANCE;
    }

    @Override
    public Quotas quotas() {
        CallingGuest g = calling.get();
        return new Quotas(quota(g, Resource.CPU_TIME), quota(g, Resource.ALLOCATED), quota(g, Resource.LIVE_HEAP),
                quota(g, Resource.THREADS), quota(g, Resource.OPEN_FILES), quota(g, Resource.DISK), quota(g, Resource.OUTPUT));
    }

    /** A resource's usage and the limit at which the guest is first held back: refused, throttled or killed. */
    private static Quotas.Quota quota(CallingGuest g, Resource resource) {
        Limit limit = g.limit(resource);
        return new Quotas.Quota(g.usage(resource).orElse(Quotas.Quota.NOT_MEASURED), Math.min(limit.soft(), limit.hard()));
    }

    @Override
    public void exit(int status) {
        calling.get().exit(status);
    }

    @Override
    public void declareState(String name, State state) {
        calling.get().declareState(Objects.requireNonNull(name, "name"), Objects.requireNonNull(state, "state"));
    }
}
