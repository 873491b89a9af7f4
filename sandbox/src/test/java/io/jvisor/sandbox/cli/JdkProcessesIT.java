package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.GuestSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processes the JDK's own code starts for a guest, past every trap: JShell's execution engine
 * launches a JVM by the debugger interface, whose launcher calls {@code Runtime.exec} itself
 * (audit 22). Run by {@code jvisor run}: the in-process tests run under the agent, which rewrites
 * the JDK's tools on the class path as the application's code.
 */
class JdkProcessesIT {

    /**
     * Starts pwd by its builder, then a JVM by the debugger interface, which says where it runs; or,
     * with an argument, makes a JShell and says why it could not.
     */
    private static final String LAUNCHER = """
            package app;

            import com.sun.jdi.Bootstrap;
            import com.sun.jdi.VirtualMachine;
            import com.sun.jdi.connect.Connector;
            import com.sun.jdi.connect.LaunchingConnector;
            import java.io.BufferedReader;
            import java.io.InputStreamReader;
            import java.util.Map;

            public final class Launcher {
                static String firstLine(Process p) throws Exception {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                        return out.readLine();
                    }
                }

                public static void main(String[] args) throws Exception {
                    if (args.length > 0 && args[0].equals("launched")) {
                        System.out.println(System.getProperty("user.dir"));
                    } else if (args.length > 0 && args[0].equals("jshell")) {
                        try {
                            jdk.jshell.JShell.create().close();
                            System.out.println("made");
                        } catch (IllegalStateException e) {
                            System.out.println(e.getMessage());
                        }
                    } else {
                        System.out.println("its own " + firstLine(new ProcessBuilder("pwd").start()));
                        LaunchingConnector launching = Bootstrap.virtualMachineManager().defaultConnector();
                        Map<String, Connector.Argument> arguments = launching.defaultArguments();
                        arguments.get("main").setValue("-cp " + System.getProperty("java.class.path") + " app.Launcher launched");
                        VirtualMachine vm = launching.launch(arguments);
                        vm.resume();
                        System.out.println("the JDK's " + firstLine(vm.process()));
                        vm.process().waitFor();
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aProcessTheJdkStartsForAGuestStartsOnItsDiskAsOneItStartsItself() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("launcher"), Map.of("app.Launcher", LAUNCHER));
        Path policy = Files.writeString(dir.resolve("process.policy"), "preset constrained\nallow process\n");
        Path disk = dir.resolve("disk");
        Launch.Result r = Launch.jvisor(dir, "run", "--policy", policy.toString(), "--disk", disk.toString(), "--main", "app.Launcher",
                classes.toString());
        String onDisk = disk.toRealPath().toString();
        // before, the JVM the JDK's launcher started (JShell's) ran in the host's working directory
        assertAll(r.toString(),
                () -> assertEquals(List.of("its own " + onDisk, "the JDK's " + onDisk), r.outLines()),
                () -> assertEquals(0, r.status()));
    }

    @Test
    void aJShellThatMayNotLaunchItsEngineSaysSo() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("launcher"), Map.of("app.Launcher", LAUNCHER));
        Launch.Result r = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(), "--main", "app.Launcher",
                classes.toString(), "jshell");
        // before, the refusal of the JDK's own Logger.setLevel, as its engine's failover logged, hid this one
        assertAll(r.toString(),
                () -> assertTrue(r.stdout().contains("may not start processes: denied by policy rule 'deny process'"), "the reason"),
                () -> assertTrue(!r.stdout().contains("Logger.setLevel"), "no other refusal"),
                () -> assertEquals(0, r.status()));
    }
}
