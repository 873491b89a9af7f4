package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Guests hosted in this JVM (started with jvisor-agent.jar): each ends alone, the JVM and the
 * other guests go on, and each guest's console is its own.
 */
class HypervisorIT {

    private static final String NL = System.lineSeparator();
    private static final String TRAPS = "io.jvisor.hooks.Traps";

    private static Path sample(String name) {
        return Path.of(System.getProperty("sample." + name));
    }

    private static GuestSpec.Builder captured(String name, String sample, String... args) {
        return GuestSpec.builder(name).classPath(sample(sample)).args(List.of(args)).console(Console.Mode.CAPTURE);
    }

    /** A guest of one class compiled from its source, its console captured, on a disk of its own in {@code dir}. */
    private static GuestSpec.Builder compiled(Path dir, String name, String main, String source) throws java.io.IOException {
        Path classes = GuestSources.compile(dir, java.util.Map.of(main, source));
        return GuestSpec.builder(name).classPath(classes).mainClass(main).console(Console.Mode.CAPTURE).disk(dir.resolve("disk"));
    }

    @Test
    void theTestRunsAgainstTheShadedJar() throws ClassNotFoundException {
        String location = Hypervisor.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(location.endsWith("/jvisor.jar"), location);
        // by name: a class of the application, rewritten, may not name jvisor's entry points
        assertSame(null, Class.forName(TRAPS).getClassLoader(), "trap entry points on the bootstrap class path");
    }

    @Test
    void anExitEndsOnlyItsGuestAndASecondGuestRunsAfterIt() throws Exception {
        Hypervisor h = Hypervisor.get();
        GuestResult exited = h.run(captured("exit-first", "exit", "4").build());
        assertEquals(GuestState.EXITED, exited.state());
        assertEquals(GuestResult.Ending.EXIT, exited.ending());
        assertEquals(4, exited.exitStatus());
        assertTrue(exited.detail().contains("ExitSample.java"), exited.detail());

        Guest hello = h.start(captured("hello-second", "hello", "x").build());
        GuestResult greeted = hello.await();
        assertEquals(GuestResult.Ending.RETURNED, greeted.ending());
        assertEquals(0, greeted.exitStatus());
        assertEquals("Hello from a jvisor guest." + NL + "argument: x" + NL, hello.console().capturedOut());
        assertEquals("(this line went to standard error)" + NL, hello.console().capturedErr());
    }

    /** A distribution's JDK (Debian's) links its configuration in from elsewhere: the guest reads it where the links lead. */
    @Test
    void aGuestReadsTheJdksFilesWhereverTheJdksLinksLead() throws Exception {
        Path home = Path.of(System.getProperty("java.home"));
        Path linked;
        try (var files = Files.walk(home)) {
            Path realHome = home.toRealPath();
            linked = files.filter(p -> p.toString().endsWith(".properties") && Files.isSymbolicLink(p) && Files.isRegularFile(p))
                    .filter(p -> !toReal(p).startsWith(realHome)).findFirst().orElse(null);
        }
        assumeTrue(linked != null, "this JDK links no file in from outside its home");
        Guest g = Hypervisor.get().start(captured("jdk-links", "hello", "--read=" + linked).build());
        GuestResult result = g.await();
        assertEquals(0, result.exitStatus(), result + g.console().capturedErr());
        assertTrue(g.console().capturedOut().endsWith(NL + linked + ": " + Files.readString(linked) + NL), g.console().capturedOut());
    }

    /**
     * A resolver of a program's own (Netty's) reads the name service's files itself: a guest reads
     * the host's, read-only, as the JDK's resolver reads them for it.
     */
    @Test
    void aGuestReadsTheNameServicesFilesButCannotWriteThem() throws Exception {
        Path hosts = Path.of("/etc/hosts");
        assumeTrue(Files.isRegularFile(hosts), "this machine has no /etc/hosts");
        Guest g = Hypervisor.get().start(captured("name-service", "hello", "--read=/etc/hosts", "--write=/etc/hosts=x").build());
        GuestResult result = g.await();
        assertEquals(1, result.exitStatus(), result + g.console().capturedErr());
        assertTrue(g.console().capturedOut().endsWith(NL + "/etc/hosts: " + Files.readString(hosts) + NL), g.console().capturedOut());
        assertTrue(g.console().capturedErr().contains("/etc/hosts"), g.console().capturedErr());
    }

