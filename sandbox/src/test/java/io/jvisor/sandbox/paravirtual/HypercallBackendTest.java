package io.jvisor.sandbox.paravirtual;

import io.jvisor.api.Disk;
import io.jvisor.api.Environment;
import io.jvisor.api.Quotas;
import io.jvisor.api.State;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend without the hypervisor: each hypercall served by the calling guest as the hypervisor gives it. */
class HypercallBackendTest {

    @TempDir
    Path disk;

    /** A guest whose devices are at hand: its disk a host directory, everything it asks recorded. */
    private final class FakeGuest implements CallingGuest {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        final InputStream stdin = new ByteArrayInputStream("in".getBytes(StandardCharsets.UTF_8));
        final Properties properties = new Properties();
        final Map<Resource, Limit> limits = new EnumMap<>(Resource.class);
        final List<String> asked = new ArrayList<>();
        boolean writesRefused;

        @Override
        public PrintStream stdout() {
            return stdout;
        }

        @Override
        public PrintStream stderr() {
            return stdout;
        }

        @Override
        public InputStream stdin() {
            return stdin;
        }

        @Override
        public Path path(String guestPath, boolean write) throws AccessDeniedException {
            if (write && writesRefused) {
                throw new AccessDeniedException(guestPath, null, "refused");
            }
            return disk.resolve(guestPath.substring(1));
        }

        @Override
        public Socket connect(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerSocket listen(int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Properties properties(boolean write) {
            asked.add(write ? "property-write" : "property-read");
            return properties;
        }

        @Override
        public Map<String, String> environment() {
            asked.add("env-read");
            return Map.of("HOME", "/home/guest");
        }

        @Override
        public void exit(int status) {
            asked.add("exit " + status);
            throw new IllegalStateException("ended");
        }

        @Override
        public OptionalLong usage(Resource resource) {
            return resource == Resource.THREADS ? OptionalLong.of(3) : OptionalLong.empty();
        }

        @Override
        public Limit limit(Resource resource) {
            return limits.getOrDefault(resource, Limit.NONE);
        }

        @Override
        public void declareState(String name, State state) {
            asked.add("state " + name);
        }
    }

    private final FakeGuest guest = new FakeGuest();
    private final HypercallBackend backend = new HypercallBackend(() -> guest);

    @Test
    void theConsoleIsTheGuests() {
        backend.console().out().print("out");
        backend.console().err().print(" err");
        assertEquals("out err", guest.out.toString(StandardCharsets.UTF_8));
        assertSame(guest.stdin, backend.console().in());
    }

    @Test
    void theDiskWorksOnThePathsTheGuestGives() throws Exception {
        Disk d = backend.disk();
        d.createDirectories("/kv");
        d.writeString("/kv/a", "1");
        assertEquals("1", Files.readString(disk.resolve("kv/a")));
        assertEquals("1", d.readString("/kv/a"));
        assertEquals(List.of("a"), d.list("/kv"));
        assertTrue(d.delete("/kv/a"));
        assertFalse(d.exists("/kv/a"));
    }

    @Test
    void aRefusedAccessFailsAsTheGuestsTrapWould() {
        guest.writesRefused = true;
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> backend.disk().writeString("/a", "1"));
        assertEquals("/a", e.getFile());
        assertFalse(Files.exists(disk.resolve("a")));
    }

    @Test
    void propertiesAndEnvironmentAreTheGuestsAsItsPolicyDecides() {
        Environment env = backend.environment();
        assertNull(env.setProperty("kv.root", "/data"));
        assertEquals("/data", env.property("kv.root"));
        assertEquals("/data", env.clearProperty("kv.root"));
        assertEquals("/home/guest", env.getenv("HOME"));
        assertEquals(List.of("property-write", "property-read", "property-write", "env-read"), guest.asked);
    }

    @Test
    void quotasAreTheFirstLimitThatHoldsTheGuestBack() {
        guest.limits.put(Resource.CPU_TIME, new Limit(1_000, 2_000));
        guest.limits.put(Resource.DISK, Limit.soft(1 << 20));
        guest.limits.put(Resource.LIVE_HEAP, Limit.hard(64 << 20));
        guest.limits.put(Resource.OUTPUT, new Limit(100, 200));
        Quotas q = backend.quotas();
        assertEquals(new Quotas.Quota(Quotas.Quota.NOT_MEASURED, 1_000), q.cpuTime());
        assertEquals(new Quotas.Quota(Quotas.Quota.NOT_MEASURED, Quotas.Quota.UNLIMITED), q.allocated());
        assertEquals(new Quotas.Quota(Quotas.Quota.NOT_MEASURED, 64 << 20), q.liveHeap());
        assertEquals(new Quotas.Quota(3, Quotas.Quota.UNLIMITED), q.threads());
        assertEquals(new Quotas.Quota(Quotas.Quota.NOT_MEASURED, Quotas.Quota.UNLIMITED), q.openFiles());
        assertEquals(new Quotas.Quota(Quotas.Quota.NOT_MEASURED, 1 << 20), q.diskBytes());
        assertEquals(new Quotas.Quota(Quotas.Quota.NOT_MEASURED, 100), q.output());
    }

    @Test
    void exitAndStateGoToTheGuest() {
        State none = new State() {
            @Override
            public Map<String, byte[]> save() {
                return Map.of();
            }

            @Override
            public void restore(Map<String, byte[]> saved) {
            }
        };
        backend.declareState("kv", none);
        assertThrows(IllegalStateException.class, () -> backend.exit(4));
        assertEquals(List.of("state kv", "exit 4"), guest.asked);
    }

    @Test
    void aPortOutsideTheRangeIsRefusedBeforeTheGuestIsAsked() {
        assertThrows(IllegalArgumentException.class, () -> backend.network().listen(65_536));
        assertThrows(IllegalArgumentException.class, () -> backend.network().connect("localhost", -1));
    }

    @Test
    void aCallNoGuestMadeIsRefused() {
        HypercallBackend refusing = new HypercallBackend(() -> {
            throw new SecurityException("jvisor: a hypercall cannot be attributed to a guest and was refused");
        });
        assertThrows(SecurityException.class, refusing::console);
        assertThrows(SecurityException.class, refusing::clock);
        assertThrows(SecurityException.class, () -> refusing.exit(0));
    }
}
