package escape.info;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Reads the JVM's options, class path and system properties as attributes of the platform MBean
 * server's {@code java.lang:type=Runtime}, as a JMX console does: the same MXBean, reached by name
 * through the JDK's MBean server instead of by a call.
 *
 * <p>Source: JDK API, {@code MBeanServer.getAttribute} of the platform MXBeans, {@code MBeanPermission}
 * under the SecurityManager, https://docs.oracle.com/en/java/javase/17/docs/api/java.management/java/lang/management/ManagementFactory.html#getPlatformMBeanServer()
 */
public final class RuntimeMBeanAttributes {

    private RuntimeMBeanAttributes() {
    }

    public static void main(String[] args) {
        try {
            print("info-runtime-mbean-attributes", ManagementFactory.getPlatformMBeanServer());
        } catch (Throwable t) {
            System.out.println("info-runtime-mbean-attributes: " + t);
        }
    }

    /** Prints the JVM's options, class path and system properties as the server's {@code java.lang:type=Runtime} gives them. */
    static void print(String id, MBeanServerConnection server) throws Exception {
        ObjectName runtime = new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME);
        System.out.println(id + ": arguments " + String.join(" ", (String[]) server.getAttribute(runtime, "InputArguments")));
        System.out.println(id + ": class path " + server.getAttribute(runtime, "ClassPath"));
        for (Object row : ((TabularData) server.getAttribute(runtime, "SystemProperties")).values()) {
            CompositeData property = (CompositeData) row;
            System.out.println(id + ": property " + property.get("key") + "=" + property.get("value"));
        }
    }
}
