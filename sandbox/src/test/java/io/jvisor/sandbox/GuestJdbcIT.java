package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hosted guest's JDBC {@code DriverManager} is its own, as in a JVM of its own. The JDK's loads
 * the drivers of one class path, the first program's to ask, once for the JVM: a guest that asked
 * after another found none of its own ("No suitable driver"). It keeps every registered driver,
 * and so the class loader of a guest that ended. Its login timeout and log are every program's.
 * The drivers are HSQLDB and H2 from Maven Central, unmodified.
 */
class GuestJdbcIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final String APP = """
            package app;

            import java.io.PrintWriter;
            import java.io.StringWriter;
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.util.Collections;

            public final class Jdbc {
                public static void main(String[] args) throws Exception {
                    switch (args[0]) {
                        case "drivers" -> {
                            System.out.println("drivers " + Collections.list(DriverManager.getDrivers()).size());
                        }
                        case "connect" -> {
                            try (Connection c = DriverManager.getConnection(args[1], "SA", "")) {
                                System.out.println("connected " + c.getMetaData().getDatabaseProductName()
                                        + " by " + DriverManager.getDriver(args[1]).getClass().getName());
                            }
                        }
                        default -> {
                            StringWriter log = new StringWriter();
                            DriverManager.setLogWriter(new PrintWriter(log));
                            DriverManager.setLoginTimeout(7);
                            try (Connection c = DriverManager.getConnection(args[1], "SA", "")) {
                                System.out.println("timeout " + DriverManager.getLoginTimeout() + " own log "
                                        + (DriverManager.getLogWriter() != null) + " logged "
                                        + log.toString().contains("registerDriver: "));
                            }
                        }
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private Guest start(String name, String... args) throws Exception {
        Path classes = GuestSources.compile(dir.resolve(name), Map.of("app.Jdbc", APP));
        return Hypervisor.get().start(GuestSpec.builder(name)
                .classPath(classes).classPath(Path.of(System.getProperty("guest.hsqldb"))).classPath(Path.of(System.getProperty("guest.h2")))
                .mainClass("app.Jdbc").args(List.of(args)).console(Console.Mode.CAPTURE).disk(dir.resolve(name + "-disk")).build());
    }

    private static String run(Guest g) throws InterruptedException {
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut().strip();
    }

    @Test
    void aGuestFindsTheDriversOfItsClassPathWhateverAskedBefore() throws Exception {
        // the host and a guest without drivers ask first: the JDK would have loaded theirs, once
        assertNotNull(DriverManager.getDrivers());
        Path bare = GuestSources.compile(dir.resolve("bare"), Map.of("app.Jdbc", APP));
        Guest first = Hypervisor.get().start(GuestSpec.builder("jdbc-bare").classPath(bare).mainClass("app.Jdbc")
                .args(List.of("drivers")).console(Console.Mode.CAPTURE).disk(dir.resolve("bare-disk")).build());
        assertEquals("drivers 0", run(first));

        assertEquals("drivers 2", run(start("jdbc-list", "drivers")));
        assertEquals("connected HSQL Database Engine by org.hsqldb.jdbc.JDBCDriver",
                run(start("jdbc-hsqldb", "connect", "jdbc:hsqldb:mem:one")));
        assertEquals("connected H2 by org.h2.Driver", run(start("jdbc-h2", "connect", "jdbc:h2:mem:two")));
    }

    @Test
    void aGuestsLoginTimeoutAndLogAreItsOwn() throws Exception {
        int jvmsTimeout = DriverManager.getLoginTimeout();
        java.io.PrintWriter jvmsLog = DriverManager.getLogWriter();
        assertEquals("timeout 7 own log true logged true", run(start("jdbc-settings", "settings", "jdbc:hsqldb:mem:three")));
        assertEquals(jvmsTimeout, DriverManager.getLoginTimeout(), "the JVM's login timeout");
        assertSame(jvmsLog, DriverManager.getLogWriter(), "the JVM's log writer");
    }

    @Test
    void theDriversOfAGuestThatEndedHoldNothingOfIt() throws Exception {
        Guest g = start("jdbc-ended", "connect", "jdbc:hsqldb:mem:four");
        Collected loader = new Collected(g.classLoader());
        run(g);
        assertTrue(g.awaitStopped(PATIENCE), "its threads ended");
        g = null;
        assertTrue(loader.collected(), "the guest's class loader, which the JVM's DriverManager held by its driver, was collected");
    }
}
