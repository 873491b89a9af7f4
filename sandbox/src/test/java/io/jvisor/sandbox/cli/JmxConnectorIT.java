package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvisor.sandbox.GuestSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JMX connector a guest serves its platform MBean server by shows it its own view of the JVM's
 * MBeans (audit 22): the connector reads them on the RMI runtime's threads, which the JDK shares
 * between programs. Run by {@code jvisor run}: a connector exports on the JVM's one RMI runtime,
 * which the in-process tests of the RMI runtime need to find unmade.
 */
class JmxConnectorIT {

    /**
     * Reads the JVM's MBeans through its platform server and through a JMX connector it serves that
     * server by, on loopback, and says which attributes differ.
     */
    private static final String CONNECTED = """
            import java.lang.management.ManagementFactory;
            import java.util.*;
            import javax.management.*;
            import javax.management.openmbean.*;
            import javax.management.remote.*;

            public class Connected {
                static List<String> view(MBeanServerConnection server) throws Exception {
                    ObjectName runtime = new ObjectName("java.lang:type=Runtime");
                    TabularData properties = (TabularData) server.getAttribute(runtime, "SystemProperties");
                    List<String> view = new ArrayList<>();
                    for (String key : List.of("sun.java.command", "java.class.path", "user.dir", "user.home")) {
                        view.add(key + "=" + ((CompositeData) properties.get(new Object[] {key})).get("value"));
                    }
                    view.add("InputArguments=" + Arrays.toString((String[]) server.getAttribute(runtime, "InputArguments")));
                    view.add("LoggerNames=" + Arrays.toString((String[]) server.getAttribute(
                            new ObjectName("java.util.logging:type=Logging"), "LoggerNames")));
                    return view;
                }

                public static void main(String[] args) throws Exception {
                    MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
                    List<String> local = view(platform);
                    JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(
                            new JMXServiceURL("service:jmx:rmi://127.0.0.1"), new HashMap<>(), platform);
                    connector.start();
                    try (JMXConnector client = JMXConnectorFactory.connect(connector.getAddress())) {
                        List<String> remote = view(client.getMBeanServerConnection());
                        for (int i = 0; i < local.size(); i++) {
                            System.out.println(local.get(i).equals(remote.get(i)) ? "same " + local.get(i).split("=")[0]
                                    : "differs: " + local.get(i) + " / " + remote.get(i));
                        }
                    } finally {
                        connector.stop();
                    }
                }
            }
                        """;

    /**
     * Puts the JVM's runtime and threading MXBeans in an MBean server of its own, serves it by a JMX
     * connector, and through it reads the JVM's options and switches the measurement of CPU time off.
     */
    private static final String OWN_SERVER = """
            import java.lang.management.ManagementFactory;
            import java.util.*;
            import javax.management.*;
            import javax.management.remote.*;

            public class OwnServer {
                public static void main(String[] args) throws Exception {
                    MBeanServer own = MBeanServerFactory.newMBeanServer();
                    ObjectName runtime = new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME);
                    ObjectName threads = new ObjectName(ManagementFactory.THREAD_MXBEAN_NAME);
                    own.registerMBean(ManagementFactory.getRuntimeMXBean(), runtime);
                    own.registerMBean(ManagementFactory.getThreadMXBean(), threads);
                    JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(
                            new JMXServiceURL("service:jmx:rmi://127.0.0.1"), new HashMap<>(), own);
                    connector.start();
                    try (JMXConnector client = JMXConnectorFactory.connect(connector.getAddress())) {
                        MBeanServerConnection remote = client.getMBeanServerConnection();
                        List<String> options = Arrays.asList((String[]) remote.getAttribute(runtime, "InputArguments"));
                        System.out.println(options.equals(ManagementFactory.getRuntimeMXBean().getInputArguments())
                                ? "its own options" : "other options: " + options);
                        try {
                            remote.setAttribute(threads, new Attribute("ThreadCpuTimeEnabled", false));
                            System.out.println("switched");
                        } catch (RuntimeMBeanException e) {
                            System.out.println("refused: " + e.getCause().getClass().getName());
                        }
                    } finally {
                        connector.stop();
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theJvmsMXBeansAGuestServesFromAServerOfItsOwnActAsTheGuests() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("own"), Map.of("OwnServer", OWN_SERVER));
        Launch.Result r = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(), "--main", "OwnServer", classes.toString());
        // before, the calls ran on RMI's threads as the host's: its options read, CPU time switched off (audit 24)
        assertAll(r.toString(),
                () -> assertEquals(List.of("its own options", "refused: java.lang.SecurityException"), r.outLines()),
                () -> assertEquals(0, r.status()));
    }

    @Test
    void aJmxConnectorAGuestServesItsPlatformServerByShowsItsOwnViewNotTheHosts() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("connected"), Map.of("Connected", CONNECTED));
        Launch.Result r = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(), "--main", "Connected", classes.toString());
        // before, read on the RMI runtime's threads, the host's: its command line, options, paths and loggers
        assertAll(r.toString(),
                () -> assertEquals(List.of("same sun.java.command", "same java.class.path", "same user.dir", "same user.home",
                        "same InputArguments", "same LoggerNames"), r.outLines()),
                () -> assertEquals(0, r.status()));
    }
}
