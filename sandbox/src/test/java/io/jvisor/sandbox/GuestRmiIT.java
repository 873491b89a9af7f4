package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RMI runtime keeps one server socket for every program's remote objects exported on port 0,
 * with threads of its own that accept and serve them, all made on the thread of the first program
 * to export. They were that guest's (audit 17): its end closed the socket, and every later export
 * of the JVM answered on a port no one listened on; and they carried its inheritable thread-local
 * values, whose {@code childValue} ran its code in every other guest's remote call that started a
 * thread. They are the JVM's now, and forget what they inherited.
 */
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

    @TempDir
    Path dir;

    @Test
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

    private static List<String> run(GuestSpec.Builder spec) throws Exception {
        Guest g = Hypervisor.get().start(spec.console(Console.Mode.CAPTURE).build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr() + g.console().capturedOut());
        return g.console().capturedOut().lines().toList();
    }
}
