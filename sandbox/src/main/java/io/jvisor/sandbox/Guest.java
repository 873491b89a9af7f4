package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.hooks.Guards;
import io.jvisor.hooks.Safepoint;
import io.jvisor.hooks.Traps;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.device.GuestPreferences;
import io.jvisor.sandbox.policy.Decision;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Quotas;
import io.jvisor.sandbox.quota.Resource;

import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.SwitchPoint;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A guest: a program the hypervisor runs, with its own class loader, policy, console, shutdown
 * hooks, state and exit status. Created by {@link Hypervisor#start}; thread-safe.
 *
 * <p>A guest ends when main returns and no non-daemon thread of it is left, when it calls exit
 * or halt, when main ends with an uncaught exception, or when the host {@linkplain #kill() kills}
 * it. From then on only its shutdown hooks run its code: every other thread of it is interrupted
 * and unwound at its next safepoint (a method entry, loop back-edge or exception handler of its
 * code), trap or catch-all handler, so that no thread of it outlives it for long.
 *
 * <p>The host may {@linkplain #pause() pause} a running guest: its threads stop at their next
 * safepoint until it {@linkplain #resume() resumes}.
 */
public final class Guest {

    private final String name;
    /** Which guest a {@link GuestExit} ends: an object of no use to anyone else. */
    private final Object exitToken = new Object();
    private final Policy policy;
    private final Console console;
    private final boolean ownsJvm;
    private final Properties initialProperties;
    private final Map<String, String> environment;
    private volatile Properties properties;
    private final AuditLog audit;
    private final Map<String, Decision> decisions = new HashMap<>();
    /** How many decisions of each operation were made; {@code null} for the application that owns the JVM, which no one watches. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> decisionCounts;
    /** The operations whose decision depends on the calling code's ring: none unless the policy has rings. */
    private final Set<String> ringDependent;
    /** Invalidated when the guest begins to end: the call sites bound to it find their guest at each call from then on. */
    private final SwitchPoint running = new SwitchPoint();
    /** The decisions of the hottest traps, the console's, kept at hand. */
    private final boolean stdoutAllowed;
    private final boolean stderrAllowed;
    private final boolean readsAnyFile;
    private final boolean writesAnyFile;
    private final Map<Thread, Thread> hooks = new IdentityHashMap<>();
    private final List<String> refusedClasses = new ArrayList<>();
    private final CompletableFuture<GuestResult> result = new CompletableFuture<>();
    private final Set<ProcessHandle> startedProcesses = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile GuestState state = GuestState.CREATED;
    /** Begun to end: its shutdown hooks run, and its other threads with them, as in a JVM that exits. */
    private volatile boolean ending;
    /** No code of the guest's may run any more: its hooks are done, or it was halted or killed. */
    private volatile boolean halted;
    /** What the guest's end will be, once it is: how it began to end, or a kill or halt during its hooks. */
    private volatile GuestResult outcome;
    /** The guest's shutdown hooks, while they run. */
    private volatile List<Thread> runningHooks = List.of();
    /**
     * The guest's servers on loopback or on every address, by their sockets' descriptors (which
     * closing a socket makes invalid), and where each listens; guarded by itself.
     */
    private final Map<java.io.FileDescriptor, java.net.InetSocketAddress> listeners = new java.util.WeakHashMap<>();
    /** The guest's disk; {@code null} for a guest that works on the host's files. */
    private final VirtualDisk disk;
    private final GuestSafepoint safepoint = new GuestSafepoint();
    private volatile boolean paused;
    /** How many of the guest's threads wait at a safepoint; guarded by {@link #lifecycle}. */
    private int heldThreads;
    /** Whether a soft quota holds the guest's threads at their safepoints for now (throttling). */
    private volatile boolean held;
    private final Quotas quotas = new Quotas(Map.of(), this::applyQuota);
    private volatile QuotaMonitor monitor;
    private final ThreadTotals cpuTime = new ThreadTotals(ThreadTotals.Counter.CPU_TIME);
    private final ThreadTotals allocated = new ThreadTotals(ThreadTotals.Counter.ALLOCATED);
    /** What the JDK's threads shared by every program spent running the guest's code ({@link CallbackMeter}). */
    private final java.util.concurrent.atomic.AtomicLong sharedCpuTime = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sharedAllocated = new java.util.concurrent.atomic.AtomicLong();
    /** Guards the live-heap estimate's remaking: two readers share one walk. */
    private final Object liveHeapLock = new Object();
    /** The threads started for the guest and the most it had live at once: its view of the JVM's thread counts. */
    private final java.util.concurrent.atomic.AtomicLong threadsStarted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger threadPeak = new java.util.concurrent.atomic.AtomicInteger();
    /** The last live-heap estimate, which the quota monitor's tick reads without walking. */
    private volatile long liveHeap;
    /** When the last live-heap estimate was made ({@code System.nanoTime()}), if one was; guarded by {@link #liveHeapLock}. */
    private long liveHeapMeasuredAt;
    private boolean liveHeapMeasured;
    private final java.util.concurrent.atomic.AtomicLong output = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean outputDiscarded;
    /** The files and sockets the guest's threads opened: weak, so that what the guest closed and dropped goes. */
    private final WeakIdentityMap<java.io.Closeable, Boolean> resources = new WeakIdentityMap<>();
    /** The groups of asynchronous channels the guest's threads made: weak, as {@link #resources}. */
    private final WeakIdentityMap<java.nio.channels.AsynchronousChannelGroup, Boolean> channelGroups = new WeakIdentityMap<>();
    /** The pools of threads the guest's code made: weak, as {@link #resources}. */
    private final WeakIdentityMap<java.util.concurrent.ExecutorService, Boolean> executors = new WeakIdentityMap<>();
    /** The timers the guest's code made: weak, as {@link #resources}. */
    private final WeakIdentityMap<java.util.Timer, Boolean> timers = new WeakIdentityMap<>();
    /** What puts back the signal handlers the guest replaced, in the order it replaced them. */
    private final List<Runnable> signalRestores = new ArrayList<>();
    /** The guest's own signals, where its policy keeps it from the JVM's; guarded by {@link #signalRestores}. */
    private GuestSignals signals;
    /** The thread group of a hosted guest's threads, once it has started. */
    private volatile GuestThreads threads;
    /** Weak: the hypervisor finds a guest by its loader in a weak map, whose values must not hold the keys. */
    private volatile java.lang.ref.WeakReference<ClassLoader> loader = new java.lang.ref.WeakReference<>(null);
    private volatile GuestSpec.Mode mode = GuestSpec.Mode.FULL;
    private volatile GuestCommand command = GuestCommand.NONE;
    private final GuestDefaults defaults = new GuestDefaults();
    /** The native memory it allocated by {@code sun.misc.Unsafe}, which it may reach. */
    private final GuestMemory memory = new GuestMemory();
    private final GuestUrlHandlers urlHandlers = new GuestUrlHandlers();
    /** The guest's own objects of the keys of the JDK's cache of HTTP connections kept alive, by the JDK's; see {@link #connectionCacheKey}. */
    private final WeakIdentityMap<Object, Object> connectionCacheKeys = new WeakIdentityMap<>();
    /** The guest's own object of the key of plain HTTP's connections, whose JDK object is {@code null}. */
    private final Object plainConnectionCacheKey = new Object();
    /**
     * What ends the keys of the guest's jar files in the JDK's cache: of one length for every guest
     * and unlike any other guest's, so that no URL's text makes one guest's key (or the host's,
     * which has none) out of another's.
     */
    private final String jarCacheTag = String.format("%cjvisor-guest-%019d", (char) 0, JAR_CACHE_TAGS.incrementAndGet());
    private static final java.util.concurrent.atomic.AtomicLong JAR_CACHE_TAGS = new java.util.concurrent.atomic.AtomicLong();
    /** The JDK's cache of the HTTP credentials the guest's connections used (JDK 18 and later), made at its first use. */
    private Object credentials;
    /** The key of the guest's own HTTP credentials in the JDK's JVM-wide cache of them (JDK 17). */
    private final String credentialsKey = "jvisor-guest-" + java.util.UUID.randomUUID();
    /** The guest's trees of preferences, user and system, made at their first use. */
    private final GuestPreferences[] preferences = new GuestPreferences[2];
    /** The guest's own logging, once it first reached {@code java.util.logging}; see {@link #logging()}. */
    private volatile GuestLogging logging;
    /** Held while the guest's logging is made and configured; guards {@link #loggingMade}. */
    private final Object loggingLock = new Object();
    /** The guest's logging while the thread holding {@link #loggingLock} configures it (the configuration finds it). */
    private GuestLogging loggingMade;
    /** The state the guest declared by hypercall, by name: what its snapshots keep. */
    private final Map<String, io.jvisor.api.State> states = new ConcurrentHashMap<>();
    /** The threads the guest started outside its group (see {@link Hypervisor#adopt(Thread, Guest)}). */
    private final WeakIdentityMap<Thread, Boolean> adoptedThreads = new WeakIdentityMap<>();

    /** Opens a guest's disk, given the gate through which the guest's policy decides each access. */
    @FunctionalInterface
    interface DiskOpener {
        VirtualDisk open(VirtualDisk.Gate gate) throws java.io.IOException;
    }

    /**
     * @param properties  the guest's system properties: its own object (for a guest that owns
     *                    the JVM, the JVM's)
     * @param environment the guest's environment
     * @param audit       where the guest's decisions are written
     */
    Guest(String name, Policy policy, Console console, boolean ownsJvm, Properties properties, Map<String, String> environment,
            AuditLog audit) {
        this(name, policy, console, ownsJvm, properties, environment, audit, null);
    }

    /**
     * @param disk opens the guest's disk; {@code null} for a guest that works on the host's files
     * @throws java.io.UncheckedIOException if the disk cannot be opened
     */
    Guest(String name, Policy policy, Console console, boolean ownsJvm, Properties properties, Map<String, String> environment,
            AuditLog audit, DiskOpener disk) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.console = Objects.requireNonNull(console, "console");
        this.ownsJvm = ownsJvm;
        this.properties = Objects.requireNonNull(properties, "properties");
        this.initialProperties = copy(properties);
        this.environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        for (String op : Catalog.standard().operations()) {
            decisions.put(op, policy.decide(op));
        }
        if (ownsJvm) {
            decisionCounts = null;
        } else {
            decisionCounts = new java.util.LinkedHashMap<>();
            decisions.keySet().stream().sorted().forEach(op -> decisionCounts.put(op, new java.util.concurrent.atomic.LongAdder()));
        }
        this.ringDependent = decisions.keySet().stream().filter(op -> policy.dependsOnRing(op, null))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.stdoutAllowed = decisions.get("stdout").allowed();
        this.stderrAllowed = decisions.get("stderr").allowed();
        this.readsAnyFile = policy.allowsEverywhere("file-read");
        this.writesAnyFile = policy.allowsEverywhere("file-write");
        try {
            this.disk = disk == null ? null : disk.open(this::checkFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!ownsJvm) {
            console.meter(this::admitOutput);
        }
    }

    /**
     * Waits until the guest listens on a port (a server guest has bound it, on loopback or on every
     * address), or has ended, or the time is up.
     *
     * @return whether the guest listens on the port
     */
    public boolean awaitPort(int port, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (listeners) {
            while (!listensOn(null, port) && !result.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(listeners, left);
            }
            return listensOn(null, port);
        }
    }

    /**
     * Whether a server of the guest's, still open, listens on a port of an address (any address
     * for {@code null}): there, and only there, other guests reach it by its name. One that listens
     * on every address is reached on loopback's.
     */
    boolean listensOn(java.net.InetAddress address, int port) {
        synchronized (listeners) {
            for (Map.Entry<java.io.FileDescriptor, java.net.InetSocketAddress> l : listeners.entrySet()) {
                java.net.InetAddress at = l.getValue().getAddress();
                if (l.getKey().valid() && l.getValue().getPort() == port
                        && (address == null || at.equals(address) || at.isAnyLocalAddress() && address.isLoopbackAddress())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A server of the guest's is bound: its socket's descriptor, and where it listens. */
    void bound(java.io.FileDescriptor fd, java.net.InetAddress address, int port) {
        synchronized (listeners) {
            listeners.put(fd, new java.net.InetSocketAddress(address, port));
            listeners.notifyAll();
        }
    }

    /**
     * The class loader of a hosted guest's classes, for a host that calls into them (a plugin
     * host, a benchmark): such calls run on the host's thread but act as the guest's code, with its
     * policy, quotas and safepoints. {@code null} before the guest has started, for the
     * application that owns the JVM, and once nothing else holds the loader of an ended guest.
     */
    public ClassLoader classLoader() {
        return loader.get();
    }

    private GuestMBeanServer mbeanServer;

    /** The guest's own platform MBean server (see {@link GuestMBeanServer}), made when it first asks. */
    synchronized GuestMBeanServer mbeanServer() {
        if (mbeanServer == null) {
            mbeanServer = new GuestMBeanServer(this);
        }
        return mbeanServer;
    }

    /**
     * The servers the guest made by {@code MBeanServerFactory.createMBeanServer} and has not
     * released: its own list, where the JDK's would have put them in the JVM's for every program
     * to find, after the guest's end too.
     */
    private final List<javax.management.MBeanServer> createdMBeanServers = new ArrayList<>();

    /** The MBean servers {@code findMBeanServer} lists for the guest: its platform server, then those it made. */
    synchronized List<javax.management.MBeanServer> mbeanServers() {
        List<javax.management.MBeanServer> servers = new ArrayList<>(List.of(mbeanServer()));
        servers.addAll(createdMBeanServers);
        return servers;
    }

    /** Puts a server the guest made by {@code createMBeanServer} in its own list. */
    synchronized javax.management.MBeanServer mbeanServerCreated(javax.management.MBeanServer made) {
        createdMBeanServers.add(made);
        return made;
    }

    /** Takes a server out of the guest's own list: whether it was there. */
    synchronized boolean mbeanServerReleased(javax.management.MBeanServer server) {
        return createdMBeanServers.remove(server);
    }

    /** The guest's disk, or {@code null} if it works on the host's files. */
    public VirtualDisk disk() {
        return disk;
    }

    /** The policy's decision on a file access, written to the audit log: the gate of the guest's disk. */
    void checkFile(String path, boolean write) throws AccessDeniedException {
        if (decidedForEveryFile(write)) {
            return;
        }
        Decision d = decide(write ? "file-write" : "file-read", path);
        if (!d.allowed()) {
            throw new AccessDeniedException(path, null, "jvisor: guest '" + name + "' may not "
                    + (write ? "write" : "read") + " it: " + d.reason());
        }
    }

    /** {@link #checkFile(String, boolean)} for a host file, whose absolute path is made only if a decision needs it. */
    void checkFile(java.io.File file, boolean write) throws AccessDeniedException {
        if (!decidedForEveryFile(write)) {
            checkFile(file.getAbsolutePath(), write);
        }
    }

    /** Whether a file access of this kind needs a decision of its own (see {@link #decidedForEveryFile}). */
    boolean decidesEachFile(boolean write) {
        return !(write ? writesAnyFile : readsAnyFile) || audit.wants(true);
    }

    /**
     * Whether the policy allows every file access of this kind and the audit log wants no allowed
     * decision: then an access needs no decision of its own (a file operation's hot path).
     */
    private boolean decidedForEveryFile(boolean write) {
        if (!decidesEachFile(write)) {
            checkAlive(write ? "file-write" : "file-read", null);
            return true;
        }
        return false;
    }

    /** A process this guest started: it may destroy it whatever its policy says of other processes. */
    void started(ProcessHandle process) {
        startedProcesses.add(process);
        if (disk != null) {
            disk.quota().writtenPastMeter();
            process.onExit().thenRun(disk.quota()::writtenPastMeter);
        }
    }

    /** Whether this guest started the process (a handle names a process by its pid and start time). */
    boolean hasStarted(ProcessHandle process) {
        return startedProcesses.contains(process);
    }

    /** Whether this guest started a process of this pid (one that still runs, or ran last under it). */
    boolean hasStarted(long pid) {
        return startedProcesses.stream().anyMatch(p -> p.pid() == pid);
    }

    // ---- quotas ----

    /** The guest's quotas, which the host may change while it runs. */
    public Quotas quotas() {
        return quotas;
    }

    /**
     * How much of a resource the guest uses now (CPU time and allocation: as last measured, at most a
     * period ago; the live heap: as last estimated, at most a second ago, a walk stopped once past its
     * hard limit, and 0 where this JVM cannot estimate it; see {@link Resource#LIVE_HEAP}).
     */
    public long usage(Resource resource) {
        switch (resource) {
            case CPU_TIME:
                return cpuTime.sample(meteredThreads()) + sharedCpuTime.get();
            case ALLOCATED:
                return allocated.sample(meteredThreads()) + sharedAllocated.get();
            case LIVE_HEAP:
                try {
                    return liveHeap(LIVE_HEAP_MAX_AGE_NANOS);
                } catch (UnsupportedOperationException e) {
                    return 0;
                }
            case THREADS:
                return threadCount();
            case OPEN_FILES:
                return openFiles();
            case DISK:
                return disk == null ? 0 : disk.quota().used();
            default:
                return output.get();
        }
    }

    /**
     * {@code Runtime.maxMemory()} as the guest sees it: the JVM's, but no more than the live heap at
     * which the guest is first held back, as a JVM in a container sees the container's memory
     * limit. Programs size their caches by it.
     */
    long maxMemory() {
        return Math.min(Runtime.getRuntime().maxMemory(), heapLimit());
    }

    /** {@code Runtime.totalMemory()} as the guest sees it: the JVM's, but no more than its {@link #maxMemory()}. */
    long totalMemory() {
        return Math.min(Runtime.getRuntime().totalMemory(), heapLimit());
    }

    /**
     * {@code Runtime.freeMemory()} as the guest sees it: what of its {@link #totalMemory()} it does not
     * hold by the last estimate of its live heap (made at least every second while it has a limit),
     * or the JVM's where it has no limit and nothing is estimated.
     */
    long freeMemory() {
        long limit = heapLimit();
        if (limit == Long.MAX_VALUE) {
            return Runtime.getRuntime().freeMemory();
        }
        return Math.max(0, Math.min(Runtime.getRuntime().totalMemory(), limit) - liveHeap);
    }

    /**
     * The JVM's {@code MemoryMXBean.getHeapMemoryUsage()} as the guest sees it: its own heap as its
     * {@link #maxMemory()}, {@link #totalMemory()} and {@link #freeMemory()} show it, or the JVM's
     * ({@code jvms}) where it has no live-heap limit.
     */
    java.lang.management.MemoryUsage heapUsage(java.lang.management.MemoryUsage jvms) {
        long limit = heapLimit();
        if (limit == Long.MAX_VALUE) {
            return jvms;
        }
        long max = jvms.getMax() < 0 ? limit : Math.min(jvms.getMax(), limit);
        long used = Math.min(liveHeap, max);
        long committed = Math.max(used, Math.min(jvms.getCommitted(), max));
        return new java.lang.management.MemoryUsage(jvms.getInit() < 0 ? -1 : Math.min(jvms.getInit(), committed), used,
                committed, max);
    }

    /** The calling thread's work as the guest's own, until closed (see {@link #actingAs()}). */
    interface Acting extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Enters the hypervisor's scope of the guest on the calling thread. Set when the guest is
     * attached to its hypervisor.
     */
    private volatile java.util.function.Supplier<Acting> acting = () -> () -> { };

    /** Gives the guest the hypervisor's way of making the calling thread's work the guest's (see {@link #actingAs()}). */
    void actsThrough(java.util.function.Supplier<Acting> acting) {
        this.acting = acting;
    }

    /**
     * Makes what the calling thread does the guest's own work, until the result is closed: what the
     * hypervisor does with the guest's objects at its end, on a thread of its own, and what it does
     * for the guest on a thread the JDK shares (a JMX connector's), is decided and shown as the guest's.
     */
    Acting actingAs() {
        return acting.get();
    }

    /** Runs a body on the calling thread as the guest's own work (see {@link #actingAs()}). */
    private void asGuest(Runnable body) {
        try (Acting a = actingAs()) {
            body.run();
        }
    }

    /** The bytes of native memory its direct buffers hold ({@code ByteBuffer.allocateDirect}), which count toward its live heap. */
    private final java.util.concurrent.atomic.AtomicLong directBytes = new java.util.concurrent.atomic.AtomicLong();

    /** Whether the guest may hold {@code size} more bytes of direct buffers: not past its live heap's hard limit. */
    boolean mayHoldDirect(long size) {
        return ownsJvm || directBytes.get() + size <= quotas.get(Resource.LIVE_HEAP).hard();
    }

    /** Counts {@code size} bytes of direct buffers the guest came to hold (less, for a negative size: freed). */
    void directHeld(long size) {
        directBytes.addAndGet(size);
    }

    /** The bytes of native memory the guest's direct buffers hold. */
    long directBytes() {
        return directBytes.get();
    }

    /** The live heap at which the guest is first held back, or {@code Long.MAX_VALUE}. */
    private long heapLimit() {
        Limit limit = quotas.get(Resource.LIVE_HEAP);
        return ownsJvm ? Long.MAX_VALUE : Math.min(limit.soft(), limit.hard());
    }

    /** How long a live-heap estimate serves the readers of the guest's usage: a walk is costly. */
    private static final long LIVE_HEAP_MAX_AGE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /**
     * The guest's live heap, estimated anew if the last estimate is older than {@code maxAgeNanos};
     * a walk stops once past the hard limit. 0 for the application that owns the JVM, whose heap is
     * the JVM's.
     *
     * @throws UnsupportedOperationException if this JVM cannot estimate it
     */
    long liveHeap(long maxAgeNanos) {
        if (ownsJvm || monitor == null) {
            return 0;
        }
        synchronized (liveHeapLock) {
            long now = System.nanoTime();
            if (!liveHeapMeasured || now - liveHeapMeasuredAt >= maxAgeNanos) {
                liveHeap = monitor.measureLiveHeap(this, quotas.get(Resource.LIVE_HEAP).hard());
                liveHeapMeasuredAt = now;
                liveHeapMeasured = true;
            }
            return liveHeap;
        }
    }

    /** Counts CPU time (ns) and allocation (bytes) that a thread the JDK shares with other programs spent running the guest's code. */
    void spentOnSharedThread(long cpuNanos, long allocatedBytes) {
        sharedCpuTime.addAndGet(cpuNanos);
        sharedAllocated.addAndGet(allocatedBytes);
    }

    /**
     * Its live threads but the JDK's that it shares with other programs (a worker of the common pool
     * that it happened to start first): what those spend goes to whoever's code they run, and an
     * interrupt at its end is for its own threads.
     */
    private List<Thread> meteredThreads() {
        List<Thread> live = liveThreads();
        QuotaMonitor m = monitor;
        if (m != null) {
            live.removeIf(m::chargesByStack);
        }
        return live;
    }

    /** Makes the monitor that samples CPU time and allocation and walks the live heap the guest's, before any quota is set. */
    void meteredBy(QuotaMonitor quotaMonitor) {
        this.monitor = quotaMonitor;
    }

    /** Checks and applies a quota before {@link Quotas} stores it. */
    private void applyQuota(Resource resource, Limit limit) {
        if (limit.equals(Limit.NONE)) {
            if (resource == Resource.DISK && disk != null) {
                disk.quota().setLimit(Long.MAX_VALUE);
            }
            return;
        }
        if (ownsJvm || monitor == null) {
            throw new UnsupportedOperationException("guest '" + name + "' has no quotas: only a guest that a hypervisor hosts has");
        }
        switch (resource) {
            case CPU_TIME:
            case ALLOCATED:
                ThreadTotals.Counter counter = resource == Resource.CPU_TIME ? ThreadTotals.Counter.CPU_TIME
                        : ThreadTotals.Counter.ALLOCATED;
                if (!counter.supported()) {
                    throw new UnsupportedOperationException("this JVM does not measure the " + resource.label()
                            + " of threads, so it cannot limit a guest's");
                }
                monitor.watch(this);
                break;
            case LIVE_HEAP:
                liveHeap(0); // an estimate to start from, and the proof that this JVM can make one
                monitor.watchLiveHeap(this);
                break;
            case DISK:
                if (limit.hasHard()) {
                    throw new IllegalArgumentException("a disk refuses every write past its quota, so it has no hard limit: "
                            + "give the disk quota as one size");
                }
                if (disk == null) {
                    throw new UnsupportedOperationException("guest '" + name + "' works on the host's files: it has no disk to limit");
                }
                disk.quota().setLimit(limit.soft());
                break;
            default:
                break;
        }
    }

    /** Called by the quota monitor every period: kills the guest past a hard limit, throttles it past a soft one. */
    void checkSampledQuotas(long tick) {
        boolean throttle = false;
        for (Resource r : List.of(Resource.CPU_TIME, Resource.ALLOCATED, Resource.LIVE_HEAP)) {
            Limit limit = quotas.get(r);
            if (limit.equals(Limit.NONE)) {
                continue;
            }
            // the live heap as the monitor's walker last estimated it: a walk is too slow for every tick
            long used = r == Resource.LIVE_HEAP ? liveHeap : usage(r);
            if (used > limit.hard()) {
                overQuota(r, used, limit);
                return;
            }
            throttle |= used > limit.soft();
        }
        // a quarter of the time running, three quarters held at the safepoints
        boolean hold = throttle && tick % 4 != 0;
        if (hold != held) {
            synchronized (lifecycle) {
                held = hold;
                safepoint.update();
                lifecycle.notifyAll();
            }
        }
    }

    /** The operation that audit records of quotas name. */
    private static final String QUOTA = "quota";

    /** Kills the guest for going past a hard limit. */
    private void overQuota(Resource resource, long used, Limit limit) {
        // a live-heap walk stops once past the hard limit and misses what only stacks hold: a lower bound
        String usage = (resource == Resource.LIVE_HEAP ? "used at least " : "used ") + resource.format(used)
                + ", hard limit " + resource.format(limit.hard());
        audit.record(name, new Decision(false, QUOTA, null), resource.label() + ": " + usage);
        end(GuestResult.Ending.OVER_QUOTA, KILLED_STATUS, "over its " + resource.label() + " quota: " + usage);
    }

    /**
     * Called before a thread of the guest starts another: refuses it at the soft limit of threads, as
     * the JVM does when a process may start no more, and kills the guest at the hard one.
     */
    void threadStarting() {
        Limit limit = quotas.get(Resource.THREADS);
        int live = threadCount();
        if (limit.equals(Limit.NONE)) {
            threadStarted(live + 1);
            return;
        }
        if (live >= limit.hard()) {
            overQuota(Resource.THREADS, live + 1L, limit);
            throw new GuestExit(this);
        }
        if (live >= limit.soft()) {
            audit.record(name, new Decision(false, QUOTA, null), "threads: soft limit " + limit.soft());
            throw new OutOfMemoryError("unable to create native thread: jvisor: guest '" + name + "' has "
                    + live + " threads, its quota");
        }
        threadStarted(live + 1);
    }

    /** Counts a thread started for the guest (its main thread, or one it starts), {@code live} of its threads live with it. */
    void threadStarted(int live) {
        threadsStarted.incrementAndGet();
        threadPeak.accumulateAndGet(live, Math::max);
    }

    /** The threads started for the guest, its main thread among them, as {@code ThreadMXBean} counts the JVM's. */
    long threadsStarted() {
        return threadsStarted.get();
    }

    /** The most threads the guest had live at once, as a start counted them, since {@link #resetThreadPeak}. */
    int threadPeak() {
        return threadPeak.get();
    }

    /** Starts the guest's peak anew from its live threads. */
    void resetThreadPeak(int live) {
        threadPeak.set(live);
    }

    /**
     * Called when a thread of the guest has opened a file or socket: refuses it (closed again) past
     * the soft limit of open files, as the JVM does when a process may open no more, and kills the
     * guest past the hard one; else keeps it, to close it when the guest ends. A jar of its class
     * path, which its loader opens for it, is the loader's and counts toward nothing.
     */
    void resourceOpened(java.io.Closeable opened) {
        // a constructor that calls another of its class reports the object at each one's exit
        if (resources.containsKey(opened) || isClassPathJar(opened)) {
            return;
        }
        admitOpening(() -> closeQuietly(opened));
        resources.put(opened, Boolean.TRUE);
    }

    /**
     * Lets the guest hold one more file open, or refuses: past the soft limit of its open files an
     * {@code IOException} (undeclared where the JDK's opening declares none), past the hard one
     * its end; {@code undo} first lets go of what was being opened.
     */
    private void admitOpening(Runnable undo) {
        Limit limit = quotas.get(Resource.OPEN_FILES);
        if (!limit.equals(Limit.NONE)) {
            int open = openFiles() + 1;
            if (open > limit.hard() || open > limit.soft()) {
                undo.run();
                if (open > limit.hard()) {
                    overQuota(Resource.OPEN_FILES, open, limit);
                    throw new GuestExit(this);
                }
                audit.record(name, new Decision(false, QUOTA, null), "open-files: soft limit " + limit.soft());
                throw Guest.<RuntimeException>undeclared(new java.io.IOException(TOO_MANY_OPEN_FILES));
            }
        }
    }

    /**
     * How many files the guest holds open: its resources, and each group of asynchronous channels,
     * which holds descriptors of its own until it has been shut down and has terminated (a group
     * over a pool already terminated says it has, from the start).
     */
    private int openFiles() {
        int groups = 0;
        for (java.nio.channels.AsynchronousChannelGroup group : channelGroups.keys()) {
            if (!group.isShutdown() || !group.isTerminated()) {
                groups++;
            }
        }
        return openResources().size() + groups;
    }

    /** Called when what cannot say whether it is open (a directory stream) has been closed. */
    void resourceClosed(java.io.Closeable closed) {
        resources.remove(closed);
    }

    private boolean isClassPathJar(java.io.Closeable opened) {
        ClassLoader own = loader.get();
        // the JDK's own zip files only: a guest's subclass answers getName() as it likes (Spring Boot's
        // nested jar, still being made here, answers null)
        return opened instanceof java.util.zip.ZipFile && opened.getClass().getClassLoader() == null
                && own instanceof GuestClassLoader && ((GuestClassLoader) own).isOwnJar((java.util.zip.ZipFile) opened);
    }

    /** The message of the JDK's {@code IOException} when a process may open no more files (EMFILE). */
    static final String TOO_MANY_OPEN_FILES = "Too many open files";

    /** Throws a checked exception where none is declared: the JDK's open paths throw what they throw. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T undeclared(Throwable t) throws T {
        throw (T) t;
    }

    /** What the guest holds open now; forgets what it has closed. */
    private List<java.io.Closeable> openResources() {
        // asked outside the map's lock, and told apart by identity: a guest's stream answers as it likes
        List<java.io.Closeable> open = new ArrayList<>();
        Set<java.io.Closeable> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (java.io.Closeable r : resources.keys()) {
            (isOpen(r) ? open : closed).add(r);
        }
        if (!closed.isEmpty()) {
            resources.removeKeysIf(closed::contains);
        }
        return open;
    }

    /** Whether a file stream, channel, selector, socket or zip file is open, as it knows itself. */
    private static boolean isOpen(java.io.Closeable r) {
        try {
            if (r instanceof java.nio.channels.Channel) {
                return ((java.nio.channels.Channel) r).isOpen();
            }
            if (r instanceof java.nio.channels.Selector) {
                return ((java.nio.channels.Selector) r).isOpen();
            }
            if (r.getClass().getClassLoader() != null && (r instanceof java.net.Socket || r instanceof java.net.ServerSocket
                    || r instanceof java.util.zip.ZipFile) || r instanceof java.nio.file.WatchService || r instanceof java.nio.file.DirectoryStream) {
                // a guest's subclass answers these as it likes, and a watch service does not say: open until it
                // is collected; a directory stream is forgotten once closed (resourceClosed)
                return true;
            }
            // a socket holds a descriptor once bound or connected (the one accept is filling in has none yet)
            if (r instanceof java.net.Socket) {
                java.net.Socket s = (java.net.Socket) r;
                return !s.isClosed() && (s.isBound() || s.isConnected());
            }
            if (r instanceof java.net.ServerSocket) {
                java.net.ServerSocket s = (java.net.ServerSocket) r;
                return !s.isClosed() && s.isBound();
            }
            if (r instanceof java.io.FileInputStream) {
                return ((java.io.FileInputStream) r).getFD().valid();
            }
            if (r instanceof java.io.FileOutputStream) {
                return ((java.io.FileOutputStream) r).getFD().valid();
            }
            if (r instanceof java.util.zip.ZipFile) {
                ((java.util.zip.ZipFile) r).size(); // throws once closed
                return true;
            }
            return r instanceof java.io.RandomAccessFile && ((java.io.RandomAccessFile) r).getFD().valid();
        } catch (java.io.IOException | IllegalStateException e) {
            return false; // no descriptor: never opened, or closed
        }
    }

    /** Called when a thread of the guest has made a group of asynchronous channels: counted as a file it holds open, shut down when it ends. */
    void channelGroupMade(java.nio.channels.AsynchronousChannelGroup group) {
        // before the group opens its descriptors (its port's constructor, after this one's): refused, it opens none
        admitOpening(() -> { });
        channelGroups.put(group, Boolean.TRUE);
    }

    /** Called when the guest installed a signal handler: {@code restore} puts back the one it replaced, at its end. */
    void signalHandled(Runnable restore) {
        synchronized (signalRestores) {
            signalRestores.add(restore);
        }
    }

    /** The guest's own common pool, once its threads asked for one (see {@link GuestCommonPool}). */
    private volatile GuestCommonPool commonPool;

    /** The guest's own common pool, made at its first use, of the parallelism of the JVM's {@code jvms}. */
    java.util.concurrent.ForkJoinPool commonPool(java.util.concurrent.ForkJoinPool jvms, Hypervisor hypervisor) {
        GuestCommonPool own = commonPool;
        if (own == null) {
            synchronized (executors) {
                own = commonPool;
                if (own == null) {
                    own = new GuestCommonPool(jvms.getParallelism(), threads, classLoader(), hypervisor);
                    commonPool = own;
                    if (ending) {
                        own.end(); // asked for by its code left after its end: refuses every task
                    }
                }
            }
        }
        return own;
    }

    /** The scheduler of the guest's virtual threads, once it made one (see {@link GuestVirtualThreadScheduler}). */
    private volatile GuestVirtualThreadScheduler virtualThreadScheduler;

    /** The scheduler of the guest's virtual threads, made at its first use. */
    java.util.concurrent.Executor virtualThreadScheduler(Hypervisor hypervisor) {
        GuestVirtualThreadScheduler own = virtualThreadScheduler;
        if (own == null) {
            synchronized (executors) {
                own = virtualThreadScheduler;
                if (own == null) {
                    own = new GuestVirtualThreadScheduler(GuestVirtualThreadScheduler.jvmsParallelism(), threads, classLoader(), hypervisor);
                    virtualThreadScheduler = own;
                    if (ending) {
                        own.end(); // asked for by its code left after its end: refuses every virtual thread
                    }
                }
            }
        }
        return own;
    }

    /** Called when the guest's code has made a pool of threads: shut down when the guest ends. */
    void executorMade(java.util.concurrent.ExecutorService pool) {
        executors.put(pool, Boolean.TRUE);
    }

    /** Called when the guest's code has made a timer: cancelled when the guest ends. */
    void timerMade(java.util.Timer timer) {
        timers.put(timer, Boolean.TRUE);
    }

    /**
     * Closes what the guest still holds open, at its end: a socket read or accept blocked on it
     * returns; shuts its groups of asynchronous channels and its pools of threads down and cancels
     * its timers, whose threads wait for events or tasks where no safepoint reaches them; and puts
     * back the signal handlers it replaced.
     */
    private void closeResources() {
        // as the guest's own work: its pools' queues, its groups' handlers may be objects of its making
        asGuest(this::closeResourcesAsGuest);
    }

    private void closeResourcesAsGuest() {
        openResources().forEach(Guest::closeQuietly);
        resources.clear(); // closed now, though a guest's subclass may say otherwise
        for (java.nio.channels.AsynchronousChannelGroup group : channelGroups.keys()) {
            try {
                group.shutdownNow();
            } catch (java.io.IOException | RuntimeException e) {
                Hypervisor.hostError("jvisor: cannot shut down " + group + ": " + e);
            }
        }
        for (java.util.concurrent.ExecutorService pool : executors.keys()) {
            endQuietly(pool::shutdownNow, "shut down a pool of threads");
        }
        synchronized (executors) {
            if (commonPool != null) {
                commonPool.end();
            }
            if (virtualThreadScheduler != null) {
                virtualThreadScheduler.endAfter(this::liveThreads);
            }
        }
        for (java.util.Timer timer : timers.keys()) {
            endQuietly(timer::cancel, "cancel a timer");
        }
        synchronized (signalRestores) {
            // the last installed first, so that each finds its own still there
            for (int i = signalRestores.size() - 1; i >= 0; i--) {
                signalRestores.get(i).run();
            }
            signalRestores.clear();
        }
    }

    /** Runs what the guest's end asks of an object of its, whose class may be its own: no longer run, or failing. */
    private void endQuietly(Runnable end, String what) {
        try {
            end.run();
        } catch (GuestExit e) {
            // the guest's own override, which no longer runs
        } catch (RuntimeException e) {
            Hypervisor.hostError("jvisor: guest '" + name + "': cannot " + what + ": " + e.getClass().getName());
        }
    }

    private static void closeQuietly(java.io.Closeable r) {
        try {
            r.close();
        } catch (java.io.IOException | RuntimeException e) {
            Hypervisor.hostError("jvisor: cannot close " + r + ": " + e);
        }
    }

    /** The console's meter: discards output past the soft limit, kills the guest past the hard one. */
    private boolean admitOutput(int bytes) {
        Limit limit = quotas.get(Resource.OUTPUT);
        long total = output.addAndGet(bytes);
        if (total > limit.hard()) {
            if (halted) {
                return false; // stopped already: what its unwinding threads still write goes nowhere
            }
            overQuota(Resource.OUTPUT, total, limit);
            return false;
        }
        if (total > limit.soft()) {
            if (!outputDiscarded) {
                outputDiscarded = true;
                audit.record(name, new Decision(false, QUOTA, null), "output: soft limit " + Resource.OUTPUT.format(limit.soft()));
            }
            return false;
        }
        return true;
    }

    /** The guest's name. */
    public String name() {
        return name;
    }

    /** The guest's policy. */
    public Policy policy() {
        return policy;
    }

    /** The guest's console. */
    public Console console() {
        return console;
    }

    /** The guest's system properties: its own, changed by its {@code System.setProperty}. */
    public Properties properties() {
        return properties;
    }

    /** The guest's environment, unmodifiable. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The guest's current state. */
    public GuestState state() {
        return state;
    }

    /**
     * Waits at most {@code timeout} for the guest to end.
     *
     * @return how it ended, or {@code null} if it still runs
     */
    public GuestResult await(java.time.Duration timeout) throws InterruptedException {
        try {
            return result.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until the guest has ended, then says how. */
    public GuestResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs an action once the guest has ended (at once if it has), on the thread that ended it. */
    void onEnd(Runnable action) {
        result.thenRun(action);
    }

    /** How the guest ended, or {@code null} while it runs. */
    public GuestResult resultNow() {
        return result.getNow(null);
    }

    /** The classes of this guest that jvisor refused to load, with the reason of each. */
    public List<String> refusedClasses() {
        synchronized (refusedClasses) {
            return List.copyOf(refusedClasses);
        }
    }

    @Override
    public String toString() {
        return "Guest[" + name + ", " + state + "]";
    }

    // ---- used by the hypervisor and the trap dispatcher ----

    boolean ownsJvm() {
        return ownsJvm;
    }

    /**
     * Whether the guest has begun to end (by exit, halt, its main's end or failure): its shutdown
     * hooks run, and its other threads with them until the hooks are done, as in a JVM that exits;
     * then none of its code may act. Its {@link #state()} changes once they have.
     */
    public boolean hasEnded() {
        return ending;
    }

    /** Whether none of the guest's code may act any more: its hooks are done, or it was halted or killed. */
    boolean halted() {
        return halted;
    }

    void running() {
        state = GuestState.RUNNING;
    }

    /** Gives a hosted guest its mode, class loader and thread group, before its main thread starts. */
    void attach(GuestSpec.Mode how, ClassLoader classLoader, GuestThreads group) {
        this.mode = how;
        this.loader = new java.lang.ref.WeakReference<>(classLoader);
        this.threads = group;
    }

    /** Gives a hosted guest the command line it sees as its process's. */
    void launchedAs(GuestCommand how) {
        this.command = how;
    }

    /** The command line the guest sees as its process's; {@link GuestCommand#NONE} for a scoped guest. */
    GuestCommand command() {
        return command;
    }

    /** The default locale, time zone and uncaught-exception handler the guest set for itself. */
    GuestDefaults defaults() {
        return defaults;
    }

    GuestMemory memory() {
        return memory;
    }

    /**
     * Delivers a signal of the JVM's process to the guest, as the process would deliver it to a
     * JVM of its own, for a host that runs the guest as its program ({@code jvisor run} forwards
     * its {@code INT}, {@code TERM} and {@code HUP}): the handler the guest installed for it
     * ({@code sun.misc.Signal.handle}) runs on a thread of the guest's, or, where it ignores the
     * signal, nothing happens; where it has no handler of its own the guest ends with status 128 +
     * the signal's number, its shutdown hooks run, as the signal ends a JVM. A guest whose policy
     * lets it handle the JVM's signals itself has none of its own.
     *
     * @param name {@code INT}, {@code TERM} or {@code HUP}
     * @throws IllegalArgumentException for another name
     */
    public void signal(String name) {
        Integer number = GuestSignals.ENDING.get(name);
        if (number == null) {
            throw new IllegalArgumentException("jvisor: a guest is sent INT, TERM or HUP, not " + name);
        }
        GuestSignals own;
        synchronized (signalRestores) {
            own = signals;
        }
        if (own == null || !own.deliver(name)) {
            end(GuestResult.Ending.TERMINATED, 0200 + number, "the JVM it runs in was sent SIG" + name);
        }
    }

    /** The guest's own signals, made by {@code making} at their first use; {@code making} is asked once. */
    GuestSignals signals(java.util.function.Supplier<GuestSignals> making) {
        synchronized (signalRestores) {
            if (signals == null) {
                signals = making.get();
            }
            return signals;
        }
    }

    /** The thread group of a hosted guest's threads; {@code null} for a scoped guest's, or before it started. */
    ThreadGroup threadGroup() {
        return threads;
    }

    Object exitToken() {
        return exitToken;
    }

    /**
     * Starts a daemon thread of the guest's own, in its group, for its code that the JDK would run
     * on a thread of its own (a signal's handler; the close of its file that Java2D's disposer, one
     * for the JVM, would run): its uncaught exception, its own end among them, is its group's. Its
     * thread quota may refuse it ({@code OutOfMemoryError}, as the JVM refuses a thread).
     */
    void startThread(String name, Runnable body) {
        Thread t = new Thread(threads, body, name);
        t.setDaemon(true);
        t.start();
    }

    private final Object jdbcLock = new Object();
    /** The guest's own JDBC DriverManager, made at its first use, dropped when it ends; guarded by {@link #jdbcLock}. */
    private GuestJdbc jdbc;
    /** Whether the guest ended, and its JDBC DriverManager with it; guarded by {@link #jdbcLock}. */
    private boolean jdbcDropped;

    /**
     * The guest's own JDBC {@code DriverManager} (see {@link GuestJdbc}); once it ended, an empty one
     * for its threads still unwinding, kept nowhere (its drivers would hold the guest's classes).
     */
    GuestJdbc jdbc() {
        synchronized (jdbcLock) {
            if (jdbcDropped) {
                return new GuestJdbc(null, properties);
            }
            if (jdbc == null) {
                jdbc = new GuestJdbc(classLoader(), properties);
            }
            return jdbc;
        }
    }

    /** The key of the guest's own HTTP credentials in JDK 17's JVM-wide cache of them. */
    String credentialsKey() {
        return credentialsKey;
    }

    /**
     * The JDK's cache of the HTTP credentials the guest's connections used, or {@code null} if it has
     * none yet; given {@code made}, keeps it unless the guest has one already, and returns the one kept.
     */
    synchronized Object credentials(Object made) {
        if (credentials == null) {
            credentials = made;
        }
        return credentials;
    }

    /**
     * The object of the guest's own connections in the JDK's JVM-wide cache of HTTP connections kept
     * alive, for the JDK's object of a key (the socket factory of HTTPS, {@code null} for HTTP): a
     * guest takes none of the connections another program opened, whose connect its policy never
     * decided, and no other program takes its.
     */
    /** The end of the keys of the guest's jar files in the JDK's cache of them. */
    String jarCacheTag() {
        return jarCacheTag;
    }

    Object connectionCacheKey(Object jdks) {
        if (jdks == null) {
            return plainConnectionCacheKey;
        }
        synchronized (connectionCacheKeys) {
            Object own = connectionCacheKeys.get(jdks);
            if (own == null) {
                own = new Object();
                connectionCacheKeys.put(jdks, own);
            }
            return own;
        }
    }

    /**
     * The guest's own tree of preferences, user or system, kept on its disk; {@code null} for a
     * guest without one, whose preferences are the JVM's.
     */
    java.util.prefs.Preferences preferences(boolean user) {
        if (disk == null) {
            return null;
        }
        synchronized (preferences) {
            int tree = user ? 0 : 1;
            if (preferences[tree] == null) {
                preferences[tree] = GuestPreferences.root(disk.fileSystem(), user);
            }
            return preferences[tree];
        }
    }

    /**
     * A hook that writes the preferences the guest put and did not flush, run with the guest's
     * shutdown hooks (the JDK registers one for its own at the JVM's exit); none if it made none.
     */
    private java.util.Optional<Thread> preferencesHook() {
        List<GuestPreferences> trees;
        synchronized (preferences) {
            trees = java.util.Arrays.stream(preferences).filter(java.util.Objects::nonNull).toList();
        }
        return trees.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Thread(() -> trees.forEach(
                tree -> tree.flushQuietly(problem -> Hypervisor.hostError("jvisor: guest '" + name + "': " + problem))),
                "jvisor preferences of " + name));
    }

    /** The URL stream handlers the guest named for itself. */
    GuestUrlHandlers urlHandlers() {
        return urlHandlers;
    }

    /**
     * The guest's own {@code java.util.logging}, made and configured at its first use: other
     * threads of the guest wait until it is configured, the thread configuring it finds it.
     */
    GuestLogging logging() {
        GuestLogging own = logging;
        if (own != null) {
            return own;
        }
        synchronized (loggingLock) {
            if (logging == null && loggingMade == null) {
                loggingMade = new GuestLogging(this);
                try {
                    loggingMade.configure();
                    logging = loggingMade;
                } finally {
                    loggingMade = null;
                }
            }
            return logging != null ? logging : loggingMade;
        }
    }

    /** How the guest is virtualised: {@link GuestSpec.Mode#FULL} for the application that owns the JVM and scoped guests. */
    public GuestSpec.Mode mode() {
        return mode;
    }

    /** Keeps state the guest declared; a name only once. */
    void declareState(String stateName, io.jvisor.api.State state) {
        if (states.putIfAbsent(stateName, state) != null) {
            throw new IllegalArgumentException("guest '" + name + "' declared state '" + stateName + "' already");
        }
    }

    /** The state the guest declared, by name. */
    Map<String, io.jvisor.api.State> states() {
        return Collections.unmodifiableMap(states);
    }

    /** A thread the guest started outside its thread group. */
    void adopted(Thread thread) {
        adoptedThreads.put(thread, Boolean.TRUE);
    }

    /** The safepoint that the guest's rewritten code polls. */
    Safepoint safepoint() {
        return safepoint;
    }

    /** The guest's live threads: those of its thread group and those it started elsewhere. */
    List<Thread> liveThreads() {
        List<Thread> live = new ArrayList<>();
        GuestThreads group = threads;
        if (group != null) {
            Thread[] all = new Thread[group.activeCount() + 16];
            int n = group.enumerate(all, true);
            for (int i = 0; i < n; i++) {
                live.add(all[i]);
            }
        }
        adoptedThreads.keys().stream().filter(Thread::isAlive).forEach(live::add);
        live.removeIf(t -> !t.isAlive());
        return live;
    }

    /**
     * What jvisor holds for the guest alone, which its live heap counts: its system properties, its
     * shutdown hooks, the defaults it set (its uncaught-exception handler among them), its signals'
     * handlers, its MBeans, preferences and logging, and the state it declared.
     */
    List<Object> heldForIt() {
        List<Object> held = new ArrayList<>(List.of(properties, defaults, states, urlHandlers));
        synchronized (lifecycle) {
            held.addAll(hooks.keySet());
        }
        synchronized (signalRestores) {
            held.add(signals);
        }
        synchronized (this) {
            held.add(mbeanServer);
            held.addAll(createdMBeanServers);
        }
        synchronized (preferences) {
            held.addAll(java.util.Arrays.asList(preferences));
        }
        held.add(logging);
        return held;
    }

    /** How many threads of the guest are alive. */
    public int threadCount() {
        return liveThreads().size();
    }

    /**
     * Pauses a running guest: each of its threads stops at its next safepoint (a thread blocked in
     * a sleep, a wait or I/O stops once that returns) until {@link #resume()}. Its shutdown hooks
     * and a kill are not held up.
     *
     * @throws IllegalStateException if the guest is not running
     */
    public void pause() {
        synchronized (lifecycle) {
            if (state != GuestState.RUNNING || ending) {
                throw new IllegalStateException("guest '" + name + "' is " + describeState() + ": only a running guest can be paused");
            }
            paused = true;
            state = GuestState.PAUSED;
            safepoint.update();
        }
    }

    /**
     * Waits at most {@code timeout} until every live thread of a paused guest waits at a safepoint
     * (a thread blocked in the JDK, in a sleep or I/O, gets there only once that returns).
     *
     * @return whether they all do; {@code false} also if the guest is no longer paused
     */
    public boolean awaitPaused(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lifecycle) {
            while (state == GuestState.PAUSED && !ending && heldThreads < liveThreads().size()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lifecycle, left);
            }
            return state == GuestState.PAUSED && !ending;
        }
    }

    /**
     * Lets a paused guest run on.
     *
     * @throws IllegalStateException if the guest is not paused
     */
    public void resume() {
        synchronized (lifecycle) {
            if (state != GuestState.PAUSED) {
                throw new IllegalStateException("guest '" + name + "' is " + describeState() + ": only a paused guest can be resumed");
            }
            paused = false;
            state = GuestState.RUNNING;
            safepoint.update();
            lifecycle.notifyAll();
        }
    }

    private String describeState() {
        return ending && state != GuestState.EXITED && state != GuestState.FAILED && state != GuestState.STOPPED
                ? "ending" : state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Ends the guest now, as a kill signal ends a process: its shutdown hooks do not run (those
     * running are cut short), its threads are unwound, and it ends with status 137. Does nothing
     * to a guest whose code has stopped.
     *
     * @return whether this call ended the guest, or cut its hooks short
     */
    public boolean kill() {
        return end(GuestResult.Ending.KILLED, KILLED_STATUS, "killed by the host");
    }

    /**
     * Ends the guest as a termination signal ends a process, and waits until it has: its shutdown
     * hooks run, its other threads going on while they do, and it ends with status 143; a guest
     * already ending is waited for.
     */
    void terminate() throws InterruptedException {
        end(GuestResult.Ending.TERMINATED, TERMINATED_STATUS, "the JVM it runs in was asked to end");
        await();
    }

    /** The status of a process ended by signal 15 (SIGTERM): 128 + 15. */
    static final int TERMINATED_STATUS = 143;

    /** The status of a guest that was killed: a process killed by signal 9 reports 128 + 9. */
    static final int KILLED_STATUS = 137;

    /**
     * Waits at most {@code timeout} until the guest has ended and none of its threads is alive.
     *
     * @return whether it has
     */
    public boolean awaitStopped(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (await(timeout) == null) {
            return false;
        }
        for (List<Thread> live = liveThreads(); !live.isEmpty(); live = liveThreads()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedJoin(live.get(0), left);
        }
        return true;
    }

    /** Called on a guest's thread that polled its safepoint while a stop was requested. */
    private void safepointReached() {
        checkAlive();
        if (!paused && !held) {
            return;
        }
        boolean interrupted = false;
        synchronized (lifecycle) {
            heldThreads++;
            lifecycle.notifyAll();
            while ((paused || held) && !ending) {
                try {
                    lifecycle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            heldThreads--;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        checkAlive();
    }

    /** The guest's safepoint, requested while it is paused or halted. */
    private final class GuestSafepoint extends Safepoint {
        void update() {
            request(paused || held || halted);
        }

        @Override
        protected void reached() {
            safepointReached();
        }

        @Override
        protected boolean unwinds(Throwable caught) {
            return caught instanceof GuestExit && ((GuestExit) caught).ends(Guest.this);
        }
    }

    void refused(String className, String reason) {
        synchronized (refusedClasses) {
            refusedClasses.add(className + ": " + reason);
        }
    }

    /** Unwinds the calling thread if the guest's code may no longer act. */
    void checkAlive() {
        if (!mayRun()) {
            throw new GuestExit(this);
        }
    }

    /**
     * {@link #checkAlive()} for an operation, which every decision passes: counts it, and writes
     * the attempt of an ended guest's code (a thread that outlived it, a cleaner) to the audit log
     * as denied before it is refused.
     */
    private void checkAlive(String operation, String argument) {
        java.util.concurrent.atomic.LongAdder count = decisionCount(operation);
        if (count != null) {
            count.increment();
        }
        if (!mayRun()) {
            audit.record(name, new Decision(false, operation, null), argument);
            throw new GuestExit(this);
        }
    }

    /** Whether the guest's code may run: it has not ended, or its shutdown hooks are running. */
    private boolean mayRun() {
        return !halted;
    }

    /** The count of an operation's decisions, or {@code null} where none is kept (the application's, an unknown operation). */
    java.util.concurrent.atomic.LongAdder decisionCount(String operation) {
        return decisionCounts == null ? null : decisionCounts.get(operation);
    }

    /**
     * Whether a trap of an operation may act without deciding at each call: the policy allows the
     * operation whatever its argument (a decision made once, when the guest was made) in the least
     * privileged ring, hence in every ring, and the audit log does not record allowed decisions.
     */
    boolean decidedOnce(String operation) {
        Decision d = decisions.get(operation);
        return d != null && d.allowed() && !audit.wants(true);
    }

    /**
     * A target for a call site bound to this guest: {@code bound} while the guest runs (its
     * shutdown hooks too), {@code otherwise} once it is halted, when the calls of its code must unwind.
     */
    MethodHandle whileRunning(MethodHandle bound, MethodHandle otherwise) {
        return running.guardWithTest(bound, otherwise);
    }

    /** How many decisions of each operation the guest's policy has made so far (of a hosted guest; empty for the application). */
    Map<String, Long> decisionCounts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        if (decisionCounts != null) {
            decisionCounts.forEach((op, n) -> counts.put(op, n.sum()));
        }
        return counts;
    }

    /** The policy's decision on an operation for the calling code, written to the audit log. */
    Decision decide(String operation) {
        checkAlive(operation, null);
        Decision d = decision(operation);
        audit.record(name, d, null);
        return d;
    }

    /** The policy's decision on an operation with an argument (a command, an address) for the calling code, written to the audit log. */
    Decision decide(String operation, String argument) {
        checkAlive(operation, argument);
        Decision d = decision(operation, argument);
        audit.record(name, d, argument);
        return d;
    }

    /**
     * Whether the policy allows the calling code an operation with an argument: an allowed one is
     * written to the audit log as {@link #decide(String, String)} writes it, a refused one nowhere
     * (the caller decides it again once it knows who asks).
     */
    boolean allowsRecorded(String operation, String argument) {
        Decision d = decision(operation, argument);
        if (d.allowed()) {
            audit.record(name, d, argument);
        }
        return d.allowed();
    }

    /** Whether the policy allows the calling code an operation with an argument ({@code null} for any): nothing counted or written. */
    boolean allows(String operation, String argument) {
        return (argument == null ? decision(operation) : decision(operation, argument)).allowed();
    }

    private Decision decision(String operation) {
        return ringDependent.contains(operation) ? policy.decide(operation, null, Hypervisor.ringOfCall(this)) : decisions.get(operation);
    }

    /**
     * The decision for the calling code's ring. Where the rings agree (always, for a policy without
     * rings) the least privileged ring's decision is the answer; only where they differ does the
     * stack say which code asks.
     */
    private Decision decision(String operation, String argument) {
        return policy.dependsOnRing(operation, argument)
                ? policy.decide(operation, argument, Hypervisor.ringOfCall(this)) : policy.decide(operation, argument);
    }

    /**
     * The ring of one of this guest's classes: the one its policy assigns, for a class of the loader
     * jvisor made for the guest's class path (the application's, for the application that owns the
     * JVM); {@link Policy#GUEST_RING} for every class the guest defined by itself: through loaders
     * of its own, or as a hidden class (whose code may be generated; a lambda's hidden class only
     * calls its ring's own method).
     */
    int ringOf(Class<?> type) {
        ClassLoader own = ownsJvm ? ClassLoader.getSystemClassLoader() : loader.get();
        return own != null && type.getClassLoader() == own && !type.isHidden() ? policy.ring(type.getName(), classPathEntry(type))
                : Policy.GUEST_RING;
    }

    /** The path of the class path entry a class came from, or {@code ""}. */
    private static String classPathEntry(Class<?> type) {
        String location = Hypervisor.location(type.getProtectionDomain());
        try {
            return location.startsWith("file:") ? java.nio.file.Path.of(new java.net.URI(location)).toString() : location;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return location;
        }
    }

    /** Decides an operation for the calling code (see {@link #decide(String)}); throws a SecurityException naming the rule if refused. */
    void require(String operation, String what) {
        require(operation, what, SecurityException::new);
    }

    /** As {@link #require(String, String)}, with the exception that the refused operation's API documents. */
    void require(String operation, String what, java.util.function.Function<String, RuntimeException> refusal) {
        Decision d = decide(operation);
        if (!d.allowed()) {
            RuntimeException denied = refusal.apply("jvisor: guest '" + name + "' may not " + what + ": " + d.reason());
            denied.setStackTrace(fromCallSite(denied.getStackTrace()));
            throw denied;
        }
    }

    /** A stack trace that starts at the guest's call (or the guarded JDK method), as the JDK's own exception would. */
    static StackTraceElement[] fromCallSite(StackTraceElement[] trace) {
        Set<String> trapPath = Set.of(Guest.class.getName(), TrapDispatcher.class.getName(), Traps.class.getName(),
                Guards.class.getName());
        int first = 0;
        while (first < trace.length && trapPath.contains(trace[first].getClassName())) {
            first++;
        }
        return java.util.Arrays.copyOfRange(trace, first, trace.length);
    }

    PrintStream stdout() {
        checkAlive("stdout", null);
        return consoleStream(false);
    }

    PrintStream stderr() {
        checkAlive("stderr", null);
        return consoleStream(true);
    }

    /** The guest's standard output or error as its policy allows; discarding once it has ended. */
    PrintStream consoleStream(boolean err) {
        String operation = err ? "stderr" : "stdout";
        Decision byRing = ringDependent.contains(operation) ? decision(operation) : null;
        boolean allowed = byRing != null ? byRing.allowed() : err ? stderrAllowed : stdoutAllowed;
        if (audit.wants(allowed)) {
            audit.record(name, byRing != null ? byRing : decisions.get(operation), null);
        }
        if (!mayRun() || !allowed) {
            return Console.discarding();
        }
        return err ? console.err() : console.out();
    }

    InputStream stdin() {
        return decide("stdin").allowed() ? console.in() : InputStream.nullInputStream();
    }

    /** {@code System.setProperties}: {@code null} restores the guest's initial properties. */
    void setProperties(Properties replacement) {
        properties = replacement != null ? replacement : copy(initialProperties);
    }

    private static Properties copy(Properties from) {
        Properties to = new Properties();
        synchronized (from) {
            to.putAll(from);
        }
        return to;
    }

    void addShutdownHook(Thread hook) {
        Objects.requireNonNull(hook, "hook");
        synchronized (lifecycle) {
            if (ending) {
                throw new IllegalStateException("Shutdown in progress");
            }
            if (hook.isAlive()) {
                throw new IllegalArgumentException("Hook already running");
            }
            if (hooks.containsKey(hook)) {
                throw new IllegalArgumentException("Hook previously registered");
            }
            hooks.put(hook, hook);
        }
    }

    boolean removeShutdownHook(Thread hook) {
        Objects.requireNonNull(hook, "hook");
        synchronized (lifecycle) {
            if (ending) {
                throw new IllegalStateException("Shutdown in progress");
            }
            return hooks.remove(hook) != null;
        }
    }

    /**
     * Ends the guest, once: runs its shutdown hooks (unless halted or killed) on their own threads
     * while its other threads go on, as a JVM that exits does, and waits for them; then stops its
     * code, flushes its console and publishes the result. A halt, a kill or a quota exceeded while
     * the hooks run cuts them short, as a kill signal does a JVM's. Returns whether this call ended
     * the guest, or cut its hooks short.
     */
    boolean end(GuestResult.Ending how, int status, String detail) {
        // made first, while the calling thread (a guest's, as for its exit) may still load the
        // classes it needs: once the guest ends, the file guard refuses that thread the JDK's
        // look for a class in a directory of classes (jvisor's own, in its tests or an embedding host)
        GuestResult ended = new GuestResult(name, how.state(), how, status, detail);
        List<Thread> toRun = null;
        synchronized (lifecycle) {
            if (ending) {
                if (how.runsShutdownHooks() || halted) {
                    return false;
                }
                outcome = ended;
                haltLocked();
            } else {
                ending = true;
                outcome = ended;
                toRun = how.runsShutdownHooks() ? new ArrayList<>(hooks.keySet()) : List.of();
                hooks.clear();
                if (!how.runsShutdownHooks()) {
                    haltLocked();
                }
                lifecycle.notifyAll();
            }
        }
        if (toRun == null) {
            stopCode();
            return true;
        }
        try {
            if (how.runsShutdownHooks()) {
                preferencesHook().ifPresent(toRun::add);
                runHooks(toRun);
                synchronized (lifecycle) {
                    if (!halted) {
                        haltLocked();
                    }
                }
            }
            stopCode();
            closeResources();
            synchronized (jdbcLock) {
                jdbc = null; // its drivers hold the guest's classes
                jdbcDropped = true;
            }
            console.flush();
        } finally {
            // published whatever the ending thread meets above: a guest's thread is unwound by
            // whatever it does for the guest from here on
            GuestResult published = outcome;
            state = published.state();
            result.complete(published);
            synchronized (listeners) {
                listeners.notifyAll();
            }
        }
        return true;
    }

    /**
     * Waits until the guest's code is stopped, as a JVM's exit blocks while its shutdown hooks run;
     * a hook's own exit returns at once (the JVM's would wait for ever, for itself).
     */
    void awaitHalted() {
        if (runningHooks.contains(Thread.currentThread())) {
            return;
        }
        boolean interrupted = false;
        synchronized (lifecycle) {
            while (!halted) {
                try {
                    lifecycle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks the guest's code as no longer to run, its safepoints requested; the caller holds {@link #lifecycle}. */
    private void haltLocked() {
        halted = true;
        safepoint.update();
        lifecycle.notifyAll();
    }

    /** Sends the halted guest's bound call sites to their traps and its threads to their next safepoint. */
    private void stopCode() {
        SwitchPoint.invalidateAll(new SwitchPoint[] {running});
        // disposed first: Swing's timers' thread goes on waiting after an interrupt unless its context is
        defaults.disposeAppContext();
        unwindThreads();
    }

    /**
     * Interrupts the guest's threads but the caller's, so that those blocked in a sleep, a wait
     * or a join return to their code and unwind at its next safepoint. Not the JDK's threads that
     * every program shares and that merely belong to its group, which run everyone's work (those
     * that wait in its code the hypervisor wakes: {@link #interruptAsGuest}).
     */
    private void unwindThreads() {
        List<Thread> own = meteredThreads();
        own.remove(Thread.currentThread());
        interruptAsGuest(own);
    }

    /** Interrupts threads as the guest's own work: an interrupt runs the interruptible channel's closing, the guest's objects. */
    void interruptAsGuest(List<Thread> threads) {
        asGuest(() -> threads.forEach(Thread::interrupt));
    }

    /**
     * Starts a shutdown hook; one the guest's code started itself is left to run its course, and
     * waited for as the others are (the JDK's own end would stop at it, the others unstarted).
     */
    private static void startHook(Thread hook) {
        try {
            hook.start();
        } catch (IllegalThreadStateException e) {
            // started already: thrown on, it would leave the guest's end undone and its code running
        }
    }

    private void runHooks(List<Thread> toRun) {
        runningHooks = List.copyOf(toRun);
        // started as the guest's, as natively by the thread that exits: each hook is then the guest's
        // whatever group it names, also where the hypervisor's own thread ends the guest
        asGuest(() -> toRun.forEach(Guest::startHook));
        Hypervisor.awaitEnded(toRun);
    }
}
