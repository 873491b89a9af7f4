package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.policy.PolicyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a guest sees of the JVM's threads: beyond its own thread group, its own threads and
 * groups only, each look decided and audited; within its group, what the JDK shows.
 */
class ThreadViewTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();
    private final StringWriter audit = new StringWriter();

    private Guest guest;
    private GuestThreads group;
    private Thread own;
    private Thread host;
    private ThreadView view;

    private void start(String policy) throws PolicyException {
        guest = new Guest("viewer", Policy.parse(policy, "viewer.policy"), new Console("viewer", Console.Mode.CAPTURE,
                System.out, System.err, InputStream.nullInputStream()), false, new Properties(), Map.of(), AuditLog.to(audit, true));
        group = new GuestThreads(guest);
        own = parked(group, "thread-view-own");
        host = parked(Thread.currentThread().getThreadGroup(), "thread-view-host-" + System.nanoTime());
        view = new ThreadView(t -> t.getThreadGroup() == group ? guest : null);
    }

    private Thread parked(ThreadGroup in, String name) {
        Thread t = new Thread(in, () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        started.add(t);
        return t;
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        for (Thread t : started) {
            t.join();
        }
        if (group != null) {
            group.destroyIfEmpty();
        }
    }

    private static ThreadGroup top() {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return top;
    }

    private long decisions() {
        return audit.toString().lines().filter(l -> l.contains("\"operation\": \"thread-read\"")).count();
    }

    @Test
    void theStacksOfAllThreadsAreTheGuestsOwnAndTheLookIsDecided() throws PolicyException {
        start("preset constrained\n");
        Map<Thread, StackTraceElement[]> seen = view.stackTraces(guest, Thread.getAllStackTraces());
        assertEquals(Set.of(own), seen.keySet());
        assertEquals(1, decisions());
    }

    @Test
    void aGroupAboveTheGuestsOwnCountsAndListsTheGuestsThreadsAndGroupsOnly() throws PolicyException {
        start("preset constrained\n");
        Thread[] threads = new Thread[8];
        assertEquals(1, view.threads(guest, top(), threads, true));
        assertSame(own, threads[0]);
        assertEquals(1, view.threads(guest, top(), null, true), "activeCount");
        assertEquals(0, view.threads(guest, top(), threads, false), "no thread of the guest's is in the top group itself");
        assertEquals(0, view.threads(guest, top(), new Thread[0], true), "what does not fit is left out, as the JDK does");
        ThreadGroup[] groups = new ThreadGroup[8];
        assertEquals(1, view.groups(guest, top(), groups, true));
        assertSame(group, groups[0]);
        assertEquals(5, decisions());
    }

    @Test
    void theGuestsOwnGroupIsTheJdksToCountUndecided() throws PolicyException {
        start("preset constrained\ndeny thread-read\n");
        assertEquals(-1, view.threads(guest, group, null, true));
        assertEquals(-1, view.groups(guest, group, new ThreadGroup[1], true));
        assertFalse(view.list(guest, group));
        assertEquals(0, decisions());
    }

    @Test
    void aPolicyThatDeniesThreadReadRefusesEveryLookBeyondTheGuestsGroup() throws PolicyException {
        start("preset constrained\ndeny thread-read\n");
        SecurityException e = assertThrows(SecurityException.class, () -> view.stackTraces(guest, Thread.getAllStackTraces()));
        assertTrue(e.getMessage().contains("may not list the JVM's threads: denied by policy rule 'deny thread-read'"), e.getMessage());
        assertThrows(SecurityException.class, () -> view.threads(guest, top(), new Thread[8], true));
        assertThrows(SecurityException.class, () -> view.ids(guest, new long[] {own.getId()}));
    }

    @Test
    void theThreadMXBeanShowsTheGuestsThreadsAndLooksUpNoOtherById() throws PolicyException {
        start("preset constrained\n");
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assertArrayEquals(new long[] {own.getId()}, view.ids(guest, bean.getAllThreadIds()));
        assertArrayEquals(new long[] {own.getId(), Long.MAX_VALUE}, view.asked(guest, new long[] {own.getId(), host.getId()}));
        ThreadInfo[] dumped = view.infos(guest, bean.dumpAllThreads(false, false));
        assertEquals(List.of("thread-view-own"), Arrays.stream(dumped).map(ThreadInfo::getThreadName).toList());
        assertEquals(1, view.count(guest, false));
        assertEquals(1, view.count(guest, true), "the guest's thread is a daemon");
    }

    @Test
    void anInterruptOfTheTopGroupInterruptsTheGuestsThreadsOnly() throws Exception {
        start("preset constrained\n");
        assertTrue(view.act(guest, top(), "interrupt"));
        own.join(10_000);
        assertFalse(own.isAlive(), "the guest's thread was interrupted");
        host.join(100);
        assertTrue(host.isAlive() && !host.isInterrupted(), "the host's was not");
        assertEquals(1, decisions());
    }

    @Test
    void aChangeOfAGroupAboveTheGuestsOwnIsJvmWideStateAndOfItsOwnTheJdks() throws PolicyException {
        start("preset constrained\n");
        SecurityException e = assertThrows(SecurityException.class, () -> view.act(guest, top(), "setMaxPriority"));
        assertTrue(e.getMessage().contains("may not call ThreadGroup.setMaxPriority of a group that holds other programs' threads: "
                + "denied by policy rule 'deny global-state'"), e.getMessage());
        assertFalse(view.act(guest, group, "interrupt"), "the JDK interrupts the guest's own group");
        assertFalse(view.act(guest, group, "setMaxPriority"));
    }

    @Test
    void aListOfTheTopGroupPrintsTheGuestsThreadsOnItsConsole() throws PolicyException {
        start("preset constrained\n");
        assertTrue(view.list(guest, top()));
        String out = guest.console().capturedOut();
        assertTrue(out.startsWith(top().toString()), out);
        assertTrue(out.contains("    " + own), out);
        assertFalse(out.contains(host.getName()), out);
    }
}