    private static Path toReal(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path;
        }
    }

    @Test
    void whatTheJdkWritesForAGuestLandsOnItsConsole() throws Exception {
        Guest g = Hypervisor.get().start(captured("jdk-writes", "hello", "--trace").build());
        g.await();
        String err = g.console().capturedErr();
        assertTrue(err.startsWith("java.lang.Exception: printed by the JDK's Throwable.printStackTrace()" + NL
                + "\tat guest.hello.Hello.main(Hello.java:"), err);
    }

    @Test
    void aThreadThatJoinsTheMainThreadSeesItEndAsInTheJvm() throws Exception {
        Guest g = Hypervisor.get().start(captured("joins-main", "hello", "--join-main").build());
        GuestResult result = g.await(java.time.Duration.ofSeconds(30));
        assertNotNull(result, "the guest ended");
        assertEquals(GuestResult.Ending.RETURNED, result.ending());
        assertEquals("Hello from a jvisor guest." + NL + "the main thread has ended" + NL,
                g.console().capturedOut());
    }

    @Test
    void methodHandlesToTrappedMembersActAsTheirCallsWould() throws Exception {
        Guest g = Hypervisor.get().start(captured("handles", "hello", "--handles").build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("Hello from a jvisor guest." + NL + "user.home=/home/guest path=/notes/a.txt" + NL, g.console().capturedOut());
    }

    @Test
    void theExitingGuestsHookRunsAndTheLineAfterItsExitDoesNot() throws Exception {
        Guest g = Hypervisor.get().start(captured("exit-hook", "exit").build());
        assertEquals(3, g.await().exitStatus());
        assertEquals("exiting with status 3" + NL + "shutdown hook ran" + NL, g.console().capturedOut());
    }

    /**
     * Shutdown hooks as programs write them: one has a worker the program made before hand it work
     * (Logback's asynchronous appender, ActiveMQ's journal, Quartz's pool) and starts a thread of its
     * own (Vert.x deletes its cache so); another leaves a thread spinning.
     */
    private static final String HOOK_THREADS = """
            import java.util.concurrent.*;
            public class HookThreads {
                public static void main(String[] args) throws Exception {
                    ExecutorService worker = Executors.newSingleThreadExecutor();
                    worker.submit(() -> { }).get();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            System.out.println(worker.submit(() -> "the program's worker ran for the hook").get());
                            Thread own = new Thread(() -> System.out.println("the hook's own thread ran"));
                            own.start();
                            own.join();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                        worker.shutdown();
                        System.out.println("the hook is done");
                    }));
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        Thread spinner = new Thread(() -> {
                            long n = 0;
                            while (true) {
                                n++;
                            }
                        });
                        spinner.setDaemon(true);
                        spinner.start();
                    }));
                    System.exit(4);
                }
            }
            """;

    /** While its hooks run, a guest's other threads go on, as in a JVM that exits; once they are done, none does. */
    @Test
    void aGuestsThreadsRunWhileItsShutdownHooksDoAndEndWithThem(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "hook-threads", "HookThreads", HOOK_THREADS).build());
        assertEquals(4, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("the program's worker ran for the hook" + NL + "the hook's own thread ran" + NL + "the hook is done" + NL,
                g.console().capturedOut());
        assertTrue(g.awaitStopped(java.time.Duration.ofSeconds(30)), "the spinning thread a hook left ended with the guest");
    }

    /** Starts a thread it registered as a shutdown hook, which the JDK then cannot start again, and exits with a thread spinning. */
    private static final String STARTED_HOOK = """
            public class StartedHook {
                public static void main(String[] args) throws Exception {
                    Thread hook = new Thread(() -> System.out.println("the started hook ran"));
                    Runtime.getRuntime().addShutdownHook(hook);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("the other hook ran")));
                    hook.start();
                    hook.join();
                    Thread spinner = new Thread(() -> {
                        for (long n = 0; n >= 0; n++) {
                            Thread.onSpinWait();
                        }
                    }, "spinner");
                    spinner.start();
                    System.exit(5);
                }
            }
            """;

    /**
     * A hook the guest started itself, which the JDK's end would fail to start (natively it stops
     * there, the other hooks unstarted, and the JVM halts): the guest ends, the other hook run and its
     * code stopped. Before, the failed start was thrown out of the guest's end, which then never
     * stopped its code.
     */
    @Test
    void aShutdownHookTheGuestStartedItselfIsPassedOverAndTheGuestStops(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "started-hook", "StartedHook", STARTED_HOOK).build());
        assertEquals(5, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("the started hook ran" + NL + "the other hook ran" + NL, g.console().capturedOut());
        assertTrue(g.awaitStopped(java.time.Duration.ofSeconds(30)), "the spinning thread ended with the guest");
    }

    /** Leaves a task of its own among its properties, where the test finds it once the guest has ended. */
    private static final String LEAVER = """
            public class Leaver {
                public static void main(String[] args) {
                    System.getProperties().put("task", (Runnable) () -> System.out.println("the ended guest's task ran"));
                }
            }
            """;

    /** Runs the task the test puts among its properties (an ended guest's, as a registry of the JVM's could hand it over). */
    private static final String CALLER = """
            public class Caller {
                public static void main(String[] args) {
                    Object task;
                    while ((task = System.getProperties().get("task")) == null) {
                        Thread.onSpinWait();
                    }
                    ((Runnable) task).run();
                }
            }
            """;

    @Test
    void aGuestWhoseMainDiesOfAnotherEndedGuestsCodeEndsWithThatError(@TempDir Path dir) throws Exception {
        Guest leaver = Hypervisor.get().start(compiled(dir.resolve("leaver"), "leaver", "Leaver", LEAVER).build());
        assertEquals(0, leaver.await().exitStatus(), leaver.console().capturedErr());
        Object task = leaver.properties().get("task");

        Guest caller = Hypervisor.get().start(compiled(dir.resolve("caller"), "caller", "Caller", CALLER).build());
        caller.properties().put("task", task);
        // before, its main thread ended and the guest never did
        GuestResult result = caller.await(java.time.Duration.ofSeconds(60));
        assertEquals(1, result == null ? -1 : result.exitStatus(), caller.console().capturedErr());
        assertTrue(caller.console().capturedErr().startsWith("Exception in thread \"main\" io.jvisor.sandbox.GuestExit: guest 'leaver' has ended"),
                caller.console().capturedErr());
    }

    /** Registers an MBean in an MBean server it made, and then in the platform's, which a hosted guest sees as its own. */
    private static final String OWN_MBEAN_SERVER = """
            import java.lang.management.ManagementFactory;
            import javax.management.*;
            public class OwnMBeanServer {
                public interface CounterMBean { int getCount(); }
                public static class Counter implements CounterMBean { public int getCount() { return 42; } }
                public static void main(String[] args) throws Exception {
                    ObjectName name = new ObjectName("probe:type=Counter");
                    MBeanServer own = MBeanServerFactory.newMBeanServer();
                    own.registerMBean(new Counter(), name);
                    System.out.println("own: " + own.getAttribute(name, "Count"));
                    ManagementFactory.getPlatformMBeanServer().registerMBean(new Counter(), name);
                    System.out.println("platform: " + ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Count"));
                }
            }
            """;

    @Test
    void anMBeanServerAGuestMadeForItselfIsItsToChange(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "own-mbean-server", "OwnMBeanServer", OWN_MBEAN_SERVER).build());

        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        // a server made by newMBeanServer is no other program's: its changes were refused as the JVM's
        assertEquals(List.of("own: 42", "platform: 42"), g.console().capturedOut().lines().toList());
        assertFalse(java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new javax.management.ObjectName("probe:type=Counter")), "the JVM's platform server");
    }

    /** Reads a font and colours that properties name, the JVM's and its own. */
    private static final String AWT_PROPERTIES = """
            public class AwtProperties {
                public static void main(String[] args) {
                    System.setProperty("probe.color", "0x123456");
                    System.out.println(java.awt.Font.getFont("user.home").getName());
                    System.out.println(java.awt.Font.getFont("probe.none", null));
                    System.out.println(java.awt.Color.getColor("probe.color"));
                    System.out.println(java.awt.Color.getColor("probe.none", 0xABCDEF));
                    System.out.println(java.awt.Color.getColor("probe.none", java.awt.Color.RED));
                }
            }
            """;

    @Test
    void theFontAndColourAPropertyNamesAreTheGuestsOwn(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "awt-properties", "AwtProperties", AWT_PROPERTIES).build());

        // the JDK reads the JVM's properties: the host's home, and none of the guest's own
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals(List.of("/home/guest", "null", "java.awt.Color[r=18,g=52,b=86]", "java.awt.Color[r=171,g=205,b=239]",
                "java.awt.Color[r=255,g=0,b=0]"), g.console().capturedOut().lines().toList());
        assertNull(System.getProperty("probe.color"), "the JVM's properties");
    }

    /** Leaves pools of threads and timers idle as it exits, as most programs do. */
    private static final String IDLE_POOLS = """
            import java.util.concurrent.*;
            public class IdlePools {
                public static void main(String[] args) throws Exception {
                    ExecutorService pool = Executors.newFixedThreadPool(2);
                    pool.submit(() -> { }).get();
                    ForkJoinPool forks = new ForkJoinPool(2);
                    forks.submit(() -> { }).get();
                    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                    timer.schedule(() -> { }, 1, TimeUnit.HOURS);
                    new java.util.Timer("idle").schedule(new java.util.TimerTask() {
                        public void run() { }
                    }, 3_600_000);
                    new java.util.Timer(true);
                    System.exit(0);
                }
            }
            """;

    /**
     * An idle worker of a pool or a timer's thread waits in the JDK's code, which waits again
     * whatever interrupts it, where no safepoint reaches: the guest's pools are shut down and its
     * timers cancelled when it ends.
     */
    @Test
    void theIdleWorkersOfAGuestsPoolsAndTimersEndWithIt(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "idle-pools", "IdlePools", IDLE_POOLS).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertTrue(g.awaitStopped(java.time.Duration.ofSeconds(30)), "threads left: " + g.threadCount());
    }

    /** Installs a handler of SIGHUP for the JVM, as Kafka's broker does for TERM, INT and HUP, and ends. */
    private static final String HANDLES_HANGUP = """
            public class HandlesHangup {
                public static void main(String[] args) {
                    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> System.out.println("hung up"));
                    System.out.println("handling HUP");
                }
            }
            """;

    /**
     * A handler an ended guest installed is its dead code, which unwinds before it can do the
     * signal's work or chain to the handler it replaced: a JVM whose guest had handled SIGTERM no
     * longer ended on it.
     */
    @Test
    void theSignalHandlersAGuestInstalledAreReplacedByThoseTheyReplacedWhenItEnds(@TempDir Path dir) throws Exception {
        sun.misc.Signal hangup = new sun.misc.Signal("HUP");
        sun.misc.SignalHandler hosts = signal -> { };
        sun.misc.SignalHandler before = sun.misc.Signal.handle(hangup, hosts);
        try {
            Guest g = Hypervisor.get().start(compiled(dir, "handles-hangup", "HandlesHangup", HANDLES_HANGUP)
                    .policy(Policy.parse("preset constrained\nallow global-state\n", "signals.policy")).build());
            assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
            assertEquals("handling HUP" + NL, g.console().capturedOut());
        } finally {
            assertSame(hosts, sun.misc.Signal.handle(hangup, before), "the host's handler, back in place");
        }
    }

    /** Calls exit a second time while its hook runs, as Kafka's main does once its broker has shut down. */
    private static final String SECOND_EXIT = """
            import java.util.concurrent.CountDownLatch;
            public class SecondExit {
                public static void main(String[] args) {
                    CountDownLatch hookRuns = new CountDownLatch(1);
                    Thread second = new Thread(() -> {
                        try {
                            hookRuns.await();
                            System.exit(8);
                        } catch (Throwable t) {
                            System.out.println("the second exit returned: " + t);
                        }
                    });
                    second.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        hookRuns.countDown();
                        while (second.getState() != Thread.State.WAITING && second.getState() != Thread.State.TERMINATED) {
                            Thread.onSpinWait();
                        }
                        System.out.println("the hook is done");
                    }));
                    System.exit(6);
                }
            }
            """;

    @Test
    void anExitWhileTheShutdownHooksRunBlocksAsTheJvmsDoes(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "second-exit", "SecondExit", SECOND_EXIT).build());
        assertEquals(6, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("the hook is done" + NL, g.console().capturedOut());
    }

    /**
     * A file system provider of a guest's class path, of the scheme {@code memo}, which makes no file
     * system but says that it was asked; and a guest that asks the JDK for its file systems by URI.
     */
    private static final String MEMO_PROVIDER = """
            import java.net.URI;
            import java.nio.channels.SeekableByteChannel;
            import java.nio.file.*;
            import java.nio.file.attribute.*;
            import java.nio.file.spi.FileSystemProvider;
            import java.util.*;
            public class MemoProvider extends FileSystemProvider {
                public String getScheme() { return "memo"; }
                public FileSystem newFileSystem(URI uri, Map<String, ?> env) { throw new FileSystemAlreadyExistsException("memo made " + uri); }
                public FileSystem getFileSystem(URI uri) { throw new UnsupportedOperationException("memo found " + uri); }
                public Path getPath(URI uri) { throw new UnsupportedOperationException("memo path " + uri); }
                public SeekableByteChannel newByteChannel(Path p, Set<? extends OpenOption> o, FileAttribute<?>... a) { throw new UnsupportedOperationException(); }
                public DirectoryStream<Path> newDirectoryStream(Path p, DirectoryStream.Filter<? super Path> f) { throw new UnsupportedOperationException(); }
                public void createDirectory(Path p, FileAttribute<?>... a) { throw new UnsupportedOperationException(); }
                public void delete(Path p) { throw new UnsupportedOperationException(); }
                public void copy(Path s, Path t, CopyOption... o) { throw new UnsupportedOperationException(); }
                public void move(Path s, Path t, CopyOption... o) { throw new UnsupportedOperationException(); }
                public boolean isSameFile(Path a, Path b) { throw new UnsupportedOperationException(); }
                public boolean isHidden(Path p) { throw new UnsupportedOperationException(); }
                public FileStore getFileStore(Path p) { throw new UnsupportedOperationException(); }
                public void checkAccess(Path p, AccessMode... m) { throw new UnsupportedOperationException(); }
                public <V extends FileAttributeView> V getFileAttributeView(Path p, Class<V> t, LinkOption... o) { throw new UnsupportedOperationException(); }
                public <A extends BasicFileAttributes> A readAttributes(Path p, Class<A> t, LinkOption... o) { throw new UnsupportedOperationException(); }
                public Map<String, Object> readAttributes(Path p, String a, LinkOption... o) { throw new UnsupportedOperationException(); }
                public void setAttribute(Path p, String a, Object v, LinkOption... o) { throw new UnsupportedOperationException(); }
            }
            """;

    private static final String BY_URI = """
            import java.net.URI;
            import java.nio.file.*;
            import java.util.Map;
            public class ByUri {
                public static void main(String[] args) throws Exception {
                    try {
                        FileSystems.newFileSystem(URI.create("memo:/notes"), Map.of());
                    } catch (RuntimeException e) {
                        System.out.println(e);
                    }
                    try {
                        Path.of(URI.create("memo:/notes/a"));
                    } catch (RuntimeException e) {
                        System.out.println(e);
                    }
                    System.out.println(FileSystems.newFileSystem(URI.create("jar:file:/no/such.jar"), Map.of("create", "false")) == null);
                }
            }
            """;

    /** The JDK finds a program's file system providers on its system class loader's class path: a guest's on its own. */
    @Test
    void aGuestsFileSystemProvidersAreFoundByUri(@TempDir Path dir) throws Exception {
        Path classes = GuestSources.compile(dir, java.util.Map.of("MemoProvider", MEMO_PROVIDER, "ByUri", BY_URI));
        Files.writeString(Files.createDirectories(classes.resolve("META-INF/services")).resolve("java.nio.file.spi.FileSystemProvider"),
                "MemoProvider\n");
        Guest g = Hypervisor.get().start(GuestSpec.builder("by-uri").classPath(classes).mainClass("ByUri")
                .console(Console.Mode.CAPTURE).disk(dir.resolve("disk")).build());
        g.await();
        assertTrue(g.console().capturedOut().startsWith("java.nio.file.FileSystemAlreadyExistsException: memo made memo:/notes" + NL
                + "java.lang.UnsupportedOperationException: memo path memo:/notes/a" + NL), g.console().capturedOut());
        assertTrue(g.console().capturedErr().contains("NoSuchFileException: /no/such.jar"),
                "the JDK's own providers are there too: " + g.console().capturedErr());
        assertFalse(java.nio.file.spi.FileSystemProvider.installedProviders().stream().anyMatch(p -> p.getScheme().equals("memo")),
                "the host's are the JVM's");
    }

    /** Prints its default time zone and locale. */
    private static final String DEFAULTS = """
            public class Defaults {
                public static void main(String[] args) {
                    System.out.println(java.util.TimeZone.getDefault().getID() + " " + java.util.Locale.getDefault());
                }
            }
            """;

    /** The JVM makes its default time zone and locale of its properties at its start: a guest of its own. */
    @Test
    void aGuestsPropertiesMakeItsDefaultTimeZoneAndLocale(@TempDir Path dir) throws Exception {
        java.util.TimeZone hostsZone = java.util.TimeZone.getDefault();
        java.util.Locale hostsLocale = java.util.Locale.getDefault();
        String zone = hostsZone.getID().equals("Asia/Tokyo") ? "America/Lima" : "Asia/Tokyo";
        Guest g = Hypervisor.get().start(compiled(dir, "defaults", "Defaults", DEFAULTS).property("user.timezone", zone)
                .property("user.language", "fr").property("user.country", "FR").build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals(zone + " fr_FR" + NL, g.console().capturedOut());
        assertEquals(hostsZone, java.util.TimeZone.getDefault(), "the host's");
        assertEquals(hostsLocale, java.util.Locale.getDefault(), "the host's");
    }

    /** Switches on assertions in its own loader and one it made over it, then in the JVM's platform loader. */
    private static final String ASSERTIONS = """
            import java.net.URL;
            import java.net.URLClassLoader;

            public class Assertions {
                public static void main(String[] args) throws Exception {
                    ClassLoader own = Assertions.class.getClassLoader();
                    own.setClassAssertionStatus("Later", true);
                    URLClassLoader made = new URLClassLoader(new URL[0], own);
                    made.setDefaultAssertionStatus(true);
                    made.clearAssertionStatus();
                    System.out.println("own: " + Later.class.desiredAssertionStatus());
                    ClassLoader.getPlatformClassLoader().setDefaultAssertionStatus(true);
                    System.out.println("platform: " + java.sql.Driver.class.desiredAssertionStatus());
                }
            }

            class Later {
            }
            """;

    /**
     * A guest sets the assertions of its own class loaders, as test runners do; its setting of the
     * JVM's is skipped (Maven's test runner sets the platform loader's with its own).
     */
    @Test
    void aGuestSetsTheAssertionStatusOfItsOwnLoadersAlone(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "assertions", "Assertions", ASSERTIONS).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("own: true" + NL + "platform: false" + NL, g.console().capturedOut());
        assertFalse(java.sql.Driver.class.desiredAssertionStatus(), "the platform loader's classes");
    }

    /** A hook that never ends. */
    private static final String STUCK_HOOK = """
            public class StuckHook {
                public static void main(String[] args) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        System.out.println("the hook began");
                        long n = 0;
                        while (true) {
                            n++;
                        }
                    }));
                    System.exit(2);
                }
            }
            """;

    /** As a kill signal ends a JVM stuck in its shutdown hooks. */
    @Test
    void aKillEndsAGuestStuckInItsShutdownHooks(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "stuck-hook", "StuckHook", STUCK_HOOK).build());
        assertTrue(g.console().awaitOut("the hook began", java.time.Duration.ofSeconds(30)), g.console().capturedErr());
        assertTrue(g.hasEnded(), "exiting");
        assertTrue(g.kill(), "the kill cut the hooks short");
        GuestResult r = g.await(java.time.Duration.ofSeconds(30));
        assertNotNull(r, "the guest ended");
        assertEquals(GuestResult.Ending.KILLED, r.ending());
        assertEquals(137, r.exitStatus());
        assertTrue(g.awaitStopped(java.time.Duration.ofSeconds(30)), "the hook's thread ended");
    }

    @Test
    void twoGuestsRunAtOnceWithConsolesOfTheirOwn() throws Exception {
        Hypervisor h = Hypervisor.get();
        Guest a = h.start(captured("pair-a", "misbehaving", "thread").build());
        Guest b = h.start(captured("pair-b", "hello", "b").build());
        assertEquals(9, a.await().exitStatus());
        assertEquals(0, b.await().exitStatus());
        assertEquals("background thread exits with status 9" + NL, a.console().capturedOut());
        assertFalse(b.console().capturedOut().contains("background"), b.console().capturedOut());
    }

    @Test
    void catchThrowableCannotSwallowAnExit() throws Exception {
        Guest g = Hypervisor.get().start(captured("swallow", "misbehaving", "swallow").build());
        GuestResult r = g.await();
        assertEquals(7, r.exitStatus());
        assertFalse(g.console().capturedOut().contains("swallowed"), g.console().capturedOut());
    }

    @Test
    void aFinallyBlockThatReturnsDoesNotLetTheGuestGoOn() throws Exception {
        Guest g = Hypervisor.get().start(captured("finally", "misbehaving", "finally").build());
        assertEquals(8, g.await().exitStatus());
        assertEquals("", g.console().capturedOut());
    }

    @Test
    void aHaltThroughAMethodReferenceEndsTheGuestWithoutHooks() throws Exception {
        GuestResult r = Hypervisor.get().run(captured("halt-ref", "misbehaving", "reference").build());
        assertEquals(GuestResult.Ending.HALT, r.ending());
        assertEquals(13, r.exitStatus());
    }

    @Test
    void anExitByReflectionOrMethodHandleMeetsTheGuardAndEndsOnlyItsGuest() throws Exception {
        GuestResult reflection = Hypervisor.get().run(captured("by-reflection", "misbehaving", "reflection").build());
        assertEquals(GuestResult.Ending.EXIT, reflection.ending());
        assertEquals(11, reflection.exitStatus());
        GuestResult handle = Hypervisor.get().run(captured("by-handle", "misbehaving", "handle").build());
        assertEquals(12, handle.exitStatus());
        assertTrue(handle.detail().contains("Misbehaving.main(Misbehaving.java:"), handle.detail());
    }

    @Test
    void aShutdownHookAddedByReflectionIsTheGuestsAndRunsWhenItEnds() throws Exception {
        Guest g = Hypervisor.get().start(captured("hook-by-reflection", "misbehaving", "reflective-hook").build());
        assertEquals(0, g.await().exitStatus());
        assertEquals("main went on after every trick" + NL + "the hook added by reflection ran" + NL, g.console().capturedOut());
    }

    @Test
    void systemSetOutByReflectionReplacesOnlyTheGuestsStream() throws Exception {
        Guest g = Hypervisor.get().start(captured("stdout-by-reflection", "misbehaving", "reflective-stdout").build());
        assertEquals(0, g.await().exitStatus());
        assertEquals("", g.console().capturedOut());
        assertEquals("replaced System.out by reflection" + NL, g.console().capturedErr());
        Guest after = Hypervisor.get().start(captured("after-reflection", "hello").build());
        after.await();
        assertTrue(after.console().capturedOut().startsWith("Hello from a jvisor guest."), "the next guest's output is its own");
    }

    @Test
    void aGuestsSystemPropertiesAreItsOwn() throws Exception {
        Guest first = Hypervisor.get().start(captured("props-first", "hello", "--set=jvisor.it.key=0x20", "--get=jvisor.it.key")
                .property("jvisor.it.given", "given").build());
        first.await();
        assertEquals("Hello from a jvisor guest." + NL + "jvisor.it.key=0x20 (as an integer: 32)" + NL, first.console().capturedOut());
        assertEquals("given", first.properties().getProperty("jvisor.it.given"));
        assertEquals(null, System.getProperty("jvisor.it.key"), "the host does not see the guest's property");

        Guest second = Hypervisor.get().start(captured("props-second", "hello", "--get=jvisor.it.key").build());
        second.await();
        assertEquals("Hello from a jvisor guest." + NL + "jvisor.it.key=null (as an integer: null)" + NL, second.console().capturedOut());
    }

    @Test
    void aGuestsEnvironmentIsWhatItsPolicyGives() throws Exception {
        Guest empty = Hypervisor.get().start(captured("env-empty", "hello", "--env=PATH").build());
        empty.await();
        assertEquals("Hello from a jvisor guest." + NL + "$PATH=null (0 variables)" + NL, empty.console().capturedOut());

        Policy given = Policy.parse("preset constrained\nenv GREETING=hi\nenv PATH\n", "env.policy");
        Guest g = Hypervisor.get().start(captured("env-given", "hello", "--env=GREETING").policy(given).build());
        g.await();
        int expected = System.getenv("PATH") == null ? 1 : 2;
        assertEquals("Hello from a jvisor guest." + NL + "$GREETING=hi (" + expected + " variables)" + NL, g.console().capturedOut());
    }

    @Test
    void anUntrustedGuestMayNotReadProperties() throws Exception {
        Guest g = Hypervisor.get().start(captured("props-untrusted", "hello", "--get=user.home").policy(Policy.preset("untrusted")).build());
        GuestResult r = g.await();
        assertEquals(1, r.exitStatus());
        assertTrue(g.console().capturedErr().contains("may not read system properties: denied by policy rule 'deny property-read'"),
                g.console().capturedErr());
    }

    @Test
    void aProcessIsRefusedByDefaultWithTheIoExceptionAProgramExpects() throws Exception {
        Guest g = Hypervisor.get().start(captured("no-process", "misbehaving", "process").build());
        assertEquals(1, g.await().exitStatus());
        String err = g.console().capturedErr();
        assertTrue(err.startsWith("Exception in thread \"main\" java.io.IOException: Cannot run program \"true\": "
                + "jvisor: guest 'no-process' may not start processes: denied by policy rule 'deny process' (preset constrained:"), err);
    }

    @Test
    void aProcessByReflectionMeetsTheGuardAndIsRefusedToo() throws Exception {
        Guest g = Hypervisor.get().start(captured("no-exec", "misbehaving", "reflective-exec").build());
        assertEquals(1, g.await().exitStatus());
        assertTrue(g.console().capturedErr().contains("Caused by: java.io.IOException: Cannot run program \"true\": jvisor:"),
                g.console().capturedErr());
        assertEquals("", g.console().capturedOut());
    }

    @Test
    void aPolicyMayAllowOneCommand() throws Exception {
        Policy allowTrue = Policy.parse("preset constrained\nallow process true\n", "true.policy");
        Guest g = Hypervisor.get().start(captured("allowed-process", "misbehaving", "process").policy(allowTrue).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("ran true, status 0" + NL + "main went on after every trick" + NL, g.console().capturedOut());
    }

    @Test
    void aGuestDestroysTheProcessesItStartedButSeesNoOtherProgramsProcess() throws Exception {
        Process victim = new ProcessBuilder("sleep", "60").start();
        try {
            Policy policy = Policy.parse("preset constrained\nallow process sleep\n", "sleep.policy");
            Guest g = Hypervisor.get().start(captured("destroyer", "misbehaving", "destroy", String.valueOf(victim.pid()))
                    .policy(policy).build());
            assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
            String rule = ": denied by policy rule 'deny process' (preset constrained:7)";
            assertEquals("refused: jvisor: guest 'destroyer' may not look at process " + victim.pid() + ", which it did not start"
                    + rule + NL + "refused: jvisor: guest 'destroyer' may not list the processes of the machine" + rule + NL
                    + "destroyed its own child: true" + NL + "main went on after every trick" + NL, g.console().capturedOut());
            assertTrue(victim.isAlive(), "the host's process survives");
        } finally {
            victim.destroyForcibly();
        }
    }

    /** Lists the machine's JVMs, then attaches to its own by the attach API's provider itself, past {@code VirtualMachine.attach}. */
    private static final String ATTACH = """
            public class Attach {
                public static void main(String[] args) {
                    try {
                        System.out.println("listed " + com.sun.tools.attach.VirtualMachine.list());
                    } catch (Exception e) {
                        System.out.println(e.getClass().getName() + ": " + e.getMessage());
                    }
                    try {
                        com.sun.tools.attach.spi.AttachProvider.providers().get(0)
                                .attachVirtualMachine(String.valueOf(ProcessHandle.current().pid()));
                        System.out.println("attached");
                    } catch (Exception e) {
                        System.out.println(e.getClass().getName() + ": " + e.getMessage());
                    }
                }
            }
            """;

    @Test
    void theAttachApisProviderIsDecidedAsVirtualMachineAttachIs(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "attach", "Attach", ATTACH).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        // before, the list failed with an InternalError (no /proc on its disk), and the attach went past the guard of
        // VirtualMachine.attach: another JVM's properties, this one's JMX agent (audit 24)
        assertEquals("java.lang.SecurityException: jvisor: guest 'attach' may not list the processes of the machine: denied by policy "
                + "rule 'deny process' (preset constrained:7)" + NL
                + "java.lang.SecurityException: jvisor: guest 'attach' may not call sun.tools.attach.AttachProviderImpl"
                + ".attachVirtualMachine, which acts natively on a JVM: denied by policy rule 'deny native' (preset constrained:13)" + NL,
                g.console().capturedOut());
    }

    @Test
    void whatAnAllowedProcessWritesOnTheDiskCountsAgainstItsQuota(@TempDir Path disk) throws Exception {
        Policy policy = Policy.parse("preset constrained\nallow process head\n", "head.policy");
        Guest g = Hypervisor.get().start(captured("process-fills", "misbehaving", "process-fills-disk").policy(policy)
                .disk(disk).quota(Resource.DISK, Limit.soft(40_000)).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("head ended with 0" + NL + "refused: /tmp/small.bin (No space left on device)" + NL
                + "main went on after every trick" + NL, g.console().capturedOut());
        assertEquals(65536, Files.size(disk.resolve("tmp/big.bin")), "the process's file is on the disk, whole");
        assertFalse(Files.exists(disk.resolve("tmp/small.bin")), "the guest's own file found the disk full, without room for its name");
    }

    @Test
    void anAllowedProcessGetsTheGuestsEnvironmentNotTheHosts() throws Exception {
        Policy policy = Policy.parse("preset constrained\nallow process env\nenv GREETING=hi\n", "env.policy");
        Guest g = Hypervisor.get().start(captured("process-env", "misbehaving", "process-env").policy(policy).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("the child's environment: GREETING=hi" + NL + "a new builder's environment: 1 variables" + NL
                + "main went on after every trick" + NL, g.console().capturedOut());
    }

    /** Prints the frames of an exception that a method it called by reflection threw, but the JDK's, then the last frame's method. */
    private static final String TRACE = String.join("\n",
            "public class Trace {",
            "  public static void main(String[] args) throws Exception {",
            "    try {",
            "      Trace.class.getDeclaredMethod(\"fail\").invoke(null);",
            "    } catch (java.lang.reflect.InvocationTargetException e) {",
            "      StackTraceElement[] trace = e.getCause().getStackTrace();",
            "      for (StackTraceElement f : trace) {",
            "        if (!f.getClassName().startsWith(\"java.\") && !f.getClassName().startsWith(\"jdk.\")) {",
            "          System.out.println(f.getClassName() + \".\" + f.getMethodName());",
            "        }",
            "      }",
            "      System.out.println(\"last: \" + trace[trace.length - 1].getMethodName());",
            "    }",
            "  }",
            "  static void fail() {",
            "    throw new IllegalStateException(\"failed\");",
            "  }",
            "}",
            "");

    /**
     * A guest's stack traces show its frames as natively: not the bridge through which its
     * rewritten class calls {@code Method.invoke}, nor the hypervisor's frames below its main
     * (natively the main thread has none there).
     */
    @Test
    void aGuestsStackTraceShowsNoFrameOfJvisors(@TempDir Path dir) throws Exception {
        Guest g = Hypervisor.get().start(compiled(dir, "trace", "Trace", TRACE).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("Trace.fail" + NL + "Trace.main" + NL + "last: main" + NL, g.console().capturedOut());
    }

    @Test
    void onJava25AGuestMayHaveAnInstanceMainMethod(@TempDir Path dir) throws Exception {
        int feature = Runtime.version().feature();
        assumeTrue(feature >= 25, "instance main methods (JEP 512) are Java 25's; this JVM is Java " + feature);
        Path source = Files.writeString(dir.resolve("Greeter.java"),
                "class Greeter {\n  Greeter() {}\n  void main() {\n    System.out.println(\"hello from an instance main\");\n  }\n}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "--release", String.valueOf(feature), "-d", dir.toString(), source.toString()));
        Guest g = Hypervisor.get().start(GuestSpec.builder("instance-main").classPath(dir).mainClass("Greeter")
                .console(Console.Mode.CAPTURE).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("hello from an instance main" + NL, g.console().capturedOut());
    }

    @Test
    void theNetworkIsRefusedByDefaultAndAPolicyOpensOneAddress() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(server.getLocalPort());
            Guest refused = Hypervisor.get().start(captured("no-network", "misbehaving", "connect", port).build());
            assertEquals(1, refused.await().exitStatus());
            assertTrue(refused.console().capturedErr().startsWith("Exception in thread \"main\" java.net.ConnectException: "
                    + "Connection refused by jvisor: denied by policy rule 'deny connect' (preset constrained:"),
                    refused.console().capturedErr());

            Policy open = Policy.parse("preset constrained\nallow connect 127.0.0.1:" + port + "\n", "open.policy");
            Guest allowed = Hypervisor.get().start(captured("one-address", "misbehaving", "connect", port).policy(open).build());
            assertEquals(0, allowed.await().exitStatus(), allowed.console().capturedErr());
            assertEquals("connected to port " + port + NL + "main went on after every trick" + NL, allowed.console().capturedOut());
        }
    }

    @Test
    void aNameLookupIsRefusedByDefaultWithTheUnknownHostExceptionAProgramExpects() throws Exception {
        Guest g = Hypervisor.get().start(captured("no-lookup", "misbehaving", "resolve", "no-such-host.invalid").build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertTrue(g.console().capturedOut().startsWith("unknown host: no-such-host.invalid: name lookup refused by jvisor: "
                + "denied by policy rule 'deny resolve' (preset constrained:"), g.console().capturedOut());

        Policy allow = Policy.parse("preset constrained\nallow resolve *.invalid\n", "lookup.policy");
        Guest allowed = Hypervisor.get().start(captured("lookup", "misbehaving", "resolve", "no-such-host.invalid").policy(allow).build());
        assertEquals(0, allowed.await().exitStatus());
        assertFalse(allowed.console().capturedOut().contains("jvisor"), "the name service answered: " + allowed.console().capturedOut());
    }

    @Test
    void aNameTheHostLookedUpIsStillRefusedToAGuestThoughTheJdkHasItsAddressCached() throws Exception {
        java.net.InetAddress.getAllByName("localhost"); // the host's lookup fills the JDK's cache
        Policy noLocalhost = Policy.parse("preset constrained\ndeny resolve localhost\n", "no-localhost.policy");
        Guest g = Hypervisor.get().start(captured("cached-lookup", "misbehaving", "resolve", "localhost").policy(noLocalhost).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("unknown host: localhost: name lookup refused by jvisor: denied by policy rule 'deny resolve localhost' "
                + "(no-localhost.policy:2)" + NL + "main went on after every trick" + NL, g.console().capturedOut());
    }

    @Test
    void aDatagramIsDecidedAsAConnectionToItsAddress() throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Guest refused = Hypervisor.get().start(captured("udp-refused", "misbehaving", "datagram", String.valueOf(port)).build());
        Guest allowed = Hypervisor.get().start(captured("udp-allowed", "misbehaving", "datagram", String.valueOf(port))
                .policy(Policy.parse("preset constrained\nallow connect 127.0.0.1:" + port + "\n", "udp.policy")).build());
        assertEquals(1, refused.await().exitStatus());
        assertTrue(refused.console().capturedErr().contains(
                "java.net.SocketException: Connection refused by jvisor: denied by policy rule 'deny connect'"),
                refused.console().capturedErr());
        assertEquals(0, allowed.await().exitStatus(), allowed.console().capturedErr());
        assertTrue(allowed.console().capturedOut().contains("sent a datagram to port " + port));
    }

    @Test
    void aServerSocketOnEveryAddressListensOnLoopbackByDefaultAndIsRefusedWhenIsolated() throws Exception {
        Guest constrained = Hypervisor.get().start(captured("loopback-server", "misbehaving", "listen").build());
        Guest isolated = Hypervisor.get().start(captured("no-server", "misbehaving", "listen")
                .policy(Policy.preset("isolated")).build());
        assertEquals(0, constrained.await().exitStatus(), constrained.console().capturedErr());
        assertTrue(constrained.console().capturedOut().contains("listening on 127.0.0.1"), constrained.console().capturedOut());
        assertEquals(1, isolated.await().exitStatus());
        assertTrue(isolated.console().capturedErr().contains(
                "java.net.BindException: Cannot bind by jvisor: denied by policy rule 'deny bind'"), isolated.console().capturedErr());
    }

    @Test
    void systemSetOutReplacesOnlyTheGuestsStream() throws Exception {
        Guest g = Hypervisor.get().start(captured("set-out", "misbehaving", "stdout").build());
        GuestResult r = g.await();
        assertEquals(0, r.exitStatus());
        assertEquals("replaced System.out and captured 29 bytes" + NL + "main went on after every trick" + NL,
                g.console().capturedOut());
    }

    @Test
    void aDeniedExitThrowsSecurityExceptionNamingTheRule() throws Exception {
        Policy denyExit = Policy.parse("preset constrained\ndeny exit\n", "deny-exit.policy");
        Guest g = Hypervisor.get().start(captured("denied", "exit").policy(denyExit).build());
        GuestResult r = g.await();
        assertEquals(GuestState.FAILED, r.state());
        assertEquals(GuestResult.Ending.UNCAUGHT_EXCEPTION, r.ending());
        assertEquals(1, r.exitStatus());
        String err = g.console().capturedErr();
        assertTrue(err.startsWith("Exception in thread \"main\" java.lang.SecurityException: jvisor: guest 'denied' may not "
                + "call System.exit(3): denied by policy rule 'deny exit' (deny-exit.policy:2)"), err);
        assertTrue(err.contains("\tat guest.exit.ExitSample.main(ExitSample.java:"), err);
    }

    @Test
    void aMissingMainClassIsAStartError() {
        GuestStartException e = assertThrows(GuestStartException.class,
                () -> Hypervisor.get().start(captured("no-main", "hello").mainClass("no.such.Main").build()));
        assertEquals("main class no.such.Main was not found on the guest's class path", e.getMessage());
    }

    @Test
    void aGuestLoaderSeesTheTrapEntryPointsButNotTheHypervisor() throws Exception {
        ClassLoader guestLoader = new GuestClassLoader(new java.net.URL[] {sample("hello").toUri().toURL()});
        assertThrows(ClassNotFoundException.class, () -> Class.forName(Hypervisor.class.getName(), false, guestLoader));
        assertSame(Class.forName(TRAPS), Class.forName(TRAPS, false, guestLoader));
    }
}
