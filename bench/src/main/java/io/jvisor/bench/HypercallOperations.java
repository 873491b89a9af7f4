package io.jvisor.bench;

import io.jvisor.api.Console;
import io.jvisor.api.Disk;
import io.jvisor.api.Environment;
import io.jvisor.api.Hypercalls;
import io.jvisor.api.Network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The operations of {@link OperationBenchmark} as a paravirtual guest makes them: through the
 * devices of the hypercall API, obtained once (each accessor is a hypercall that attributes the
 * call to its guest) and kept in {@code static final} fields, as the API suggests, where the JIT
 * compiler takes them for constants. Starting and joining a thread is plain Java in a
 * paravirtual guest too ({@link Operations#startAndJoin()}). Runs in a jvisor fork only, where the
 * application is the guest that makes the hypercalls; kept out of the benchmark class, which the
 * driver inspects in a JVM without jvisor's API.
 */
final class HypercallOperations {

    private HypercallOperations() {
    }

    /**
     * Fails unless jvisor's hypervisor serves the hypercalls (pass-through does not count): a
     * paravirtual fork must not report the JDK's figures as its own.
     *
     * @throws IllegalStateException if it does not
     */
    static void requireServed() {
        if (!Hypercalls.virtualised()) {
            throw new IllegalStateException("this paravirtual fork's hypercalls are not served by jvisor's hypervisor");
        }
    }

    /** A hypercall that only attributes the call to its guest: the accessor of its environment. */
    static Object environment() {
        return Hypercalls.environment();
    }

    /**
     * The operations, by the name of the benchmark method that makes each, as
     * {@link Operations#of}: the same files by their guest paths, a listener of the guest's network
     * for the connect.
     *
     * @throws IllegalStateException as {@link #requireServed()}
     */
    static Map<String, Callable<Object>> of(Path file, Path output, List<AutoCloseable> opened) throws IOException {
        requireServed();
        String in = file.toString();
        String out = output.toString();
        byte[] buffer = new byte[Operations.SIZE];
        Network.Listener listener = Devices.NETWORK.listen(0);
        opened.add(listener);
        String loopback = InetAddress.getLoopbackAddress().getHostAddress();
        Map<String, Callable<Object>> ops = new LinkedHashMap<>();
        ops.put("propertyRead", () -> Devices.ENVIRONMENT.property("java.version"));
        ops.put("consoleWrite", () -> {
            Devices.CONSOLE.out().println(Operations.LINE);
            return null;
        });
        ops.put("fileOpenClose", () -> {
            Devices.DISK.openInput(in).close();
            return null;
        });
        ops.put("fileRead4k", () -> {
            try (InputStream s = Devices.DISK.openInput(in)) {
                return s.read(buffer);
            }
        });
        ops.put("fileWrite4k", () -> {
            try (OutputStream s = Devices.DISK.openOutput(out, false)) {
                s.write(buffer);
            }
            return null;
        });
        ops.put("fileExists", () -> Devices.DISK.exists(in));
        ops.put("threadStartJoin", Operations::startAndJoin);
        ops.put("loopbackConnect", () -> {
            try (Network.Connection client = Devices.NETWORK.connect(loopback, listener.port());
                 Network.Connection accepted = listener.accept()) {
                return client;
            }
        });
        return ops;
    }

    /** The guest's devices, obtained when {@link #of} first uses them, in a fork that {@link #requireServed() serves hypercalls}. */
    private static final class Devices {
        static final Environment ENVIRONMENT = Hypercalls.environment();
        static final Console CONSOLE = Hypercalls.console();
        static final Disk DISK = Hypercalls.disk();
        static final Network NETWORK = Hypercalls.network();
    }
}
