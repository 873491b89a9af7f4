package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guest's {@code java.util.logging} is its own and works as in a JVM of its own: its loggers
 * under its own root logger with the JDK's default configuration (a console handler at INFO, on
 * its own standard error), levels inherited, a file handler writing on its disk, {@code
 * System.getLogger} reaching the same loggers. Two guests using the same logger name do not see
 * each other's levels, handlers or records, and the host's logger of that name is untouched. The
 * guest is the hello sample, logging with {@code --log}.
 */
class GuestLoggingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The name of the hello sample's logger, which the host uses too here. */
    private static final String NAME = "guest.hello";

    @TempDir
    Path dir;

    private final Logger host = Logger.getLogger(NAME);
    private final List<String> hostRecords = new CopyOnWriteArrayList<>();
    private final Handler hostHandler = new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
            hostRecords.add(logRecord.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void hostLogs() {
        host.setLevel(Level.SEVERE);
        host.addHandler(hostHandler);
        Logger.getGlobal().addHandler(hostHandler);
    }

    @AfterEach
    void hostStopsLogging() {
        host.removeHandler(hostHandler);
        Logger.getGlobal().removeHandler(hostHandler);
        host.setLevel(null);
    }

    private Guest run(String name, String text) throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).classPath(Path.of(System.getProperty("sample.hello")))
                .args(List.of("--log=/" + name + ".log=" + text)).console(Console.Mode.CAPTURE).disk(dir.resolve(name)).build());
        GuestResult r = g.await(PATIENCE);
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g;
    }

    private String logFile(String name) throws Exception {
        return Files.readString(dir.resolve(name).resolve(name + ".log"));
    }

    @Test
    void aGuestsLoggingWorksAsInAJvmOfItsOwn() throws Exception {
        Guest g = run("logs", "from-logs");
        String out = g.console().capturedOut();
        String err = g.console().capturedErr();
        String file = logFile("logs");
        assertAll(out + err,
                () -> assertTrue(out.contains("logger guest.hello.child: parent guest.hello, level null, fine loggable true,"
                        + " handlers of the program's 1, root's [java.util.logging.ConsoleHandler@INFO], root is the manager's true,"
                        + " global's parent is the root true, the field is the global true,"
                        + " loggers [, global, guest.hello, guest.hello.child]"), "its loggers"),
                () -> assertTrue(out.contains("the logging MXBean's loggers [, global, guest.hello, guest.hello.child],"
                        + " guest.hello at FINE, set to FINER, parent guest.hello"), "the JVM's logging MXBean shows its own"),
                () -> assertEquals(Level.SEVERE, host.getLevel(), "the host's logger of the name the MXBean set keeps its level"),
                () -> assertTrue(file.contains("INFO: from-logs"), "the file handler on its disk has the child's INFO"),
                () -> assertTrue(file.contains("FINE: fine: from-logs"), "and its FINE, by the program's level"),
                () -> assertFalse(file.contains("finest"), "not its FINEST"),
                () -> assertTrue(file.contains("WARNING: system logger: from-logs"), "System.getLogger reaches the same logger"),
                () -> assertTrue(err.contains("INFO: from-logs"), "the root's console handler writes on its own standard error"),
                () -> assertTrue(err.contains("INFO: global: from-logs"), "Logger.global is its own global logger"),
                () -> assertEquals(List.of(), hostRecords, "the host's handler saw no record of the guest's"),
                () -> assertFalse(err.contains("fine: from-logs"), "at INFO"));
    }

    @Test
    void aConfigurationFileTheGuestDoesNotHaveLeavesItsLoggingUnconfiguredAsNatively() throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder("unconfigured").classPath(Path.of(System.getProperty("sample.hello")))
                .property("java.util.logging.config.file", "/nowhere/logging.properties")
                .args(List.of("--log=/unconfigured.log=quiet")).console(Console.Mode.CAPTURE).disk(dir.resolve("unconfigured")).build());
        GuestResult r = g.await(PATIENCE);
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        String err = g.console().capturedErr();
        assertAll(err,
                () -> assertFalse(err.contains("jvisor"), "no word of jvisor's"),
                () -> assertFalse(err.contains("INFO: quiet"), "no console handler: the root logger has none"),
                () -> assertTrue(logFile("unconfigured").contains("INFO: quiet"), "its own file handler logs"));
    }

    @Test
    void twoGuestsOfOneLoggerNameSeeNeitherEachOthersNorTheHostsLogger() throws Exception {
        Handler[] hostHandlers = host.getHandlers();
        Level rootLevel = Logger.getLogger("").getLevel();
        Guest first = run("first", "from-first");
        Guest second = run("second", "from-second");
        String firstFile = logFile("first");
        String secondFile = logFile("second");
        assertAll(
                () -> assertTrue(second.console().capturedOut().contains("handlers of the program's 1,"),
                        "the second guest's logger has its own handler only: " + second.console().capturedOut()),
                () -> assertTrue(firstFile.contains("from-first") && !firstFile.contains("from-second"),
                        "the first guest's handler saw its own records only: " + firstFile),
                () -> assertTrue(secondFile.contains("from-second") && !secondFile.contains("from-first"),
                        "the second guest's handler saw its own records only: " + secondFile),
                () -> assertFalse(first.console().capturedErr().contains("from-second"), "nor its console"),
                () -> assertEquals(List.of(), hostRecords, "the host's handler of the same name saw no guest's record"),
                () -> assertEquals(Level.SEVERE, host.getLevel(), "the host's logger keeps its level"),
                () -> assertArrayEquals(hostHandlers, host.getHandlers(), "and its handlers"),
                () -> assertEquals(rootLevel, Logger.getLogger("").getLevel(), "the JVM's root logger keeps its level"),
                () -> assertSame(host, Logger.getLogger(NAME), "the host still finds its own logger by the name"));
    }
}
