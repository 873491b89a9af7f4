package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Quotas, the cgroup of a guest: at a soft limit the guest is refused or throttled, past a hard
 * one it is killed with a report of which limit; limits change while it runs.
 */
class QuotaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long MS = 1_000_000L;
    private static final long MIB = 1L << 20;

    private static GuestSpec.Builder busy(String name, String... args) {
        return GuestSpec.builder(name).classPath(Path.of(System.getProperty("sample.busy")))
                .args(List.of(args)).console(Console.Mode.CAPTURE);
    }

    private static GuestResult awaitEnd(Guest g) throws InterruptedException {
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        return result;
    }

    /**
     * Switches on the JVM's measurement of threads' CPU time, as Kotlin's compiler does, and tries
     * to switch off the measurements, which the CPU and allocation quotas read, and on the JVM's logs.
     */
    private static final String SWITCHES = String.join("\n",
            "import java.lang.management.ManagementFactory;",
            "public class Switches {",
            "  interface Switch { void flip() throws Exception; }",
            "  static void attempt(String what, Switch s) {",
            "    try {",
            "      s.flip();",
            "      System.out.println(what + \": switched\");",
            "    } catch (SecurityException e) {",
            "      System.out.println(what + \": \" + e.getMessage().substring(e.getMessage().indexOf(\"denied\")));",
            "    } catch (Exception e) {",
            "      System.out.println(what + \": \" + e);",
            "    }",
            "  }",
            "  public static void main(String[] args) {",
            "    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();",
            "    attempt(\"cpu time on\", () -> threads.setThreadCpuTimeEnabled(true));",
            "    attempt(\"cpu time\", () -> threads.setThreadCpuTimeEnabled(false));",
            "    attempt(\"allocation\", () -> threads.setThreadAllocatedMemoryEnabled(false));",
            "    attempt(\"class loading log\", () -> ManagementFactory.getClassLoadingMXBean().setVerbose(true));",
            "    attempt(\"garbage collection log\", () -> ManagementFactory.getMemoryMXBean().setVerbose(true));",
            "    java.lang.management.MemoryPoolMXBean pool = ManagementFactory.getMemoryPoolMXBeans().stream()",
            "        .filter(java.lang.management.MemoryPoolMXBean::isUsageThresholdSupported).findFirst().orElseThrow();",
            "    attempt(\"a memory pool's threshold\", () -> pool.setUsageThreshold(0));",
            "    attempt(\"a memory pool's peak\", pool::resetPeakUsage);",
            "  }",
            "}",
            "");

    @Test
    void aGuestCannotSwitchOffTheMeasurementsItsQuotasReadNorTheJvmsLogs(@TempDir Path dir) throws Exception {
        Path classes = GuestSources.compile(dir, java.util.Map.of("Switches", SWITCHES));
        Guest g = Hypervisor.get().start(GuestSpec.builder("switches").classPath(classes).mainClass("Switches")
                .console(Console.Mode.CAPTURE).build());
        awaitEnd(g);
        String denied = ": denied by policy rule 'deny global-state' (preset constrained:14)";

        // before, the memory pools' thresholds were switched (0 switches the host's low-memory watch off)
        assertEquals(List.of("cpu time on: switched", "cpu time" + denied, "allocation" + denied, "class loading log" + denied,
                "garbage collection log" + denied, "a memory pool's threshold" + denied, "a memory pool's peak" + denied),
                g.console().capturedOut().lines().toList(), g.console().capturedErr());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadCpuTimeEnabled(), "the JVM's measurement of CPU time");
    }

    @Test
    void aGuestPastItsHardCpuTimeIsKilledWithAReport() throws Exception {
        Guest g = Hypervisor.get().start(busy("cpu-hard", "spin").quota(Resource.CPU_TIME, Limit.hard(300 * MS)).build());
        GuestResult result = awaitEnd(g);
        assertEquals(GuestState.STOPPED, result.state());
        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending());
        assertEquals(137, result.exitStatus());
        assertTrue(result.detail().startsWith("over its cpu-time quota: used "), result.detail());
        assertTrue(g.usage(Resource.CPU_TIME) >= 300 * MS, "it used what the report says");
        assertTrue(g.awaitStopped(PATIENCE));
    }

    @Test
    void aGuestPastItsSoftCpuTimeIsThrottled() throws Exception {
        long start = System.nanoTime();
        Guest g = Hypervisor.get().start(busy("cpu-soft", "spin").quota(Resource.CPU_TIME, new Limit(100 * MS, 600 * MS)).build());
        assertEquals(GuestResult.Ending.OVER_QUOTA, awaitEnd(g).ending());
        long wall = System.nanoTime() - start;
        // 500 ms of CPU past the soft limit at a quarter of a core take 2 s; unthrottled, 0.5 s
        assertTrue(wall > 1_500 * MS, "throttled: 600 ms of CPU took " + wall / MS + " ms");
    }

    @Test
    void aHardLimitSetWhileTheGuestRunsActs() throws Exception {
        Guest g = Hypervisor.get().start(busy("cpu-later", "count").build());
        assertTrue(g.console().awaitOut("tick 1", PATIENCE));
        g.quotas().set(Resource.CPU_TIME, Limit.hard(g.usage(Resource.CPU_TIME) + 200 * MS));
        GuestResult result = awaitEnd(g);
        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending());
        assertTrue(result.detail().contains("cpu-time"), result.detail());
    }

    @Test
    void aGuestHoldingMoreThanItsLiveHeapIsKilledWhileOneChurningFarMoreGarbageIsNot() throws Exception {
        Limit limit = Limit.hard(8 * MIB);
        Guest churn = Hypervisor.get().start(busy("heap-churn", "churn").quota(Resource.LIVE_HEAP, limit).build());
        assertTrue(churn.console().awaitOut("churned 64 MiB", PATIENCE), churn.console().capturedErr());
        Guest hoard = Hypervisor.get().start(busy("heap-hoard", "hoard", "256").quota(Resource.LIVE_HEAP, limit).build());
        GuestResult result = awaitEnd(hoard);
        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending(), hoard.console().capturedErr());
        assertEquals(137, result.exitStatus());
        assertTrue(result.detail().startsWith("over its live-heap quota: used "), result.detail());
        // The round of walks that found the hoarder past its limit walked the churner first (the
        // order their limits were set in), after it had churned eight times the limit.
        assertNull(churn.resultNow(), "the churner runs on");
        long allocated = churn.usage(Resource.ALLOCATED);
        long live = churn.usage(Resource.LIVE_HEAP);
        assertTrue(allocated > 8 * limit.hard() && live < limit.hard() / 8, "allocated " + allocated + ", live " + live);
        churn.kill();
        assertTrue(churn.awaitStopped(PATIENCE));
        assertTrue(hoard.awaitStopped(PATIENCE));
    }

    /** Asks for a direct buffer larger than its live heap may hold, then holds three of 16 MiB until it is killed. */
    private static final String DIRECT = String.join("\n",
            "import java.nio.ByteBuffer;",
            "public class Direct {",
            "  public static void main(String[] args) throws Exception {",
            "    try {",
            "      ByteBuffer.allocateDirect(128 << 20);",
            "      System.out.println(\"allocated 128 MiB\");",
            "    } catch (OutOfMemoryError e) {",
            "      System.out.println(\"refused: \" + e.getMessage());",
            "    }",
            "    ByteBuffer[] held = {ByteBuffer.allocateDirect(16 << 20), ByteBuffer.allocateDirect(16 << 20), ByteBuffer.allocateDirect(16 << 20)};",
            "    System.out.println(\"holding \" + held.length * 16 + \" MiB\");",
            "    Thread.sleep(Long.MAX_VALUE);",
            "  }",
            "}",
            "");

    @Test
    void theNativeMemoryOfAGuestsDirectBuffersCountsTowardItsLiveHeap(@TempDir Path dir) throws Exception {
        Path classes = GuestSources.compile(dir, java.util.Map.of("Direct", DIRECT));
        Guest g = Hypervisor.get().start(GuestSpec.builder("direct").classPath(classes).mainClass("Direct")
                .console(Console.Mode.CAPTURE).quota(Resource.LIVE_HEAP, Limit.hard(64 * MIB)).build());
        assertTrue(g.console().awaitOut("holding 48 MiB", PATIENCE), g.console().capturedOut() + g.console().capturedErr());
        long live = g.liveHeap(0); // estimated now: the one the quota's monitor keeps may predate the last buffer
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));

        assertTrue(g.console().capturedOut().startsWith("refused: Cannot reserve 134217728 bytes of direct buffer memory: guest "
                + "'direct' holds 0 and its live heap may hold 67108864 (jvisor)"), g.console().capturedOut());
        assertTrue(live >= 48 * MIB, "the live heap counts the buffers' 48 MiB: " + live);
    }

    /**
     * Holds 16 MiB where only what jvisor or the JDK keeps for it holds them (args[0] says where),
     * then waits to be killed.
     */
    private static final String HIDE = String.join("\n",
            "import java.lang.management.ManagementFactory;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "public class Hide {",
            "  static Object kept;",
            "  static byte[] chunk() { return new byte[16 << 20]; }",
            "  static class Loader extends ClassLoader { final byte[] held = chunk(); }",
            "  static class Group extends ThreadGroup { final byte[] held = chunk(); Group() { super(\"hide\"); } }",
            "  static class Ended extends Thread { final byte[] held = chunk(); }",
            "  public interface HolderMBean { int getSize(); }",
            "  public static class Holder implements HolderMBean { final byte[] held = chunk(); public int getSize() { return held.length; } }",
            "  public static void main(String[] args) throws Exception {",
            "    byte[] held = chunk();",
            "    Runnable holding = () -> System.out.print(held.length > 0 ? \"\" : \"-\");",
            "    switch (args[0]) {",
            "      case \"unstarted-thread\" -> kept = new Thread(holding);",
            "      case \"ended-thread\" -> { Thread t = new Ended(); t.start(); t.join(); kept = t; }",
            "      case \"loader\" -> kept = new Loader();",
            "      case \"group\" -> kept = new Group();",
            "      case \"shutdown-hook\" -> Runtime.getRuntime().addShutdownHook(new Thread(holding));",
            "      case \"uncaught-handler\" -> Thread.setDefaultUncaughtExceptionHandler((t, e) -> holding.run());",
            "      case \"property\" -> System.setProperty(\"hidden\", new String(held, java.nio.charset.StandardCharsets.ISO_8859_1));",
            "      case \"cleaner\" -> { kept = new Object(); java.lang.ref.Cleaner.create().register(kept, holding); }",
            "      case \"delayed-task\" -> CompletableFuture.delayedExecutor(1, TimeUnit.HOURS).execute(holding);",
            "      case \"jdk-internal-stream\" -> kept = java.nio.channels.Channels.newInputStream(",
            "          java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(held)));",
            "      case \"mbean\" -> ManagementFactory.getPlatformMBeanServer().registerMBean(new Holder(),",
            "          new javax.management.ObjectName(\"hide:type=Holder\"));",
            "      case \"notification-listener\" -> ((javax.management.NotificationEmitter) ManagementFactory.getMemoryMXBean())",
            "          .addNotificationListener((n, h) -> holding.run(), null, null);",
            "      default -> throw new IllegalArgumentException(args[0]);",
            "    }",
            "    System.out.println(\"hidden\");",
            "    Thread.sleep(Long.MAX_VALUE);",
            "  }",
            "}",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"unstarted-thread", "ended-thread", "loader", "group", "shutdown-hook", "uncaught-handler", "property",
        "cleaner", "delayed-task", "notification-listener", "mbean", "jdk-internal-stream"})
    void theLiveHeapCountsWhatJvisorOrTheJdkHoldsForAGuest(String where, @TempDir Path dir) throws Exception {
        // from Java 25 the JDK's delay thread keeps its queue on its stack, where no walk sees
        assumeTrue(!where.equals("delayed-task") || Runtime.version().feature() < 25, "the JDK's delay thread holds its tasks on its stack");
        Path classes = GuestSources.compile(dir, java.util.Map.of("Hide", HIDE));
        Guest g = Hypervisor.get().start(GuestSpec.builder("hide-" + where).classPath(classes).mainClass("Hide").args(List.of(where))
                .console(Console.Mode.CAPTURE).quota(Resource.LIVE_HEAP, Limit.hard(1L << 40)).build());
        assertTrue(g.console().awaitOut("hidden", PATIENCE), g.console().capturedErr());
        long live = g.liveHeap(0);
        g.kill();
        awaitEnd(g);
        assertTrue(live >= 16 * MIB, "the live heap counts the 16 MiB held by a " + where + ": " + live);
    }

    /**
     * Hands a thread of the JDK's that every program shares (args[0] says which) work of its own,
     * spinning for CPU time or allocating (args[1]), for 30 s, and waits parked for it to finish.
     */
    private static final String LEND = String.join("\n",
            "import java.util.concurrent.*;",
            "public class Lend {",
            "  static volatile Object sink;",
            "  static final CountDownLatch done = new CountDownLatch(1);",
            "  static void work(String what) {",
            "    long end = System.nanoTime() + 30_000_000_000L;",
            "    while (System.nanoTime() < end) if (what.equals(\"allocate\")) sink = new byte[1 << 20];",
            "    done.countDown();",
            "  }",
            "  static class Finalized {",
            "    final String what;",
            "    Finalized(String what) { this.what = what; }",
            "    @SuppressWarnings(\"deprecation\") @Override protected void finalize() { work(what); }",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    String what = args[1];",
            "    switch (args[0]) {",
            "      case \"common-pool\" -> ForkJoinPool.commonPool().execute(() -> work(what));",
            "      case \"delay-thread\" -> CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, Runnable::run).execute(() -> work(what));",
            "      case \"finalizer\" -> new Finalized(what);",
            "      default -> throw new IllegalArgumentException(args[0]);",
            "    }",
            "    System.out.println(\"lent\");",
            "    for (int i = 0; i < 100 && done.getCount() > 0 && args[0].equals(\"finalizer\"); i++) { System.gc(); Thread.sleep(10); }",
            "    done.await();",
            "  }",
            "}",
            "");

    /** Makes sure the common pool has a worker, in its own group if it is the first to ask, then waits to be killed. */
    private static final String WARM = String.join("\n",
            "public class Warm {",
            "  public static void main(String[] args) throws Exception {",
            "    java.util.concurrent.ForkJoinPool.commonPool().submit(() -> { }).get();",
            "    System.out.println(\"warm\");",
            "    Thread.sleep(Long.MAX_VALUE);",
            "  }",
            "}",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"common-pool cpu", "delay-thread cpu", "finalizer cpu", "common-pool allocate", "delay-thread allocate"})
    void whatTheJdksSharedThreadsSpendRunningAGuestsCodeCountsAsItsOwn(String how, @TempDir Path dir) throws Exception {
        String[] args = how.split(" ");
        Path classes = GuestSources.compile(dir, java.util.Map.of("Lend", LEND, "Warm", WARM));
        // another guest's code may have started the common pool's worker, in its own group: it pays nothing for the other's work
        Guest warm = Hypervisor.get().start(GuestSpec.builder("warm").classPath(classes).mainClass("Warm")
                .console(Console.Mode.CAPTURE).quota(Resource.CPU_TIME, Limit.hard(1L << 50)).build());
        assertTrue(warm.console().awaitOut("warm", PATIENCE), warm.console().capturedErr());
        Resource resource = args[1].equals("cpu") ? Resource.CPU_TIME : Resource.ALLOCATED;
        Guest lender = Hypervisor.get().start(GuestSpec.builder("lend").classPath(classes).mainClass("Lend").args(List.of(args))
                .console(Console.Mode.CAPTURE).quota(resource, Limit.hard(resource == Resource.CPU_TIME ? 300 * MS : 256 * MIB)).build());
        GuestResult result = awaitEnd(lender);
        long warmUsed = warm.usage(resource);
        warm.kill();
        awaitEnd(warm);

        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending(), result.detail() + lender.console().capturedErr());
        assertTrue(result.detail().startsWith("over its " + resource.label() + " quota"), result.detail());
        assertTrue(lender.console().capturedOut().startsWith("lent"), "its main thread lent the work and waited");
        assertTrue(warmUsed < (resource == Resource.CPU_TIME ? 300 * MS : 256 * MIB), "the other guest did not pay for it: " + warmUsed);
        assertTrue(lender.awaitStopped(PATIENCE), "its code on the JDK's thread stopped");
    }

    /**
     * Opens directory streams until refused, closes them, lists its disk's root a hundred times,
     * then holds three open until it is killed.
     */
    private static final String DIRECTORIES = String.join("\n",
            "import java.nio.file.*;",
            "import java.util.*;",
            "public class Directories {",
            "  public static void main(String[] args) throws Exception {",
            "    List<DirectoryStream<Path>> open = new ArrayList<>();",
            "    try {",
            "      while (open.size() < 100) open.add(Files.newDirectoryStream(Path.of(\"/\")));",
            "    } catch (java.io.IOException e) {",
            "      System.out.println(\"opened \" + open.size() + \", refused: \" + e.getMessage());",
            "    }",
            "    for (DirectoryStream<Path> d : open) d.close();",
            "    for (int i = 0; i < 100; i++) try (var listed = Files.list(Path.of(\"/\"))) { listed.count(); }",
            "    open.clear();",
            "    for (int i = 0; i < 3; i++) open.add(Files.newDirectoryStream(Path.of(\"/\")));",
            "    System.out.println(\"listed 100 times, holding 3\");",
            "    Thread.sleep(Long.MAX_VALUE);",
            "  }",
            "}",
            "");

    /**
     * Runs a guest of one class, on a disk of its own, whose open files have a soft limit of 5: it
     * opens past it, then holds three open until it is killed.
     *
     * @return its output, and how many files it held open before it was killed; it has stopped
     */
    private static Map.Entry<String, Long> heldPastFive(Path dir, String main, String source) throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), java.util.Map.of(main, source));
        Guest g = Hypervisor.get().start(GuestSpec.builder(main.toLowerCase(java.util.Locale.ROOT)).classPath(classes).mainClass(main)
                .disk(Files.createDirectories(dir.resolve("disk"))).console(Console.Mode.CAPTURE)
                .quota(Resource.OPEN_FILES, Limit.soft(5)).build());
        assertTrue(g.console().awaitOut("holding 3", PATIENCE), g.console().capturedOut() + g.console().capturedErr());
        long held = g.usage(Resource.OPEN_FILES);
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed them");
        return Map.entry(g.console().capturedOut(), held);
    }

    @Test
    void directoryStreamsCountAsOpenFilesUntilClosedAndCloseWhenTheGuestEnds(@TempDir Path dir) throws Exception {
        Map.Entry<String, Long> run = heldPastFive(dir, "Directories", DIRECTORIES);
        assertEquals("opened 5, refused: Too many open files" + System.lineSeparator() + "listed 100 times, holding 3"
                + System.lineSeparator(), run.getKey());
        assertEquals(3, run.getValue());
    }

    /** Makes groups of asynchronous channels until refused, shuts them down, then makes and holds three until it is killed. */
    private static final String GROUPS = String.join("\n",
            "import java.nio.channels.AsynchronousChannelGroup;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "public class Groups {",
            "  public static void main(String[] args) throws Exception {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    List<AsynchronousChannelGroup> groups = new ArrayList<>();",
            "    try {",
            "      while (groups.size() < 100) groups.add(AsynchronousChannelGroup.withThreadPool(pool));",
            "    } catch (java.io.IOException e) {",
            "      System.out.println(\"made \" + groups.size() + \", refused: \" + e.getMessage());",
            "    }",
            "    for (AsynchronousChannelGroup g : groups) {",
            "      g.shutdownNow();",
            "      g.awaitTermination(1, TimeUnit.MINUTES);",
            "    }",
            "    groups.clear();",
            "    for (int i = 0; i < 3; i++) groups.add(AsynchronousChannelGroup.withThreadPool(pool));",
            "    System.out.println(\"holding 3\");",
            "    Thread.sleep(Long.MAX_VALUE);",
            "  }",
            "}",
            "");

    @Test
    void groupsOfAsynchronousChannelsCountAsOpenFilesUntilTheyHaveTerminated(@TempDir Path dir) throws Exception {
        Map.Entry<String, Long> run = heldPastFive(dir, "Groups", GROUPS);
        assertEquals("made 5, refused: Too many open files" + System.lineSeparator() + "holding 3" + System.lineSeparator(), run.getKey());
        assertEquals(3, run.getValue());
    }

    @Test
    void theSoftLimitOfThreadsRefusesTheNextOneAsTheJvmWould() throws Exception {
        Guest g = Hypervisor.get().start(busy("threads", "threads", "50").quota(Resource.THREADS, Limit.soft(5)).build());
        GuestResult result = awaitEnd(g);
        assertEquals(GuestResult.Ending.RETURNED, result.ending(), g.console().capturedErr());
        String out = g.console().capturedOut();
        assertTrue(out.startsWith("started 4 threads" + System.lineSeparator()
                + "refused: unable to create native thread: jvisor: guest 'threads' has 5 threads, its quota"), out);
    }

    @Test
    void theHardLimitOfThreadsKills() throws Exception {
        Guest g = Hypervisor.get().start(busy("threads-hard", "threads", "50").quota(Resource.THREADS, Limit.hard(3)).build());
        GuestResult result = awaitEnd(g);
        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending());
        assertTrue(result.detail().startsWith("over its threads quota: used 4, hard limit 3"), result.detail());
        assertTrue(g.awaitStopped(PATIENCE), "its waiting threads were unwound too");
    }

    @Test
    void theSoftLimitOfOpenFilesRefusesTheNextOpenAsTheJvmWould() throws Exception {
        Guest g = Hypervisor.get().start(busy("files", "files", "50").quota(Resource.OPEN_FILES, Limit.soft(5)).build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 5 files" + System.lineSeparator() + "refused: java.io.FileNotFoundException: /file-5 (Too many open files)"
                + System.lineSeparator() + "started" + System.lineSeparator(), g.console().capturedOut());
        assertEquals(5, g.usage(Resource.OPEN_FILES));
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed them");
    }

    /**
     * Each zip file counts, told apart from the others by identity, and open until it is closed: a
     * guest's subclass may claim that its zip files are all one, and closed.
     */
    @Test
    void zipFilesThatClaimToBeOneAndClosedCountEach(@TempDir Path disk) throws Exception {
        Guest g = Hypervisor.get().start(busy("lookalikes", "lookalikes", "50").disk(disk).quota(Resource.OPEN_FILES, Limit.soft(5))
                .build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 5 zip files" + System.lineSeparator() + "refused: java.io.IOException: Too many open files"
                + System.lineSeparator() + "started" + System.lineSeparator(), g.console().capturedOut());
        assertEquals(5, g.usage(Resource.OPEN_FILES));
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed them");
    }

    /** A channel counts as the file it holds open; a stream's channel, which closes with its stream, does not count again. */
    @Test
    void fileChannelsCountAsOpenFilesAndAStreamsChannelWithItsStream() throws Exception {
        Guest g = Hypervisor.get().start(busy("channels", "channels").build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 4 files and channels" + System.lineSeparator() + "started" + System.lineSeparator(),
                g.console().capturedOut());
        assertEquals(3, g.usage(Resource.OPEN_FILES), "two channels and a stream");
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed them");
    }

    /**
     * A zip or jar file counts as the file it holds open, one that the JDK's cache of jar files
     * keeps for a {@code jar:} URL too, and the guest's end closes them all; a jar of the guest's
     * class path, which its loader opens, counts toward nothing.
     */
    @Test
    void zipFilesCountAsOpenFilesAndTheGuestsEndClosesThem(@TempDir Path disk) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "this system lists no process's descriptors");
        Guest g = Hypervisor.get().start(busy("zips", "zips", "4").disk(disk).build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 4 zip files" + System.lineSeparator() + "started" + System.lineSeparator(), g.console().capturedOut());
        assertEquals(4, g.usage(Resource.OPEN_FILES), "three zip files and the cached jar of a URL");
        assertEquals(4, descriptorsUnder(disk), "the JVM's descriptors of the guest's zip files");
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed them");
        assertEquals(0, descriptorsUnder(disk), "the JVM still holds a zip file of the guest's open");
    }

    /** A socket whose constructor calls another of its class counts once: the limit lets in as many as it says. */
    @Test
    void theSoftLimitOfOpenFilesLetsInAsManySocketsAsItSays() throws Exception {
        Guest g = Hypervisor.get().start(busy("sockets", "sockets", "5").quota(Resource.OPEN_FILES, Limit.soft(3))
                .policy(Policy.parse("preset constrained\nallow connect 127.0.0.1:*\n", "sockets.policy")).build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 2 sockets and a listener" + System.lineSeparator() + "refused: java.io.IOException: Too many open files"
                + System.lineSeparator() + "started" + System.lineSeparator(), g.console().capturedOut());
        assertEquals(3, g.usage(Resource.OPEN_FILES));
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
    }

    /** The ends of a pipe and an asynchronous file channel each hold a file open; the guest's end closes them. */
    @Test
    void pipesAndAsynchronousFileChannelsCountAsOpenFilesAndTheGuestsEndClosesThem(@TempDir Path disk) throws Exception {
        Guest g = Hypervisor.get().start(busy("pipes", "pipes").disk(disk).build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 3 pipe ends and asynchronous file channels" + System.lineSeparator() + "started"
                + System.lineSeparator(), g.console().capturedOut());
        assertEquals(3, g.usage(Resource.OPEN_FILES));
        assertEquals(1, descriptorsUnder(disk), "the JVM's descriptor of the guest's file");
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed them");
        assertEquals(0, descriptorsUnder(disk), "the JVM still holds the guest's file open");
    }

    /**
     * A guest that is the first to listen with an asynchronous channel of the JVM's default group
     * stops when killed, its channel closed: the group's threads are the host's, and go on
     * serving the host after the guest's end.
     */
    @Test
    void aGuestThatListensOnAnAsynchronousChannelStopsAndTheJvmsGroupServesTheHost() throws Exception {
        Guest g = Hypervisor.get().start(busy("async", "async").build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        String out = g.console().capturedOut();
        int port = Integer.parseInt(out.substring("listening on ".length(), out.indexOf(System.lineSeparator())));
        assertEquals(1, g.usage(Resource.OPEN_FILES));
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE), "the guest's last threads did not end");
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed its channel");
        java.net.InetSocketAddress address = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
        try (java.nio.channels.AsynchronousServerSocketChannel host = java.nio.channels.AsynchronousServerSocketChannel.open()
                .bind(address);
                java.nio.channels.AsynchronousSocketChannel client = java.nio.channels.AsynchronousSocketChannel.open()) {
            java.util.concurrent.Future<java.nio.channels.AsynchronousSocketChannel> accepted = host.accept();
            client.connect(address).get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            accepted.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).close();
        }
    }

    /** A group of asynchronous channels a guest makes itself is shut down at its end: its threads end with the guest. */
    @Test
    void aGuestsOwnGroupOfAsynchronousChannelsEndsWithIt() throws Exception {
        Guest g = Hypervisor.get().start(busy("own-group", "own-group").build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE), "the guest's last threads did not end");
        assertEquals(0, g.usage(Resource.OPEN_FILES), "its end closed its channel");
    }

    @Test
    void theSoftLimitOfOpenFilesRefusesTheNextZipFile() throws Exception {
        Guest g = Hypervisor.get().start(busy("zips-refused", "zips", "5").quota(Resource.OPEN_FILES, Limit.soft(3)).build());
        assertTrue(g.console().awaitOut("started", PATIENCE), g.console().capturedErr());
        assertEquals("opened 3 zip files" + System.lineSeparator() + "refused: java.io.IOException: Too many open files"
                + System.lineSeparator() + "started" + System.lineSeparator(), g.console().capturedOut());
        assertEquals(3, g.usage(Resource.OPEN_FILES));
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
    }

    /** How many of this JVM's open descriptors name a file under a directory. */
    private static long descriptorsUnder(Path dir) throws java.io.IOException {
        Path real = dir.toRealPath();
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (java.io.IOException e) {
                    return Path.of(""); // closed since it was listed (the listing's own)
                }
            }).filter(target -> target.startsWith(real)).count();
        }
    }

    /**
     * The JDK looks for service providers on the JVM's class path on whichever thread asks: a
     * guest's lookup of a charset makes the JVM's loader open a jar of the host's that it had not
     * opened yet (one appended to the class path here), and the JDK read the file of providers it
     * declares. That jar is the host's: read where it is, counted toward no quota of the guest's and
     * left open at its end. (It was put on the guest's disk, not found there, and dropped from the
     * host's class path for good; its file of providers, opened again by its URL, failed the look-up.)
     */
    @Test
    void aJarOfTheHostsClassPathThatAGuestsLookupOpensStaysTheHosts(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("host-probe.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("jvisor-host-probe.txt"));
            out.write("the host's".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/" + java.nio.charset.spi.CharsetProvider.class.getName()));
            out.write(NoCharsets.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (java.util.jar.JarFile appended = new java.util.jar.JarFile(jar.toFile())) {
            net.bytebuddy.agent.ByteBuddyAgent.install().appendToSystemClassLoaderSearch(appended);
        }
        Guest g = Hypervisor.get().start(GuestSpec.builder("charset").classPath(Path.of(System.getProperty("sample.hello")))
                .args(List.of("--charset=x-jvisor-none")).console(Console.Mode.CAPTURE).disk(dir.resolve("disk"))
                .quota(Resource.OPEN_FILES, Limit.soft(1)).build());
        assertEquals(0, awaitEnd(g).exitStatus(), g.console().capturedErr());
        assertTrue(g.console().capturedOut().contains("charset x-jvisor-none supported: false"), g.console().capturedOut());
        java.net.URL probe = ClassLoader.getSystemResource("jvisor-host-probe.txt");
        assertNotNull(probe, "the host's class loader lost its jar");
        try (java.io.InputStream in = probe.openStream()) {
            assertEquals("the host's", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A provider of the host's, which the probe jar declares: it knows no charset. */
    public static final class NoCharsets extends java.nio.charset.spi.CharsetProvider {

        @Override
        public java.util.Iterator<java.nio.charset.Charset> charsets() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public java.nio.charset.Charset charsetForName(String name) {
            return null;
        }
    }

    @Test
    void outputPastTheSoftLimitIsDiscardedAndPastTheHardOneKills() throws Exception {
        Guest g = Hypervisor.get().start(busy("output", "count").quota(Resource.OUTPUT, new Limit(100, 2000)).build());
        GuestResult result = awaitEnd(g);
        assertEquals(GuestResult.Ending.OVER_QUOTA, result.ending());
        assertTrue(result.detail().startsWith("over its output quota"), result.detail());
        assertTrue(g.console().capturedOut().length() <= 100, "only what the soft limit let through: " + g.console().capturedOut());
        assertTrue(g.usage(Resource.OUTPUT) > 2000);
    }

    @Test
    void aDiskQuotaChangesWhileTheGuestRuns() throws Exception {
        Guest g = Hypervisor.get().start(busy("disk", "spin").quota(Resource.DISK, Limit.soft(1024)).build());
        assertTrue(g.console().awaitOut("started", PATIENCE));
        assertEquals(1024, g.disk().quota().limit());
        g.quotas().set(Resource.DISK, Limit.soft(4096));
        assertEquals(4096, g.disk().quota().limit());
        g.kill();
        assertTrue(g.awaitStopped(PATIENCE));
    }
}
