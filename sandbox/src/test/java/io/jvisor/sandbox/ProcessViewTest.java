package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.policy.PolicyException;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a guest sees of the JVM's process: its own command line and properties, each look decided as a property read. */
class ProcessViewTest {

    private static final GuestCommand COMMAND = GuestCommand.of(GuestSpec.builder("viewer").classPath(Path.of("app.jar"))
            .classPath(Path.of("lib", "..", "dep.jar")).property("n", "42").args(List.of("a", "b c")).build(), "app.Main");

    private final StringWriter audit = new StringWriter();

    private Guest guest(String policy) throws PolicyException {
        Properties properties = new Properties();
        properties.setProperty("java.home", "/jdk");
        properties.setProperty("java.class.path", "/app.jar");
        properties.setProperty("java.library.path", "/lib");
        properties.put("not-a-string", 42);
        Guest g = new Guest("viewer", Policy.parse(policy, "viewer.policy"), new Console("viewer", Console.Mode.CAPTURE,
                System.out, System.err, InputStream.nullInputStream()), false, properties, Map.of(), AuditLog.to(audit, true));
        g.launchedAs(COMMAND);
        return g;
    }

    @Test
    void aGuestsCommandIsJavaWithItsOptionsClassPathMainClassAndArguments() {
        String classPath = Path.of("app.jar").toAbsolutePath() + File.pathSeparator + Path.of("dep.jar").toAbsolutePath();
        assertEquals(List.of("-Dn=42", "-cp", classPath, "app.Main", "a", "b c"), COMMAND.arguments());
        assertEquals("app.Main a b c", COMMAND.javaCommand());
        assertEquals(List.of(), GuestCommand.NONE.arguments(), "a scope of the application's was started by no launcher");
    }

    @Test
    void theJvmsProcessInformationIsTheGuestsOwnCommandLine() throws PolicyException {
        Guest g = guest("preset constrained\n");
        ProcessHandle.Info jvm = ProcessHandle.current().info();
        ProcessHandle.Info seen = ProcessView.info(g, ProcessHandle.current(), jvm);
        assertEquals("/jdk/bin/java", seen.command().orElseThrow());
        assertArrayEquals(COMMAND.arguments().toArray(), seen.arguments().orElseThrow());
        assertEquals("/jdk/bin/java " + String.join(" ", COMMAND.arguments()), seen.commandLine().orElseThrow());
        assertEquals(jvm.user(), seen.user(), "the process's");
        assertEquals(jvm.startInstant(), seen.startInstant(), "the process's");
        assertTrue(audit.toString().contains("\"operation\": \"property-read\""), audit.toString());
    }

    @Test
    void anotherProcesssInformationIsTheJdks() throws Exception {
        Guest g = guest("preset constrained\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        try {
            ProcessHandle.Info info = child.info();
            assertSame(info, ProcessView.info(g, child.toHandle(), info));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    @Test
    void theRuntimeMXBeanShowsTheGuestsOptionsPathsAndStringProperties() throws PolicyException {
        Guest g = guest("preset constrained\n");
        assertEquals(List.of("-Dn=42"), ProcessView.runtime(g, "getInputArguments", List.of("-Xmx1g")));
        assertEquals("/app.jar", ProcessView.runtime(g, "getClassPath", "host.jar"));
        assertEquals("/lib", ProcessView.runtime(g, "getLibraryPath", "/host/lib"));
        assertEquals(Map.of("java.home", "/jdk", "java.class.path", "/app.jar", "java.library.path", "/lib"),
                ProcessView.runtime(g, "getSystemProperties", Map.of()));
    }

    @Test
    void aPolicyThatDeniesPropertyReadsRefusesTheLook() throws PolicyException {
        Guest g = guest("preset constrained\ndeny property-read\n");
        assertThrows(SecurityException.class, () -> ProcessView.info(g, ProcessHandle.current(), ProcessHandle.current().info()));
        assertThrows(SecurityException.class, () -> ProcessView.runtime(g, "getClassPath", "host.jar"));
    }
}
