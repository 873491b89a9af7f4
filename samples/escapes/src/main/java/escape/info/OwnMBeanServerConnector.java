package escape.info;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Puts the JVM's runtime MXBean in an MBean server of its own, serves that server by a JMX RMI
 * connector on loopback and reads the JVM's options, class path and properties through it: the
 * MXBean runs no code of the guest's, and the connector calls it on the RMI runtime's threads.
 *
 * <p>Source: JDK API, {@code MBeanServerFactory.newMBeanServer} and {@code MBeanServer.registerMBean}
 * of a platform MXBean, {@code MBeanPermission} under the SecurityManager,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.management/javax/management/MBeanServerFactory.html#newMBeanServer()
 */
public final class OwnMBeanServerConnector {

    private OwnMBeanServerConnector() {
    }

    public static void main(String[] args) {
        try {
            MBeanServer own = MBeanServerFactory.newMBeanServer();
            own.registerMBean(ManagementFactory.getRuntimeMXBean(), new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME));
            JmxConnectorAttributes.printThroughConnector("info-own-mbean-server-connector", own);
        } catch (Throwable t) {
            System.out.println("info-own-mbean-server-connector: " + t);
        }
    }
}
