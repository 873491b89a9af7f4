package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RMI runtime keeps one server socket for every program's remote objects exported on port 0,
 * with threads of its own that accept and serve them, all made on the thread of the first program
 * to export. They were that guest's (audit 17): its end closed the socket, and every later export
 * of the JVM answered on a port no one listened on; and they carried its inheritable thread-local
 * values, whose {@code childValue} ran its code in every other guest's remote call that started a
 * thread. They are the JVM's now, and forget what they inherited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first needs an RMI runtime no test made yet
class GuestRmiIT {

    /**
     * Sets an inheritable thread-local value of its own (args[0] "first"), exports a remote object on
     * port 0, calls it (its method starts a thread), and ends; says where the value's
     * {@code childValue} ran off its main thread.
     */
    private static final String REMOTE = """
            import java.rmi.Remote;
            import java.rmi.RemoteException;
            import java.rmi.server.UnicastRemoteObject;

            public class Remotes {
                public interface Hello extends Remote { String hi() throws RemoteException; }

                static final InheritableThreadLocal<String> INHERITED = new InheritableThreadLocal<>() {
                    @Override
                    protected String childValue(String parent) {
                        if (!Thread.currentThread().getName().equals("main")) {
                            System.out.println("childValue ran on " + Thread.currentThread().getName());
                        }
                        return parent;
                    }
                };

                public static final class Impl implements Hello {
                    public String hi() {
                        new Thread(() -> { }).start();
                        return "served";
                    }
                }

                public static void main(String[] args) throws Exception {
                    if (args[0].equals("first")) {
                        INHERITED.set("the first guest's");
                    }
                    Impl impl = new Impl();
                    Hello stub = (Hello) UnicastRemoteObject.exportObject(impl, 0);
                    System.out.println(stub.hi());
                    UnicastRemoteObject.unexportObject(impl, true);
                }
            }
            """;

    /** Lists the names of the registry at 127.0.0.1:args[0], or says why not. */
    private static final String LISTER = """
            import java.rmi.registry.LocateRegistry;
            import java.util.Arrays;

            public class Lister {
                public static void main(String[] args) throws Exception {
                    try {
                        System.out.println("listed " + Arrays.toString(LocateRegistry.getRegistry("127.0.0.1", Integer.parseInt(args[0])).list()));
                    } catch (java.rmi.RemoteException e) {
                        System.out.println("refused: " + e.getMessage());
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void theRmiRuntimeIsTheJvmsNotTheFirstExportingGuests() throws Exception {
        assumeTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("RMI TCP Accept")),
                "the RMI runtime of this JVM listens already, made by another test");
        Path classes = GuestSources.compile(dir.resolve("classes"), Map.of("Remotes", REMOTE));
        Policy calls = Policy.parse("preset constrained\nallow connect 127.0.0.1:*\n", "calls.policy");

        assertEquals(List.of("served"), run(GuestSpec.builder("first").classPath(classes).mainClass("Remotes").policy(calls)
                .args(List.of("first")).disk(dir.resolve("first"))), "the first guest's own call, on the JVM's threads, which did not inherit its value");
        // before: "java.rmi.ConnectException: Connection refused", the first guest's end having closed the JVM's socket
        assertEquals(List.of("served"), run(GuestSpec.builder("second").classPath(classes).mainClass("Remotes").policy(calls)
                .args(List.of("second")).disk(dir.resolve("second"))), "the second guest's, with no code of the first's");
    }

    @Test
    @Order(2)
    void aGuestDeniedEveryConnectCallsNoRegistryOverTheHostsFreeConnection() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        java.rmi.registry.Registry registry = java.rmi.registry.LocateRegistry.createRegistry(port);
        try {
            // the host's call leaves its connection free for the endpoint, JVM-wide
            assertEquals(0, java.rmi.registry.LocateRegistry.getRegistry("127.0.0.1", port).list().length);
            Path classes = GuestSources.compile(dir.resolve("lister"), Map.of("Lister", LISTER));

            // before, the guest's call took the host's connection, and no connect was decided (audit 21)
            List<String> out = run(GuestSpec.builder("lister").classPath(classes).mainClass("Lister")
                    .args(List.of(String.valueOf(port))).disk(dir.resolve("lister")));
            String said = String.join("\n", out);
            assertTrue(said.startsWith("refused: ") && said.contains("denied by policy rule 'deny connect'"), said);
        } finally {
            java.rmi.server.UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    private static List<String> run(GuestSpec.Builder spec) throws Exception {
        Guest g = Hypervisor.get().start(spec.console(Console.Mode.CAPTURE).build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr() + g.console().capturedOut());
        return g.console().capturedOut().lines().toList();
    }
}
