package io.jvisor.sandbox;

import io.jvisor.api.State;
import io.jvisor.sandbox.device.disk.VirtualDisk;
import io.jvisor.sandbox.paravirtual.CallingGuest;
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
import java.util.concurrent.atomic.LongAdder;

/**
 * A guest as its hypercalls reach it: the trap dispatcher's decisions, for a guest found by its
 * thread or its calling class. A record, whose fields the JIT compilers take for constants where
 * the device that holds it is one (a guest's {@code static final} device): a property read then
 * costs what the JDK's does.
 *
 * @param readsPropertiesFreely whether the guest's policy reads properties without a decision at
 *                              each read, as a bound trap does (see {@link Guest#decidedOnce})
 * @param propertyReads         the count of its property reads, {@code null} where none is kept
 */
record HypercallGuest(TrapDispatcher dispatcher, Guest guest, boolean readsPropertiesFreely, LongAdder propertyReads)
        implements CallingGuest {

    private static final String PROPERTY_READ = "property-read";

    /**
     * The guest of the hypercall being made: the thread's (unless the JDK shares the thread among
     * guests), else that of the innermost guest class on the stack.
     *
     * @throws SecurityException if neither names a guest
     */
    static CallingGuest calling(Hypervisor hypervisor, TrapDispatcher dispatcher) {
        Guest g = dispatcher.guestOfJdkThread();
        if (g == null) {
            // a host's thread that calls into a guest's code (a plugin host): its class tells
            Class<?> caller = dispatcher.guestClassOnStack();
            g = caller == null ? null : hypervisor.guestOf(caller);
        }
        if (g == null) {
            throw new SecurityException("jvisor: a hypercall on thread '" + Thread.currentThread().getName()
                    + "' cannot be attributed to a guest and was refused");
        }
        g.checkAlive();
        return new HypercallGuest(dispatcher, g, g.decidedOnce(PROPERTY_READ), g.decisionCount(PROPERTY_READ));
    }

    @Override
    public PrintStream stdout() {
        return guest.stdout();
    }

    @Override
    public PrintStream stderr() {
        return guest.stderr();
    }

    @Override
    public InputStream stdin() {
        return guest.stdin();
    }

    @Override
    public Path path(String guestPath, boolean write) throws IOException {
        VirtualDisk disk = guest.disk();
        if (disk != null) {
            return disk.fileSystem().getPath(guestPath);
        }
        Path host = Path.of(guestPath);
        guest.checkFile(host.toFile(), write);
        return host;
    }

    @Override
    public Socket connect(String host, int port) throws IOException {
        return TrapDispatcher.actFor(guest, () -> new Socket(host, port));
    }

    @Override
    public ServerSocket listen(int port) throws IOException {
        return TrapDispatcher.actFor(guest, () -> new ServerSocket(port));
    }

    @Override
    public Properties properties(boolean write) {
        if (write || !readsPropertiesFreely) {
            return TrapDispatcher.properties(guest, write);
        }
        // as a bound trap, no liveness read: an ended guest's thread reads only its own properties,
        // and stops at its next safepoint
        if (propertyReads != null) {
            propertyReads.increment();
        }
        return guest.properties();
    }

    @Override
    public Map<String, String> environment() {
        return TrapDispatcher.environment(guest);
    }

    @Override
    public void exit(int status) {
        dispatcher.end(guest, false, status, dispatcher.guestClassOnStack());
    }

    @Override
    public OptionalLong usage(Resource resource) {
        boolean measured = !guest.ownsJvm() && switch (resource) {
            case CPU_TIME -> ThreadTotals.Counter.CPU_TIME.supported();
            case ALLOCATED -> ThreadTotals.Counter.ALLOCATED.supported();
            // estimated while it has a limit; a walk for each call would cost the guest more than it learns
            case LIVE_HEAP -> !guest.quotas().get(resource).equals(Limit.NONE);
            case DISK -> guest.disk() != null;
            default -> true;
        };
        return measured ? OptionalLong.of(guest.usage(resource)) : OptionalLong.empty();
    }

    @Override
    public Limit limit(Resource resource) {
        return guest.quotas().get(resource);
    }

    @Override
    public void declareState(String name, State state) {
        guest.declareState(name, state);
    }
}
