package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preemption: the host pauses, resumes and kills guests whose code never cooperates (there is no
 * {@code Thread.stop}); the safepoints the rewriter adds stop them. Ending a guest, however it
 * ends, ends all its threads.
 */
class PreemptionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Guest start(String name, String... args) throws GuestStartException, InterruptedException {
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).classPath(Path.of(System.getProperty("sample.busy")))
                .args(List.of(args)).console(Console.Mode.CAPTURE).build());
        assertTrue(g.console().awaitOut("started", PATIENCE), "the guest started: " + g.console().capturedErr());
        return g;
    }

    private static void assertKilled(Guest g) throws InterruptedException {
        assertTrue(g.awaitStopped(PATIENCE), "every thread of the killed guest ended; alive: " + g.liveThreads());
        GuestResult result = g.resultNow();
        assertEquals(GuestState.STOPPED, result.state());
        assertEquals(GuestResult.Ending.KILLED, result.ending());
        assertEquals(137, result.exitStatus());
        assertEquals(0, g.threadCount());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spin", "spin-catching", "count"})
    void aGuestThatNeverCooperatesIsKilled(String how) throws Exception {
        Guest g = start("kill-" + how, how);
        assertTrue(g.kill(), "this call ended the guest");
        assertKilled(g);
        assertFalse(g.kill(), "a guest ends once");
    }

    @Test
    void aPausedGuestWaitsAtItsSafepointsUntilResumed() throws Exception {
        Guest g = start("pause", "count");
        assertTrue(g.console().awaitOut("tick 1" + System.lineSeparator(), PATIENCE));
        g.pause();
        assertEquals(GuestState.PAUSED, g.state());
        assertTrue(g.awaitPaused(PATIENCE), "every thread stopped at a safepoint");
        assertThrows(IllegalStateException.class, g::pause, "a paused guest is not paused again");

        String before = g.console().capturedOut();
        int ticks = (int) before.lines().filter(l -> l.startsWith("tick ")).count();
        g.resume();
        assertEquals(GuestState.RUNNING, g.state());
        assertTrue(g.console().awaitOut("tick " + (ticks + 1) + System.lineSeparator(), PATIENCE), "it counts on after resume");
        g.kill();
        assertKilled(g);
    }

    @Test
    void aPausedGuestCanBeKilled() throws Exception {
        Guest g = start("pause-kill", "spin");
        g.pause();
        assertTrue(g.awaitPaused(PATIENCE));
        g.kill();
        assertKilled(g);
        assertThrows(IllegalStateException.class, g::resume, "a killed guest does not resume");
    }

    @Test
    void aThreadBlockedInAcceptEndsWhenItsGuestIsKilled() throws Exception {
        Guest g = start("accepting", "accept");
        assertEquals(1, g.usage(io.jvisor.sandbox.quota.Resource.OPEN_FILES), "it holds its server socket");
        g.kill();
        assertKilled(g); // its socket was closed under the blocked accept, which returned
        assertEquals(0, g.usage(io.jvisor.sandbox.quota.Resource.OPEN_FILES));
    }

    @Test
    void theDaemonThreadsOfAGuestEndWithIt() throws Exception {
        Guest g = start("daemons", "daemons", "4");
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "main returned and no non-daemon thread was left");
        assertEquals(GuestResult.Ending.RETURNED, result.ending());
        assertTrue(g.awaitStopped(PATIENCE), "its spinning daemon threads were unwound; alive: " + g.liveThreads());
    }

    @Test
    void killingOneGuestLeavesTheOthersRunning() throws Exception {
        Guest victim = start("victim", "spin");
        Guest bystander = start("bystander", "count");
        victim.kill();
        assertKilled(victim);
        assertEquals(GuestState.RUNNING, bystander.state());
        int ticks = (int) bystander.console().capturedOut().lines().filter(l -> l.startsWith("tick ")).count();
        assertTrue(bystander.console().awaitOut("tick " + (ticks + 1) + System.lineSeparator(), PATIENCE));
        bystander.kill();
        assertKilled(bystander);
    }
}
