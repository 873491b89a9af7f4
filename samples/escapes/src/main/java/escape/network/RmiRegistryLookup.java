package escape.network;

import java.rmi.registry.LocateRegistry;

/**
 * Looks a name up in an RMI registry at HOST:PORT: the JDK's RMI transport opens the connection
 * (JRMP), the channel of many Java deserialisation attacks.
 *
 * <p>Source: ysoserial's JRMPClient payload, https://github.com/frohoff/ysoserial
 */
public final class RmiRegistryLookup {

    private RmiRegistryLookup() {
    }

    public static void main(String[] args) throws InterruptedException {
        int colon = args[0].lastIndexOf(':');
        Thread lookup = new Thread(() -> {
            try {
                Object found = LocateRegistry.getRegistry(args[0].substring(0, colon),
                        Integer.parseInt(args[0].substring(colon + 1))).lookup("escaped");
                System.out.println("net-rmi-registry: looked up " + found);
            } catch (Throwable t) {
                System.out.println("net-rmi-registry: " + t);
            }
        }, "rmi-lookup");
        lookup.setDaemon(true);
        lookup.start();
        lookup.join(10_000);
    }
}
