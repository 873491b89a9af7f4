package escape.info;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Serves the platform MBean server by a JMX RMI connector on loopback and reads the JVM's options,
 * class path and properties through it: the connector reads them on the RMI runtime's threads,
 * which the JDK shares between programs, not on the guest's own.
 *
 * <p>Source: JDK API, {@code JMXConnectorServerFactory.newJMXConnectorServer} over the platform
 * server, as a remote JMX console reaches a JVM,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.management/javax/management/remote/JMXConnectorServerFactory.html
 */
public final class JmxConnectorAttributes {

    private JmxConnectorAttributes() {
    }

    public static void main(String[] args) {
        try {
            printThroughConnector("info-jmx-connector-attributes", ManagementFactory.getPlatformMBeanServer());
        } catch (Throwable t) {
            System.out.println("info-jmx-connector-attributes: " + t);
        }
    }

    /** Serves a server by a JMX RMI connector on loopback and prints the JVM's runtime attributes read through it. */
    static void printThroughConnector(String id, MBeanServer server) throws Exception {
        JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), new HashMap<>(), server);
        connector.start();
        try (JMXConnector client = JMXConnectorFactory.connect(connector.getAddress())) {
            RuntimeMBeanAttributes.print(id, client.getMBeanServerConnection());
        } finally {
            connector.stop();
        }
    }
}
