package escape.state;

import javax.management.MBeanServerFactory;

/**
 * Makes an MBean server by {@code MBeanServerFactory.createMBeanServer}, which keeps it in the
 * JVM's one list of servers, where every program's {@code findMBeanServer} finds it, after the
 * guest's end too.
 *
 * <p>Source: JDK API, {@code MBeanServerFactory.createMBeanServer},
 * {@code MBeanServerPermission("createMBeanServer")} under the SecurityManager,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.management/javax/management/MBeanServerFactory.html#createMBeanServer(java.lang.String)
 */
public final class CreateMBeanServer {

    private CreateMBeanServer() {
    }

    public static void main(String[] args) {
        try {
            MBeanServerFactory.createMBeanServer("escape-planted");
            System.out.println("state-create-mbean-server: made; listed "
                    + MBeanServerFactory.findMBeanServer(null).stream().map(s -> s.getDefaultDomain()).toList());
        } catch (Throwable t) {
            System.out.println("state-create-mbean-server: " + t);
        }
    }
}
