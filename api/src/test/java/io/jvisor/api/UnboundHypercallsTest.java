package io.jvisor.api;

import io.jvisor.api.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Without a backend and without pass-through, every hypercall fails and says what to do. */
class UnboundHypercallsTest {

    private static void assertRefused(String hypercall, Executable call) {
        NoHypervisorException e = assertThrows(NoHypervisorException.class, call);
        assertEquals("jvisor: Hypercalls." + hypercall + " is a hypercall, but no hypervisor serves this program:"
                + " run it with 'jvisor run', or opt in to pass-through to the JDK with Hypercalls.passThrough()"
                + " or -Djvisor.api.passThrough=true", e.getMessage());
    }

    @Test
    void everyHypercallFailsWithTheWayOut() {
        assertRefused("console()", Hypercalls::console);
        assertRefused("disk()", Hypercalls::disk);
        assertRefused("network()", Hypercalls::network);
        assertRefused("environment()", Hypercalls::environment);
        assertRefused("clock()", Hypercalls::clock);
        assertRefused("quotas()", Hypercalls::quotas);
        assertRefused("declareState(String, State)", () -> Hypercalls.declareState("s", new EmptyState()));
    }

    @Test
    void exitThrowsInsteadOfEndingTheJvm() {
        assertRefused("exit(int)", () -> Hypercalls.exit(3));
    }

    @Test
    void aFailedHypercallBindsNothing() {
        assertThrows(NoHypervisorException.class, Hypercalls::clock);
        assertFalse(Hypercalls.virtualised());
        assertFalse(Backends.installed().isPresent());
    }

    @Test
    void theExceptionIsAnIllegalStateException() {
        assertThrows(IllegalStateException.class, Hypercalls::console);
    }
}
