package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a guest hosted in this JVM learns of the JVM: its own threads, command line and
 * properties, never the host's or another guest's running beside it; and what it reaches of the
 * JVM's threads: its own. The guests are techniques of the escape suite, which print what they find.
 */
class HostInformationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private final String secret = "host-information-secret-" + System.nanoTime();
    private Thread hostThread;
    private Guest bystander;

    @BeforeEach
    void hostAndBystanderRun() throws Exception {
        hostThread = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, secret);
        hostThread.setDaemon(true);
        hostThread.start();
        bystander = Hypervisor.get().start(GuestSpec.builder("bystander").classPath(Path.of(System.getProperty("sample.busy")))
                .args(List.of("spin-catching")).console(Console.Mode.CAPTURE).disk(dir.resolve("bystander")).build());
        assertTrue(bystander.console().awaitOut("started", PATIENCE), bystander.console().capturedErr());
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        bystander.kill();
        assertTrue(bystander.awaitStopped(PATIENCE));
        hostThread.join();
    }

    private static Path escapes() {
        return Path.of(System.getProperty("sample.escapes"));
    }

    /** Runs a technique of the escape suite to its end, with {@code -Dn=42} and the arguments {@code a1 a2}; what it printed. */
    private String run(String technique) throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder(technique.substring(technique.lastIndexOf('.') + 1))
                .classPath(escapes()).mainClass(technique).property("n", "42").args(List.of("a1", "a2"))
                .console(Console.Mode.CAPTURE).disk(dir.resolve(technique)).build());
        GuestResult r = g.await(PATIENCE);
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut();
    }

    private void seesItsOwnThreadsOnly(String out, String own) {
        assertAll(out,
                () -> assertTrue(out.contains(own), "its own"),
                () -> assertFalse(out.contains(secret), "a thread of the host's"),
                () -> assertFalse(out.contains("guest-bystander"), "the other guest's thread group"),
                () -> assertFalse(out.contains("guest.busy"), "the other guest's code"),
                () -> assertFalse(out.contains("Reference Handler"), "a thread of the JVM's own"));
    }

    @Test
    void allStackTracesAreTheGuestsOwn() throws Exception {
        seesItsOwnThreadsOnly(run("escape.info.AllStackTraces"), "thread \"main\" at ");
    }

    @Test
    void theTopThreadGroupHoldsTheGuestsThreadsAndGroupOnly() throws Exception {
        String out = run("escape.info.ThreadGroupEnumerate");
        seesItsOwnThreadsOnly(out, "group \"guest-ThreadGroupEnumerate\"");
        assertEquals(2, out.lines().count(), out);
        seesItsOwnThreadsOnly(run("escape.info.ThreadGroupList"), "Thread[");
    }

    @Test
    void theThreadMXBeanShowsTheGuestsThreadsWhetherListedOrGuessedById() throws Exception {
        String out = run("escape.info.ThreadMXBeanDump");
        seesItsOwnThreadsOnly(out, "dumped \"main\"");
        assertTrue(out.contains("info-thread-mxbean-dump: peak 1, started 1" + System.lineSeparator()), out);
        assertTrue(out.endsWith(": 1 threads" + System.lineSeparator()), out);
        String guessed = run("escape.info.ThreadInfoById");
        seesItsOwnThreadsOnly(guessed, "is \"main\"");
        assertEquals(1, guessed.lines().count(), guessed);
    }

    @Test
    void aGuestResetsItsOwnPeakOfThreadsNotTheJvms() throws Exception {
        java.lang.management.ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        Thread[] burst = new Thread[16];
        CountDownLatch started = new CountDownLatch(burst.length);
        for (int i = 0; i < burst.length; i++) {
            burst[i] = new Thread(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            burst[i].start();
        }
        started.await();
        int peak = jvm.getPeakThreadCount();
        release.countDown();
        for (Thread t : burst) {
            t.join();
        }

        assertTrue(run("escape.info.ThreadMXBeanDump").contains("peak 1, started 1"));

        assertTrue(jvm.getPeakThreadCount() >= peak, "the JVM's peak stays: " + jvm.getPeakThreadCount() + " < " + peak);
    }

    @Test
    void anInterruptOfTheTopThreadGroupReachesTheGuestsThreadsOnly() throws Exception {
        assertTrue(run("escape.threads.TopGroupInterrupt").startsWith("thread-group-interrupt: interrupted the threads of system"));
        hostThread.join(100);
        assertTrue(hostThread.isAlive() && !hostThread.isInterrupted(), "the host's thread waits on, uninterrupted");
    }

    @Test
    void aTaskOnTheCommonPoolSeesTheGuestsThreadsOnly() throws Exception {
        seesItsOwnThreadsOnly(run("escape.info.CommonPoolStackTraces"), "thread \"main\"");
    }

    /** Its own command line, not the JVM's (its other properties are a copy of the host's, some of the test's class path among them). */
    private static void seesItsOwnCommandLineOnly(String out, String... own) {
        String hostClassPath = System.getProperty("java.class.path");
        assertAll(out,
                () -> assertTrue(Arrays.stream(own).allMatch(out::contains), "its own: " + String.join(", ", own)),
                () -> assertFalse(out.contains("-javaagent:"), "the JVM's options"),
                () -> assertFalse(out.contains("class path " + hostClassPath), "the JVM's class path"),
                () -> assertFalse(out.contains("java.class.path=" + hostClassPath), "the JVM's class path"));
    }

    @Test
    void theJvmsProcessRunsTheGuestsCommandLine() throws Exception {
        String command = "java -Dn=42 -cp " + escapes().toAbsolutePath().normalize() + " escape.info.ProcessInfo a1 a2";
        seesItsOwnCommandLineOnly(run("escape.info.ProcessInfo"), "command line " + Path.of(System.getProperty("java.home"), "bin", command));
    }

    @Test
    void theRuntimeMXBeanShowsTheGuestsOptionsClassPathAndPropertiesByCallAndByTheMBeanServer() throws Exception {
        String classPath = escapes().toAbsolutePath().normalize().toString();
        seesItsOwnCommandLineOnly(run("escape.info.RuntimeMXBeanArguments"), "arguments [-Dn=42]", "class path " + classPath,
                "property n=42", "property sun.java.command=escape.info.RuntimeMXBeanArguments a1 a2");
        seesItsOwnCommandLineOnly(run("escape.info.RuntimeMBeanAttributes"), "arguments -Dn=42", "class path " + classPath,
                "property java.class.path=" + classPath);
        seesItsOwnCommandLineOnly(run("escape.info.SystemProperties"), "java.class.path=" + classPath,
                "sun.java.command=escape.info.SystemProperties a1 a2");
    }

    @Test
    void theHostStillSeesItsOwnCommandLine() {
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-javaagent:")));
        assertTrue(ProcessHandle.current().info().commandLine().orElse("-javaagent:").contains("-javaagent:"));
    }

    @Test
    void theHostStillSeesEveryThread() {
        assertTrue(Thread.getAllStackTraces().containsKey(hostThread));
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getThreadGroup() != null
                && t.getThreadGroup().getName().equals("guest-bystander")));
    }
}
