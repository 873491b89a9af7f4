package escape.state;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers an MBean of its own in the JVM's platform MBean server, which every program in the JVM
 * (and JConsole, and a remote JMX client) shares: what it plants there answers for the whole JVM.
 *
 * <p>Source: JDK API, {@code MBeanServer.registerMBean}; the SecurityManager's {@code MBeanPermission}
 * once decided it, https://docs.oracle.com/en/java/javase/17/docs/api/java.management/javax/management/MBeanServer.html
 */
public final class RegisterMBean {

    private RegisterMBean() {
    }

    /** What the planted MBean offers. */
    public interface PlantedMBean {
        String getOwner();
    }

    public static void main(String[] args) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            PlantedMBean planted = () -> "escape";
            server.registerMBean(new StandardMBean(planted, PlantedMBean.class), new ObjectName("escape:type=Planted"));
            System.out.println("state-mbean-register: the platform MBean server now holds escape:type=Planted");
        } catch (Throwable t) {
            System.out.println("state-mbean-register: " + t);
        }
    }
}
