package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.management.GuestMXBean;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each guest is an MBean while it lives: what JConsole or VisualVM show of it, and what they can
 * change (a quota, pause, kill), through the platform MBean server.
 */
class GuestMXBeanIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** Makes MBean servers that the JDK would list for every program, uses one, releases the other. */
    private static final String CREATED = """
            import java.util.List;
            import java.util.stream.Collectors;
            import javax.management.*;

            public class Created {
                public interface CounterMBean {
                    int getCount();
                }

                public static class Counter implements CounterMBean {
                    public int getCount() {
                        return 7;
                    }
                }

                static String domains() {
                    return MBeanServerFactory.findMBeanServer(null).stream().map(MBeanServer::getDefaultDomain)
                            .collect(Collectors.joining(", "));
                }

                public static void main(String[] args) throws Exception {
                    MBeanServer kept = MBeanServerFactory.createMBeanServer("guest-kept");
                    MBeanServer released = MBeanServerFactory.createMBeanServer("guest-released");
                    System.out.println("found " + domains());
                    ObjectName name = new ObjectName("app:type=Counter");
                    kept.registerMBean(new Counter(), name);
                    System.out.println("count " + kept.getAttribute(name, "Count"));
                    MBeanServerFactory.releaseMBeanServer(released);
                    System.out.println("found " + domains());
                    try {
                        MBeanServerFactory.releaseMBeanServer(released);
                    } catch (IllegalArgumentException e) {
                        System.out.println("released already");
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestIsAnMBeanThatShowsItsStateAndUsageAndTakesQuotasAndAKill() throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder("watched").classPath(Path.of(System.getProperty("sample.busy")))
                .args(List.of("count")).console(Console.Mode.CAPTURE).build());
        assertTrue(g.console().awaitOut("tick 1", PATIENCE));
        Set<ObjectName> names = server.queryNames(new ObjectName("io.jvisor:type=Guest,name=\"watched\",*"), null);
        assertEquals(1, names.size(), "one bean for the guest: " + names);
        ObjectName name = names.iterator().next();
        GuestMXBean bean = JMX.newMXBeanProxy(server, name, GuestMXBean.class);

        assertEquals("watched", bean.getName());
        assertEquals("RUNNING", bean.getState());
        assertEquals("FULL", bean.getMode());
        assertEquals("preset constrained", bean.getPolicy());
        assertEquals(1, bean.getThreadCount());
        assertTrue(bean.getUsage().get("output") > 0, "it has written: " + bean.getUsage());
        assertTrue(bean.getDecisions().get("stdout") > 0, "each System.out read was decided: " + bean.getDecisions());
        assertEquals("", bean.getResult());

        bean.pause();
        assertEquals("PAUSED", bean.getState());
        bean.resume();
        bean.setQuota("output", "1M/");
        assertEquals("soft 1.0 MiB", bean.getQuotas().get("output"));

        CountDownLatch unregistered = awaitUnregistration(name);
        bean.kill();
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result);
        assertEquals(GuestResult.Ending.KILLED, result.ending());
        assertTrue(unregistered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the bean goes once the guest's threads have");
        assertTrue(g.awaitStopped(PATIENCE));
    }

    /** Runs a guest of one class to its end, which must be a return: its output's lines. */
    private List<String> outputOf(String mainClass, String source) throws Exception {
        Path classes = GuestSources.compile(dir.resolve(mainClass), java.util.Map.of(mainClass, source));
        Guest g = Hypervisor.get().start(GuestSpec.builder(mainClass.toLowerCase(java.util.Locale.ROOT)).classPath(classes)
                .mainClass(mainClass).console(Console.Mode.CAPTURE).build());
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut().lines().toList();
    }

    @Test
    void theMBeanServersAGuestCreatesAreInAListOfItsOwn() throws Exception {
        assertEquals(List.of("found DefaultDomain, guest-kept, guest-released", "count 7", "found DefaultDomain, guest-kept",
                "released already"), outputOf("Created", CREATED));
        // before, the JVM's list kept them for every program to find, after the guest's end too
        assertEquals(List.of(), javax.management.MBeanServerFactory.findMBeanServer(null).stream().map(MBeanServer::getDefaultDomain)
                .filter(domain -> domain.startsWith("guest-")).toList(), "the host's list");
    }

    @Test
    void aGuestsLiveHeapIsInItsUsageAndALimitSetThereKillsIt() throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder("holding").classPath(Path.of(System.getProperty("sample.busy")))
                .args(List.of("hoard", "4")).console(Console.Mode.CAPTURE).build());
        assertTrue(g.console().awaitOut("holding 4 MiB", PATIENCE), g.console().capturedErr());
        Set<ObjectName> names = server.queryNames(new ObjectName("io.jvisor:type=Guest,name=\"holding\",*"), null);
        GuestMXBean bean = JMX.newMXBeanProxy(server, names.iterator().next(), GuestMXBean.class);

        long live = bean.getUsage().get("live-heap");
        assertTrue(live >= 4 << 20 && live < 5 << 20, "the 4 MiB it holds, and little more: " + live);
        bean.setQuota("live-heap", "2M");
        // what the bean shows (GuestBean.getQuotas), read from the guest: the limit may kill it,
        // and its bean go, before the bean could be asked
        assertEquals("hard 2.0 MiB", g.quotas().get(Resource.LIVE_HEAP).describe(Resource.LIVE_HEAP));
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result);
        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending());
        // the walk that finds it over may stop just past the limit, or be the full one made as the limit was set
        assertTrue(result.detail().startsWith("over its live-heap quota: used at least "), result.detail());
        assertTrue(result.detail().endsWith(", hard limit 2.0 MiB"), result.detail());
        assertTrue(g.awaitStopped(PATIENCE));
    }

    private CountDownLatch awaitUnregistration(ObjectName name) throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification n
                    && MBeanServerNotification.UNREGISTRATION_NOTIFICATION.equals(n.getType()) && name.equals(n.getMBeanName())) {
                gone.countDown();
            }
        };
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        return gone;
    }
}
