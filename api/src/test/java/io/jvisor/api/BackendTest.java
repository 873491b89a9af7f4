package io.jvisor.api;

import io.jvisor.api.spi.Backend;
import io.jvisor.api.spi.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a backend installed, as under jvisor: every hypercall reaches it, and it cannot be replaced. */
class BackendTest {

    private static final RecordingBackend BACKEND = new RecordingBackend();

    @BeforeAll
    static void install() {
        Backends.install(BACKEND);
    }

    @BeforeEach
    void forget() {
        BACKEND.calls.clear();
    }

    @Test
    void eachDeviceComesFromTheBackend() throws Exception {
        Hypercalls.console().out();
        Hypercalls.disk().exists("/a");
        Hypercalls.network().listen(80);
        Hypercalls.environment().property("p");
        Hypercalls.clock().nanoTime();
        assertEquals(List.of("console()", "Console.out", "disk()", "Disk.exists /a", "network()", "Network.listen 80",
                "environment()", "Environment.property p", "clock()", "Clock.nanoTime"), BACKEND.calls);
    }

    @Test
    void quotasAreTheBackendsSnapshot() {
        assertSame(RecordingBackend.QUOTAS, Hypercalls.quotas());
        assertEquals(List.of("quotas()"), BACKEND.calls);
    }

    @Test
    void stateIsDeclaredToTheBackend() {
        State state = new EmptyState();
        Hypercalls.declareState("store", state);
        assertEquals(List.of("declareState store"), BACKEND.calls);
        assertSame(state, BACKEND.declared);
    }

    @Test
    void exitGoesToTheBackend() {
        Exited e = assertThrows(Exited.class, () -> Hypercalls.exit(7));
        assertEquals(7, e.status);
    }

    @Test
    void aBackendThatReturnsFromExitIsCaught() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hypercalls.exit(RecordingBackend.RETURNS));
        assertEquals("jvisor: the backend recording backend returned from exit(99)", e.getMessage());
    }

    @Test
    void aSecondInstallIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.install(new RecordingBackend()));
        assertEquals("jvisor: hypercalls are bound already, to recording backend", e.getMessage());
        assertSame(BACKEND, Backends.installed().orElseThrow());
    }

    @Test
    void passThroughIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Hypercalls::passThrough);
        assertEquals("jvisor: pass-through is refused: this program runs under a hypervisor, which serves its hypercalls",
                e.getMessage());
        assertSame(BACKEND, Backends.installed().orElseThrow());
    }

    @Test
    void theProgramKnowsItIsVirtualised() {
        assertTrue(Hypercalls.virtualised());
    }

    /** How the recording backend ends a guest. */
    static final class Exited extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Exited(int status) {
            super("exit " + status);
            this.status = status;
        }
    }

    /** Records each call, of the backend and of the devices it hands out. */
    static final class RecordingBackend implements Backend {
        static final Quotas QUOTAS = new Quotas(new Quotas.Quota(5, 10), Quotas.Quota.NONE, new Quotas.Quota(4096, 1 << 20),
                Quotas.Quota.NONE, Quotas.Quota.NONE, Quotas.Quota.NONE, Quotas.Quota.NONE);
        static final int RETURNS = 99;
        final List<String> calls = new ArrayList<>();
        State declared;

        private <T> T device(String accessor, Class<T> type) {
            calls.add(accessor);
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                calls.add(type.getSimpleName() + "." + method.getName() + (args == null ? "" : " " + args[0]));
                return method.getReturnType() == boolean.class ? Boolean.FALSE
                        : method.getReturnType() == long.class ? Long.valueOf(0) : null;
            }));
        }

        @Override
        public Console console() {
            return device("console()", Console.class);
        }

        @Override
        public Disk disk() {
            return device("disk()", Disk.class);
        }

        @Override
        public Network network() {
            return device("network()", Network.class);
        }

        @Override
        public Environment environment() {
            return device("environment()", Environment.class);
        }

        @Override
        public Clock clock() {
            return device("clock()", Clock.class);
        }

        @Override
        public Quotas quotas() {
            calls.add("quotas()");
            return QUOTAS;
        }

        @Override
        public void exit(int status) {
            if (status != RETURNS) {
                throw new Exited(status);
            }
        }

        @Override
        public void declareState(String name, State state) {
            calls.add("declareState " + name);
            declared = state;
        }

        @Override
        public String toString() {
            return "recording backend";
        }
    }
}
