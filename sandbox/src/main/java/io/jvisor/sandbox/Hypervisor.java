package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.guard.CalleeGuards;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.transform.GuestTransformer;
import io.jvisor.api.spi.Backends;
import io.jvisor.hooks.Traps;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.device.disk.JdkFiles;
import io.jvisor.sandbox.device.disk.VirtualDisk;
import io.jvisor.sandbox.paravirtual.HypercallBackend;
import io.jvisor.sandbox.policy.Decision;
import io.jvisor.sandbox.policy.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.ByteArrayInputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * The hypervisor: owns the JVM's guests. It rewrites every guest class as it loads, so that each
 * privileged call traps into it, and decides each trap by the calling guest's policy.
 *
 * <p>One hypervisor runs per JVM, installed when the JVM starts: by {@code java -jar jvisor.jar},
 * which then runs guests in class loaders of their own, or by {@code -javaagent:jvisor-agent.jar},
 * which makes the application itself a guest that owns the JVM (and may start more guests).
 * {@link #get()} returns it.
 */
public final class Hypervisor {

    /** How jvisor was started. */
    enum Mode {
        /** {@code -javaagent}: the application on the class path is the guest, and owns the JVM */
        AGENT,
        /** {@code java -jar jvisor.jar}: guests run in class loaders of their own */
        HOSTED
    }

    private static volatile Hypervisor installed;

    private final Mode mode;
    private final boolean verbose;
    private final PrintStream hostOut;
    private final PrintStream hostErr;
    private final InputStream hostIn;
    /** The loader and domain of jvisor's own classes (see {@link #isOwn}). */
    private final ClassLoader ownLoader = Hypervisor.class.getClassLoader();
    private final ProtectionDomain ownDomain = Hypervisor.class.getProtectionDomain();
    private final Guest application;
    private final WeakIdentityMap<ClassLoader, Guest> guestLoaders = new WeakIdentityMap<>();
    private final ClassValue<Guest> guestOfClass = new ClassValue<>() {
        @Override
        protected Guest computeValue(Class<?> type) {
            return isOwn(type.getClassLoader(), type.getProtectionDomain()) ? null : guestOfLoader(type.getClassLoader());
        }
    };
    /** The ring of every class: 0 for the JDK's and jvisor's, else as its guest's policy assigns. */
    private final ClassValue<Integer> ringOfClass = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            Guest g = guestOfClass.get(type);
            return g == null ? 0 : g.ringOf(type);
        }
    };
    private final InheritableThreadLocal<Guest> scope = new InheritableThreadLocal<>();
    /**
     * Invalidated when a thread first works for a guest by its scope (a {@link GuestScope}, a
     * hosted guest's main thread): until then no thread attributes the application's classes to
     * another guest.
     */
    private final SwitchPoint unscoped = new SwitchPoint();
    /** Set before the first guest that does not own the JVM (hosted or scoped) exists, and never cleared. */
    private volatile boolean hostedAny;
    private final Rewriter rewriter = new Rewriter(Catalog.standard());
    private final Rewriter preemptibleRewriter = rewriter.withSafepoints();
    /** The thread group of the hypervisor's own threads. */
    private final ThreadGroup hostThreads = Thread.currentThread().getThreadGroup();
    private final QuotaMonitor quotaMonitor = new QuotaMonitor(hostThreads, this::liveHeapOf,
            new CallbackMeter(this::callbackThreads, this::runsCallbacks, this::guestsRunning));
    private final Instrumentation instrumentation;
    /** Guards the reader of the JDK's internals and the walker of guests' heaps, each made when first needed. */
    private final Object internalsLock = new Object();
    private FieldReader fields;
    /** Why this JVM does not let jvisor read its internals, once known: they are opened once. */
    private UnsupportedOperationException fieldsRefused;
    private LiveHeap liveHeap;

    private Hypervisor(Instrumentation instrumentation, Mode mode, Policy applicationPolicy, AuditLog applicationAudit,
            Path applicationDisk, boolean verbose) {
        this.instrumentation = instrumentation;
        this.mode = mode;
        this.verbose = verbose;
        this.hostOut = System.out;
        this.hostErr = System.err;
        this.hostIn = System.in;
        this.application = mode == Mode.AGENT
                ? new Guest("application", applicationPolicy, new Console("application", Console.Mode.INHERIT, hostOut, hostErr, hostIn),
                        true, System.getProperties(), System.getenv(), applicationAudit, applicationDisk == null ? null
                                : gate -> VirtualDisk.open(applicationDisk, implicitMounts(applicationClassPath()), Long.MAX_VALUE, gate))
                : null;
        if (application != null) {
            application.running();
        }
    }

    /**
     * Installs the hypervisor into this JVM: called once, by jvisor's agent, before any guest
     * class loads.
     *
     * @param instrumentation   the JVM's instrumentation
     * @param mode              how jvisor was started
     * @param applicationPolicy the application's policy in {@link Mode#AGENT}; ignored otherwise
     * @param applicationAudit  where the application's decisions are written in {@link Mode#AGENT}
     * @param applicationDisk   the host directory of the application's disk in {@link Mode#AGENT}, or
     *                          {@code null} for the host's files
     * @param verbose           whether to report how guests end on the host's standard error
     * @throws IllegalStateException if jvisor is installed already or its trap entry points are
     *                               not on the bootstrap class path
     */
    static synchronized Hypervisor install(Instrumentation instrumentation, Mode mode, Policy applicationPolicy,
            AuditLog applicationAudit, Path applicationDisk, boolean verbose) {
        if (installed != null) {
            throw new IllegalStateException("jvisor is installed in this JVM already");
        }
        // Every class loader, whatever its parent, and the JDK code the guards are woven into
        // must reach the one copy of the trap entry points: the bootstrap class path's.
        if (Traps.class.getClassLoader() != null || Backends.class.getClassLoader() != null) {
            throw new IllegalStateException("jvisor's trap entry points or hypercall API are not on the bootstrap class path: "
                    + "keep jvisor-hooks.jar and jvisor-api.jar in the same directory as jvisor.jar and jvisor-agent.jar");
        }
        Hypervisor h;
        try {
            h = new Hypervisor(instrumentation, mode, applicationPolicy, applicationAudit, applicationDisk, verbose);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("cannot open the application's disk " + applicationDisk + ": "
                    + e.getCause().getMessage(), e);
        }
        TrapDispatcher dispatcher = new TrapDispatcher(h);
        Traps.install(dispatcher);
        Backends.install(new HypercallBackend(() -> HypercallGuest.calling(h, dispatcher)));
        dispatcher.warmUp();
        CalleeGuards.install(instrumentation);
        Runtime.getRuntime().addShutdownHook(new Thread(h::terminateGuests, "jvisor-terminate"));
        if (mode == Mode.HOSTED) {
            // each guest's bean goes into the JVM's platform MBean server, whose making (the JVM's
            // own MXBeans: 0.1-0.2 s in a JVM just started) goes on beside the rest of the start
            h.startOwnThread("jvisor-mbean-server", java.lang.management.ManagementFactory::getPlatformMBeanServer);
        }
        h.startJdkDelayThread();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof GuestExit) {
                return;
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                h.hostErr.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(h.hostErr);
            }
        });
        StdioRouter.install(t -> h.streamOf(t, false), t -> h.streamOf(t, true));
        // The JDK configures the JVM's logging (the root logger's level and handlers) on first use:
        // the host's doing, which must not fall to the first container (whose loggers are the
        // JVM's) that logs. After the router: the console handler writes to it.
        java.util.logging.Logger.getLogger("").getHandlers();
        instrumentation.addTransformer(new GuestTransformer(h.rewriter, h.new Territory()), false);
        installed = h;
        return h;
    }

    /** Writes a line of jvisor's own on the host's standard error. */
    static void hostError(String message) {
        Hypervisor h = installed;
        (h != null ? h.hostErr : System.err).println(message);
    }

    /**
     * The hypervisor of this JVM.
     *
     * @throws IllegalStateException if jvisor was not started with this JVM (see {@link Jvisor#attach()})
     */
    public static Hypervisor get() {
        Hypervisor h = installed;
        if (h == null) {
            JvisorAgent.startLaunched();
            h = installed;
        }
        if (h == null) {
            throw new IllegalStateException("jvisor is not running in this JVM: start it with "
                    + "'java -jar jvisor.jar run ...', or add -javaagent:jvisor.jar to the java command "
                    + "(for Maven Surefire: <argLine>-javaagent:path/to/jvisor.jar</argLine>), or, to embed jvisor, "
                    + "call io.jvisor.sandbox.Jvisor.attach() before any other class of jvisor's");
        }
        h.refuseHostedGuests();
        return h;
    }

    /**
     * Refuses a hosted guest the hypervisor itself: a guest can name jvisor's classes (through the
     * system class loader, say) and must not start guests of its choosing or see the others. The
     * application that owns the JVM may.
     *
     * @throws SecurityException if this thread works for a hosted guest, or guest code is on its stack
     */
    private void refuseHostedGuests() {
        Guest g = guestOfThread(Thread.currentThread());
        if (g == null || g.ownsJvm()) {
            g = STACK.walk(frames -> frames.map(f -> guestOf(f.getDeclaringClass()))
                    .filter(c -> c != null && !c.ownsJvm()).findFirst()).orElse(null);
        }
        if (g != null && !g.ownsJvm()) {
            throw new SecurityException("jvisor: guest '" + g.name() + "' may not use the hypervisor");
        }
    }

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * Loads a guest and starts its main method on a thread of its own.
     *
     * @throws GuestStartException if the class path or main class is missing or unreadable, or
     *                             jvisor refused to load the main class
     */
    public Guest start(GuestSpec spec) throws GuestStartException {
        Objects.requireNonNull(spec, "spec");
        refuseHostedGuests();
        URL[] urls = new URL[spec.classPath().size()];
        String mainClassName = spec.mainClass();
        // as java -jar: the jar that names the main class says what of the JDK's modules its code needs
        Path mainJar = null;
        Manifest mainManifest = null;
        for (int i = 0; i < urls.length; i++) {
            Path entry = spec.classPath().get(i);
            Manifest manifest = checkClassPathEntry(entry);
            String fromManifest = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (mainClassName == null && i == 0 && fromManifest != null) {
                mainClassName = fromManifest;
                mainJar = entry;
                mainManifest = manifest;
            }
            urls[i] = url(entry);
        }
        if (mainClassName == null) {
            throw new GuestStartException(spec.classPath().get(0) + " names no Main-Class in its manifest: "
                    + "name the main class with --main CLASS");
        }
        byte[] input = spec.stdin();
        InputStream stdin = input != null ? new ByteArrayInputStream(input)
                : spec.consoleMode() == Console.Mode.INHERIT ? hostIn : InputStream.nullInputStream();
        boolean container = spec.mode() == GuestSpec.Mode.CONTAINER;
        if (container) {
            checkContainer(spec);
        }
        Policy policy = container ? Policy.preset(CONTAINER_PRESET) : spec.policy();
        // A container shares the JVM's properties: the very object, whose changes the host sees.
        Properties properties = container ? System.getProperties() : hostProperties();
        if (!policy.hostFiles()) {
            properties.setProperty("user.dir", VirtualDisk.WORKING_DIRECTORY);
            properties.setProperty("user.home", VirtualDisk.HOME);
            properties.setProperty("java.io.tmpdir", VirtualDisk.TMPDIR);
        }
        GuestCommand command = GuestCommand.of(spec, mainClassName);
        if (!container) {
            properties.putAll(spec.properties());
            // where the launcher keeps the JVM's own class path and command line: the guest's
            properties.setProperty("java.class.path", command.classPath());
            properties.setProperty("sun.java.command", command.javaCommand());
        }
        Guest.DiskOpener disk = null;
        Path madeDisk = null; // a disk this start makes, taken away again if the guest does not start
        if (!policy.hostFiles()) {
            Path root = spec.disk() != null ? spec.disk()
                    : Path.of(System.getProperty("user.home"), ".jvisor", "disks", spec.name());
            madeDisk = Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? null : root;
            // as the JVM reads user.dir once, at its start: -Duser.dir names the guest's working directory
            String workingDirectory = VirtualDisk.rooted(properties.getProperty("user.dir"));
            properties.setProperty("user.dir", workingDirectory);
            disk = gate -> VirtualDisk.open(root, mounts(spec), Long.MAX_VALUE, workingDirectory, gate);
        }
        Guest guest;
        hostedAny = true;
        try {
            guest = new Guest(spec.name(), policy, new Console(spec.name(), spec.consoleMode(), hostOut, hostErr, stdin),
                    false, properties, policy.environment(System.getenv()), spec.audit(), disk);
        } catch (java.io.UncheckedIOException e) {
            removeMadeDisk(madeDisk);
            throw new GuestStartException("cannot open the disk of guest '" + spec.name() + "': " + e.getCause().getMessage()
                    + "; give a writable directory with --disk DIR");
        }
        guest.meteredBy(quotaMonitor);
        if (!container) {
            guest.defaults().seed(properties);
        }
        try {
            spec.quotas().forEach(guest.quotas()::set);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            removeMadeDisk(madeDisk);
            throw new GuestStartException("guest '" + spec.name() + "' cannot have its quotas: " + e.getMessage());
        }
        GuestClassLoader loader = new GuestClassLoader(urls);
        GuestThreads threads = new GuestThreads(guest);
        guest.attach(spec.mode(), loader, threads);
        guest.actsThrough(() -> {
            Guest previous = enterScope(guest);
            return () -> leaveScope(previous);
        });
        guest.launchedAs(command);
        guestLoaders.put(loader, guest);
        GuestMain main;
        try {
            if (mainManifest != null) {
                refuseLauncherAgent(guest, mainJar, mainManifest);
            }
            grantModuleAccess(guest, spec, mainJar, mainManifest, loader.getUnnamedModule());
            main = findMain(guest, loader, mainClassName);
        } catch (GuestStartException e) {
            guest.end(GuestResult.Ending.FAILED_TO_START, 1, e.getMessage()); // its quota monitor lets go of it
            threads.destroyIfEmpty();
            removeMadeDisk(madeDisk);
            throw e;
        }
        String[] args = spec.args().toArray(new String[0]);
        Thread mainThread = new Thread(threads, () -> runMain(guest, threads, main, args), "main");
        mainThread.setContextClassLoader(loader);
        javax.management.ObjectName bean = GuestBean.register(guest);
        guest.running();
        guest.threadStarted(1);
        mainThread.start();
        guest.onEnd(() -> releaseWhenStopped(guest, threads, bean));
        return guest;
    }

    /**
     * Takes away the directory of a disk that a start made for a guest that did not start (its
     * code never ran: what is there is the disk's own directories), so that a failed start leaves
     * nothing behind; what cannot be deleted stays.
     */
    private static void removeMadeDisk(Path root) {
        if (root == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing was there, or it stays
        }
    }

    /**
     * The policy of a container: it does what the host may do (a shared kernel), on the host's
     * files; only its exit and halt, which the guards see, end no more than itself.
     */
    static final String CONTAINER_PRESET = "trusted";

    /** Refuses what a container cannot have: it shares the JVM's properties and the host's files. */
    private static void checkContainer(GuestSpec spec) throws GuestStartException {
        String what = !spec.properties().isEmpty() ? "system properties of its own (it shares the JVM's)"
                : spec.disk() != null || !spec.mounts().isEmpty() || spec.quotas().containsKey(io.jvisor.sandbox.quota.Resource.DISK)
                        ? "a disk (it works on the host's files)" : null;
        if (what != null) {
            throw new GuestStartException("guest '" + spec.name() + "' runs as a container, which cannot have " + what
                    + ": run it fully virtualised (--mode full) for that");
        }
    }

    /** Starts a guest and waits for it to end. */
    public GuestResult run(GuestSpec spec) throws GuestStartException, InterruptedException {
        return start(spec).await();
    }

    // ---- guest attribution ----

    /** The guest a class belongs to, or {@code null} for host classes. */
    Guest guestOf(Class<?> caller) {
        Guest g = guestOfClass.get(caller);
        if (g != null && g == application) {
            Guest scoped = scope.get();
            if (scoped != null) {
                return scoped;
            }
        }
        return g;
    }

    /**
     * The guest a class belongs to for good, by its loader ({@code null} for the JDK's, jvisor's
     * and the host's): unlike {@link #guestOf}, not the guest an application's class works for in
     * a {@link GuestScope}.
     */
    Guest ownerOf(Class<?> type) {
        return guestOfClass.get(type);
    }

    /** The ring of a class: 0 for the JDK's and jvisor's, else 1 to {@link Policy#GUEST_RING} as its guest's policy assigns. */
    int ringOf(Class<?> type) {
        return ringOfClass.get(type);
    }

    /** {@link #ringOf(Class)} in the hypervisor of this JVM, if there is one. */
    static java.util.OptionalInt ringOfClass(Class<?> type) {
        Hypervisor h = installed;
        return h == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(h.ringOf(type));
    }

    /**
     * The ring of the code that asks for a decision of a guest's policy on this thread: the ring
     * of the innermost class on the stack that is neither the JDK's nor jvisor's, if it is that
     * guest's; else (the JDK acting for the guest on a thread of its own, another guest's code)
     * the least privileged ring, {@link Policy#GUEST_RING}. A stack walk, for the decisions that
     * depend on the ring only.
     */
    static int ringOfCall(Guest guest) {
        Hypervisor h = installed;
        if (h == null) {
            return Policy.GUEST_RING;
        }
        return RINGS_WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> !isJdk(c.getClassLoader()) && !h.isOwnClass(c)).findFirst())
                .filter(c -> h.guestOfClass.get(c) == guest).map(h::ringOf).orElse(Policy.GUEST_RING);
    }

    /** Hidden frames too: the methods of a guest's hidden classes are. */
    private static final StackWalker RINGS_WALKER = StackWalker.getInstance(
            java.util.Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));

    /**
     * Where a thread's writes to the JVM's own standard output or error go: to the console of the
     * guest the thread works for (its scope, its thread group, else the application), else to
     * the host's stream.
     */
    private PrintStream streamOf(Thread thread, boolean err) {
        Guest g = guestOfThread(thread);
        if (g == null) {
            g = application;
        }
        return g != null ? g.consoleStream(err) : err ? hostErr : hostOut;
    }

    /** Whether a class is jvisor's: its trap entry points, or a class of its own jar. */
    boolean isOwnClass(Class<?> type) {
        return type.getClassLoader() == null ? type.getPackageName().equals(Traps.class.getPackageName())
                : isOwn(type.getClassLoader(), type.getProtectionDomain());
    }

    /**
     * Whether a class of this loader and domain is one of jvisor's: defined by jvisor's loader with
     * the domain of jvisor's jar, the very object. Not by the domain's code source, which a guest
     * may name in a domain of its own, for a class of a loader of its own, to be taken for jvisor.
     */
    private boolean isOwn(ClassLoader loader, ProtectionDomain domain) {
        return loader == ownLoader && domain == ownDomain;
    }

    /**
     * The application that owns the JVM while it is the only guest the JVM has had: then whatever
     * guest code a stack holds is the application's. {@code null} once a guest was hosted or scoped
     * (an object of one may still run on any thread after it ended), and without an application.
     */
    Guest applicationAlone() {
        return hostedAny ? null : application;
    }

    /** Whether a guest was ever hosted or scoped in this JVM: until then no code but the host's and the application's ran. */
    boolean hostedAny() {
        return hostedAny;
    }

    /** A running guest of this name, or {@code null}. */
    Guest runningGuestNamed(String name) {
        return runningGuest(g -> g.name().equalsIgnoreCase(name));
    }

    /** A running guest that listens on this port of this address, or {@code null}. */
    Guest runningGuestListeningOn(InetAddress address, int port) {
        return runningGuest(g -> g.listensOn(address, port));
    }

    private Guest runningGuest(java.util.function.Predicate<Guest> which) {
        for (Guest g : guestLoaders.values()) {
            if (g.state() == GuestState.RUNNING && which.test(g)) {
                return g;
            }
        }
        return null;
    }

    /**
     * The guest a thread works for, by its scope (which the threads a guest starts inherit) or its
     * thread group, or {@code null}.
     */
    Guest guestOfThread(Thread thread) {
        Guest g = guestByScopeOrGroup(thread);
        if (g == null && adoptedThreadsExist) {
            g = adoptedThreads.get(thread);
        }
        return g;
    }

    /**
     * {@link #guestOfThread} for a thread that the JDK does not share between guests and the host
     * ({@link #isShared}); {@code null} for one it shares, whose stack alone tells for whom it works.
     */
    Guest ownerOf(Thread thread) {
        return isShared(thread) ? null : guestOfThread(thread);
    }

    /**
     * {@link #guestOfThread} but for the threads a guest started outside its group and without its
     * scope: no lock, for the guards of the JDK's hottest getters.
     */
    Guest guestByScopeOrGroup(Thread thread) {
        Guest g = thread == Thread.currentThread() ? scope.get() : null;
        for (ThreadGroup group = thread.getThreadGroup(); g == null && group != null; group = group.getParent()) {
            if (group instanceof GuestThreads) {
                g = ((GuestThreads) group).guest();
            }
        }
        return g;
    }

    /**
     * The threads a guest started that neither their group nor what they inherited ties to it (a
     * thread made in a group outside the guest's with {@code inheritThreadLocals} false). Looked
     * up only once there is one: host threads pay nothing until then.
     */
    private final WeakIdentityMap<Thread, Guest> adoptedThreads = new WeakIdentityMap<>();
    private volatile boolean adoptedThreadsExist;

    /** The threads the hypervisor starts on a guest's thread for itself (to end the guest): never the guest's. */
    private final WeakIdentityMap<Thread, Boolean> ownThreads = new WeakIdentityMap<>();

    /** Whether the hypervisor started the thread for itself on a guest's thread. */
    boolean isOwnThread(Thread thread) {
        return ownThreads.containsKey(thread);
    }

    /** The pools of threads guests' code made, by the guest: looked up only where a thread the JDK shares starts a worker. */
    private final WeakIdentityMap<java.util.concurrent.ExecutorService, Guest> guestPools = new WeakIdentityMap<>();

    /** A pool of threads a guest's code made: its workers are the guest's, whichever thread starts them. */
    void poolMade(java.util.concurrent.ExecutorService pool, Guest guest) {
        guestPools.put(pool, guest);
    }

    /**
     * The remote objects hosted guests exported, by the guest: the calls of one run as its guest's
     * work on RMI's threads, which the JDK shares between programs.
     */
    private final WeakIdentityMap<Object, Guest> remoteObjects = new WeakIdentityMap<>();

    /** A remote object a hosted guest exported. */
    void remoteObjectExported(Object impl, Guest guest) {
        remoteObjects.put(impl, guest);
    }

    /** The hosted guest that exported a remote object, or {@code null}. */
    Guest exporterOf(Object impl) {
        return remoteObjects.get(impl);
    }

    /** The guest whose code made a pool of threads, or {@code null}. */
    Guest ownerOfPool(java.util.concurrent.ExecutorService pool) {
        return pool == null ? null : guestPools.get(pool);
    }

    /** Makes a thread a guest started its, where nothing else tells (see {@link #adoptedThreads}). */
    void adopt(Thread thread, Guest guest) {
        if (isOwnThread(thread)) {
            return;
        }
        adoptedThreads.put(thread, guest);
        adoptedThreadsExist = true;
        guest.adopted(thread);
    }

    /** The JDK's cleaner threads, which run the actions of guests and host alike. */
    private static final Class<?> INNOCUOUS_THREAD = CalleeGuards.jdkClass("jdk.internal.misc.InnocuousThread");
    /**
     * Loaded with the hypervisor: the file guards ask {@link #isShared} while the JDK loads classes,
     * and loading this class there would be circular.
     */
    private static final Class<?> POOL_WORKER = java.util.concurrent.ForkJoinWorkerThread.class;
    /**
     * The JVM's common pool, found on the host's thread that loads the hypervisor: a hosted guest's
     * threads, where the hypervisor's code asks too, find their own ({@link GuestCommonPool}).
     */
    static final java.util.concurrent.ForkJoinPool JVM_COMMON_POOL = jvmCommonPool();

    private static java.util.concurrent.ForkJoinPool jvmCommonPool() {
        // initialised now, on the host's thread: their static initialisers keep the common pool they
        // find for every program, or start a thread for every program (the virtual threads' unblocker)
        List<String> keepers = new ArrayList<>(List.of("java.util.concurrent.CompletableFuture", "java.util.concurrent.SubmissionPublisher"));
        if (Runtime.version().feature() >= 21) {
            keepers.add(CalleeGuards.VIRTUAL_THREAD);
        }
        for (String keeper : keepers) {
            try {
                Class.forName(keeper, true, null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("jvisor: this JDK has no " + keeper, e);
            }
        }
        return java.util.concurrent.ForkJoinPool.commonPool();
    }

    /** The JVM's own thread group, the root of every other: no program's thread is in it but by the JVM's doing. */
    private static final ThreadGroup JVMS_GROUP = rootGroup();

    private static ThreadGroup rootGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    /**
     * The JVM's threads that run code programs hand them, the finalizer's and the one that
     * delivers the platform MXBeans' notifications: found at the start, before any guest could
     * rename a thread to pass for one; and the JDK's thread of delayed tasks ({@link #startJdkDelayThread}).
     */
    private final Set<Thread> callbackThreads = jvmCallbackThreads();

    private static Set<Thread> jvmCallbackThreads() {
        Thread[] threads = new Thread[JVMS_GROUP.activeCount() + 8];
        int n = JVMS_GROUP.enumerate(threads, false);
        Set<Thread> found = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Arrays.stream(threads, 0, n).filter(t -> t.getClass().getName().equals("java.lang.ref.Finalizer$FinalizerThread")
                || t.getName().equals("Notification Thread")).forEach(found::add);
        return found;
    }

    /**
     * Starts the JDK's thread of delayed tasks ({@code CompletableFuture.delayedExecutor}, its
     * {@code orTimeout}), which the JDK starts when first asked, in the asker's thread group, and
     * counts it among those that run callbacks: started on a guest's thread it would be that
     * guest's, and serve every program as that guest.
     */
    private void startJdkDelayThread() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture.delayedExecutor(0, java.util.concurrent.TimeUnit.NANOSECONDS, task -> {
            callbackThreads.add(Thread.currentThread());
            started.countDown();
        }).execute(() -> { });
        try {
            if (!started.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                hostError("jvisor: the JDK's thread of delayed tasks did not start within 10 s; a guest may start it as its own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the JDK shares a thread between guests and the host, so that the thread itself
     * (its scope, its group: those of whoever started it first) does not tell whom it works for:
     * those that run what programs hand them ({@link #runsCallbacks}), every other thread of the
     * JVM's own group (its signals', its management's over RMI), and the RMI runtime's
     * ({@link #isService}).
     */
    boolean isShared(Thread thread) {
        return runsCallbacks(thread) || thread.getThreadGroup() == JVMS_GROUP || isService(thread);
    }

    /**
     * The threads the RMI runtime made for itself, in a group of its own: they accept, serve and
     * collect for every program's remote objects, whichever program's export made them, and run
     * each program's remote methods in turn. Looked up only for a thread of a group they were made
     * in: {@link #isShared} is asked at every guard, on every program's threads.
     */
    private final WeakIdentityMap<Thread, Boolean> serviceThreads = new WeakIdentityMap<>();
    /** The groups of {@link #serviceThreads} (the RMI runtime's own, the JVM's); a group alone tells nothing, a guest may start a thread in it. */
    private volatile Set<ThreadGroup> serviceGroups = Set.of();

    void serviceThreadMade(Thread made) {
        serviceThreads.put(made, Boolean.TRUE);
        ThreadGroup group = made.getThreadGroup();
        synchronized (serviceThreads) {
            if (group != null && !serviceGroups.contains(group)) {
                Set<ThreadGroup> more = new java.util.HashSet<>(serviceGroups);
                more.add(group);
                serviceGroups = Set.copyOf(more);
            }
        }
    }

    /** Whether the JDK made a thread for every program: one of {@link #serviceThreadMade}'s. */
    boolean isService(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return group != null && serviceGroups.contains(group) && serviceThreads.containsKey(thread);
    }

    /**
     * Whether a thread runs code that any program may hand the JDK: the common fork-join pool's
     * workers (its tasks), the JDK's cleaner threads (cleaning actions, a process's completion),
     * the finalizer (finalize methods) and the platform MXBeans' notifications (listeners). With
     * nothing of a program's on its stack, such a thread works for whoever handed the JDK a
     * callback made of the JDK's classes alone (an {@code EventHandler} proxy), which no stack tells.
     */
    boolean runsCallbacks(Thread thread) {
        return POOL_WORKER.isInstance(thread)
                && ((java.util.concurrent.ForkJoinWorkerThread) thread).getPool() == JVM_COMMON_POOL
                || thread.getClass() == INNOCUOUS_THREAD || callbackThreads.contains(thread)
                || callbackBornExist && callbackBorn.containsKey(thread);
    }

    /**
     * The threads that such a callback started: they run what it handed them, for no one a stack
     * or their group names. Looked up only once there is one.
     */
    private final WeakIdentityMap<Thread, Boolean> callbackBorn = new WeakIdentityMap<>();
    private volatile boolean callbackBornExist;

    /**
     * Makes a thread one that runs callbacks: one that code of no program's started on a thread that
     * {@link #runsCallbacks}, or one the JDK starts for every program (AWT's event thread).
     */
    void bornOfCallback(Thread thread) {
        callbackBorn.put(thread, Boolean.TRUE);
        callbackBornExist = true;
    }

    private Guest guestOfLoader(ClassLoader loader) {
        Guest g = guestOfLoaderChain(loader);
        return g == null && mode == Mode.AGENT && !isJdk(loader) ? application : g;
    }

    /** The guest whose class loader this is or descends from, or {@code null}. */
    Guest guestOfLoaderChain(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            Guest g = guestLoaders.get(l);
            if (g != null) {
                return g;
            }
        }
        return null;
    }

    /**
     * Estimates a guest's live heap (see {@link LiveHeap}): its roots are the statics of the classes
     * of its loaders, its live threads and what jvisor holds for it; what the JDK's callback threads
     * hold of its objects counts too; with the native memory it holds by {@code sun.misc.Unsafe} and
     * by its direct buffers.
     *
     * @throws UnsupportedOperationException if this JVM cannot
     */
    private long liveHeapOf(Guest guest, long stopPast) {
        Set<ClassLoader> loaders = Collections.newSetFromMap(new IdentityHashMap<>());
        guestLoaders.forEach((loader, g) -> {
            if (g == guest) {
                loaders.add(loader);
            }
        });
        // and the native memory it holds by sun.misc.Unsafe and its direct buffers, which no walk of the heap finds
        long held = guest.memory().bytes() + guest.directBytes();
        return liveHeap().measure(loaders, guest.liveThreads(), guest.heldForIt(), heldForEveryone(), stopPast - held) + held;
    }

    /**
     * What the JDK holds for every program: the threads that {@link #runsCallbacks}, the common
     * pool with its queue, and the platform MXBeans that hold listeners (the quotas' meter has
     * started the JVM's management already).
     */
    private List<Object> heldForEveryone() {
        List<Object> held = new ArrayList<>(java.lang.management.ManagementFactory.getGarbageCollectorMXBeans());
        held.add(java.lang.management.ManagementFactory.getMemoryMXBean());
        held.add(JVM_COMMON_POOL);
        held.addAll(callbackThreads());
        return held;
    }

    /** The live threads of the JVM that {@link #runsCallbacks}. */
    private List<Thread> callbackThreads() {
        Thread[] all = new Thread[JVMS_GROUP.activeCount() + 16];
        int n = JVMS_GROUP.enumerate(all, true);
        List<Thread> callbacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (runsCallbacks(all[i])) {
                callbacks.add(all[i]);
            }
        }
        return callbacks;
    }

    /**
     * The guests whose code a thread's stack runs, for what a thread that every program shares
     * spends ({@link CallbackMeter}): those whose loaders defined the class of its innermost frame
     * that a guest's loader defined, by name (frames of the JDK's modules are passed by); where
     * several guests have a class of that name (two guests of one program), narrowed by the frames
     * below while some of them have those too. Empty if no guest's code is on the stack.
     *
     * @throws UnsupportedOperationException if this JVM does not let jvisor ask a loader for its classes
     */
    List<Guest> guestsRunning(StackTraceElement[] stack) {
        FieldReader reader = fields();
        List<Guest> running = List.of();
        for (StackTraceElement frame : stack) {
            if (frame.getModuleName() != null) {
                continue;
            }
            List<Guest> defining = new ArrayList<>(2);
            guestLoaders.forEach((loader, g) -> {
                if (!defining.contains(g) && reader.definedBy(loader, frame.getClassName()) != null) {
                    defining.add(g);
                }
            });
            if (running.isEmpty()) {
                running = defining;
            } else if (!defining.isEmpty()) {
                defining.retainAll(running);
                if (defining.isEmpty()) {
                    break; // a frame of another guest's below: the innermost decides
                }
                running = defining;
            }
            if (running.size() == 1) {
                break;
            }
        }
        return running;
    }

    /**
     * jvisor's reader of the JDK's internals ({@link FieldReader}).
     *
     * @throws UnsupportedOperationException if this JVM does not let jvisor read them
     */
    private FieldReader fields() {
        synchronized (internalsLock) {
            if (fields == null && fieldsRefused == null) {
                try {
                    fields = FieldReader.open(instrumentation);
                } catch (UnsupportedOperationException e) {
                    fieldsRefused = e;
                }
            }
            if (fieldsRefused != null) {
                throw fieldsRefused;
            }
            return fields;
        }
    }

    private LiveHeap liveHeap() {
        synchronized (internalsLock) {
            if (liveHeap == null) {
                liveHeap = new LiveHeap(instrumentation, fields(), this::isOwnClass);
            }
            return liveHeap;
        }
    }

    /**
     * Makes a class loader that a guest created the guest's, whatever its parent (a loader with
     * the bootstrap loader as parent would otherwise belong to no guest, and its classes' traps be
     * refused).
     */
    void adopt(ClassLoader loader, Guest guest) {
        guestLoaders.put(loader, guest);
    }

    /**
     * The rewriter that a guest's classes pass, hidden classes included: with safepoints for a
     * hosted guest, which the hypervisor pauses and ends while its code runs.
     */
    Rewriter rewriterFor(Guest guest) {
        return guest.ownsJvm() ? rewriter : preemptibleRewriter;
    }

    /**
     * The safepoint that a guest class's code polls: its hosted guest's, or none for the
     * application that owns the JVM (which nobody pauses or ends but itself).
     */
    io.jvisor.hooks.Safepoint safepointOf(Class<?> type) {
        Guest g = guestOfClass.get(type);
        return g == null || g.ownsJvm() ? io.jvisor.hooks.Safepoint.NONE : g.safepoint();
    }

    /**
     * Which classes the transformer rewrites: every class that is neither the JDK's nor jvisor's;
     * with safepoints those of a hosted guest.
     */
    private final class Territory implements GuestTransformer.Territory {
        @Override
        public GuestTransformer.Treatment treatment(ClassLoader loader, String internalName, ProtectionDomain domain) {
            if (isJdk(loader)) {
                return GuestTransformer.Treatment.NONE;
            }
            if (mode == Mode.HOSTED ? loader == ClassLoader.getSystemClassLoader() : isOwn(loader, domain)) {
                return GuestTransformer.Treatment.NONE;
            }
            Guest g = guestOfLoader(loader);
            if (g == null || g.ownsJvm()) {
                return GuestTransformer.Treatment.TRAP;
            }
            switch (g.mode()) {
                case PARAVIRTUAL:
                    return GuestTransformer.Treatment.VERIFY;
                case CONTAINER:
                    return GuestTransformer.Treatment.NONE;
                default:
                    return GuestTransformer.Treatment.TRAP_AND_PREEMPT;
            }
        }

        @Override
        public void refused(ClassLoader loader, String binaryName, String reason) {
            Guest g = guestOfLoader(loader);
            if (g != null) {
                g.refused(binaryName, reason);
            }
            if (g == null || g == application || verbose) {
                hostErr.println("jvisor: refused to load guest class " + binaryName + ": " + reason);
            }
        }
    }

    // ---- scoped guests (see GuestScope) ----

    Guest newScopedGuest(String name, Policy policy, Console.Mode console) {
        if (mode != Mode.AGENT) {
            throw new IllegalStateException("a guest scope needs jvisor as the JVM's -javaagent "
                    + "(for Maven Surefire: <argLine>-javaagent:path/to/jvisor.jar</argLine>), or, to embed jvisor, "
                    + "call io.jvisor.sandbox.Jvisor.attach() before any other class of jvisor's");
        }
        // The application's current streams, which a test framework may have replaced to collect output.
        Console appConsole = application.console();
        hostedAny = true;
        Guest g = new Guest(name, policy, new Console(name, console, appConsole.out(), appConsole.err(), InputStream.nullInputStream()),
                false, hostProperties(), application.environment(), AuditLog.NONE);
        g.running();
        return g;
    }

    Guest enterScope(Guest g) {
        Guest previous = scope.get();
        setScope(g);
        return previous;
    }

    /** Makes the calling thread (and the threads it starts) work for a guest, whatever class calls. */
    private void setScope(Guest g) {
        if (!unscoped.hasBeenInvalidated()) {
            SwitchPoint.invalidateAll(new SwitchPoint[] {unscoped});
        }
        scope.set(g);
    }

    /**
     * The target of a call site of a class that its trap binds per class (see
     * {@link TrapDispatcher#bind}): where the class's guest decides the trap once, the trap's work
     * for that guest, without attribution or decision, while the guest runs and, for the
     * application's classes, on a thread that works for no scope; else {@code trap}, which finds
     * the guest and decides at each call. {@code trap} for a class of no guest, which it refuses.
     */
    MethodHandle boundTrap(Class<?> caller, String hook, MethodHandle trap) {
        Guest g = guestOfClass.get(caller);
        MethodHandle bound = g == null ? null : BoundTraps.bound(g, hook);
        if (bound == null) {
            return trap;
        }
        bound = g.whileRunning(bound, trap);
        if (g != application) {
            return bound;
        }
        // Only a thread with a scope attributes the application's classes to another guest.
        return unscoped.guardWithTest(bound, MethodHandles.guardWithTest(UNSCOPED_THREAD.bindTo(this), bound, trap));
    }

    private static final MethodHandle UNSCOPED_THREAD;

    static {
        try {
            UNSCOPED_THREAD = MethodHandles.lookup().findVirtual(Hypervisor.class, "unscopedThread", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether the calling thread works for no guest by its scope. */
    private boolean unscopedThread() {
        return scope.get() == null;
    }

    void leaveScope(Guest previous) {
        if (previous == null) {
            scope.remove();
        } else {
            scope.set(previous);
        }
    }

    // ---- ending guests ----

    /**
     * Ends every hosted guest still running as a termination signal ends a process, each beside the
     * others as the JVM runs its hooks, and waits for them: on the JVM's way out (a signal to the
     * process, the host's exit), so that a guest's hooks run as they would in a JVM of its own.
     */
    private void terminateGuests() {
        List<Thread> ending = new ArrayList<>();
        for (Guest g : guestLoaders.values()) {
            if (!g.ownsJvm() && !g.hasEnded()) {
                ending.add(startOwnThread("jvisor-terminate-" + g.name(), () -> {
                    try {
                        g.terminate();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        }
        for (Thread t : ending) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ends a guest by exit or halt from guest code; never returns normally. */
    void end(Guest g, GuestResult.Ending how, int status, Class<?> caller) {
        end(g, how, status, (how == GuestResult.Ending.HALT ? "Runtime.halt" : "System.exit") + " at " + site(caller));
    }

    /** {@link #end(Guest, GuestResult.Ending, int, Class)} with what ended it told by {@code detail}. */
    void end(Guest g, GuestResult.Ending how, int status, String detail) {
        if (g.ownsJvm()) {
            if (verbose) {
                hostErr.println("jvisor: " + new GuestResult(g.name(), GuestState.EXITED, how, status, detail).describe());
                hostErr.flush();
            }
            if (how == GuestResult.Ending.HALT) {
                Runtime.getRuntime().halt(status);
            }
            Runtime.getRuntime().exit(status);
        }
        if (!g.end(how, status, detail)) {
            g.awaitHalted(); // an exit while the hooks run blocks, as the JVM's does
        }
        throw new GuestExit(g);
    }

    /** The method below a guest's main on its main thread (see {@link TrapDispatcher#stackTraceShown}). */
    static final String MAIN_LAUNCHER = "runMain";

    private void runMain(Guest guest, GuestThreads threads, GuestMain main, String[] args) {
        setScope(guest);
        Throwable uncaught = null;
        try {
            main.run(args);
        } catch (Throwable t) {
            if (GuestThreads.endsIn(guest, t)) {
                return;
            }
            GuestThreads.uncaught(guest, Thread.currentThread(), t);
            uncaught = t;
        }
        // As in the JVM, the main thread ends when main does (its other threads may join it); a
        // thread of the host's waits for the rest of the guest's before the guest ends.
        String failure = uncaught == null ? null : uncaught.toString();
        startOwnThread("jvisor-end-" + guest.name(), () -> {
            threads.awaitNonDaemon();
            if (failure == null) {
                guest.end(GuestResult.Ending.RETURNED, 0, "");
            } else {
                guest.end(GuestResult.Ending.UNCAUGHT_EXCEPTION, 1, failure);
            }
        });
    }

    /** Starts a daemon thread of the hypervisor's own, which no guest adopts, from any thread. */
    Thread startOwnThread(String name, Runnable body) {
        return startOwnThread(hostThreads, name, body);
    }

    private Thread startOwnThread(ThreadGroup group, String name, Runnable body) {
        Thread t = new Thread(group, body, name, 0, false);
        t.setDaemon(true);
        ownThreads.put(t, Boolean.TRUE);
        t.start();
        return t;
    }

    /**
     * Runs a body on a thread of the hypervisor's own and waits for it: what the JDK makes there
     * for everyone (the threads of a group it shares) is the host's, whichever guest needed it first.
     */
    void runOnOwnThread(String name, Runnable body) {
        runOnOwnThread(hostThreads, name, body);
    }

    /** The group of the host's threads, where the hypervisor's own start. */
    ThreadGroup hostThreads() {
        return hostThreads;
    }

    /**
     * Runs a body on a thread of the hypervisor's own in a group and waits for it to end (an
     * interrupt of the caller is kept for after): what the JDK makes there for the group's
     * threads (the thread group a JDK object keeps to start its threads in) is theirs.
     */
    void runOnOwnThread(ThreadGroup group, String name, Runnable body) {
        awaitEnded(List.of(startOwnThread(group, name, body)));
    }

    /** Waits until each of the threads has ended; an interrupt of the caller is kept for after. */
    static void awaitEnded(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Once a guest has ended, wakes the JDK's threads shared by every program that wait in its code
     * (a finalizer, a delayed task, a listener of its that never returns, which would hold them for
     * everyone), so that its code there unwinds at its ended safepoint; asked on a thread of the
     * hypervisor's, as an ending guest's own thread may no longer ask the JDK. Once its last thread
     * is gone, lets go of what is left of it: its MBean, and on JDK 17 its thread group, which its
     * parent holds (and with it the guest's class loader and classes) until destroyed; later JDKs
     * hold thread groups weakly.
     */
    private void releaseWhenStopped(Guest guest, GuestThreads threads, javax.management.ObjectName bean) {
        startOwnThread("jvisor-release-" + guest.name(), () -> {
            guest.interruptAsGuest(quotaMonitor.sharedThreadsWaitingIn(guest));
            boolean interrupted = false;
            while (true) {
                try {
                    if (guest.awaitStopped(java.time.Duration.ofDays(1)) && threads.destroyIfEmpty()) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            GuestBean.unregister(bean);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
    }

    // ---- helpers ----

    /**
     * The policy's mounts, and what a guest reads without asking: its own class path (with what its
     * jars' manifests add to it), the JDK's files ({@link JdkFiles}: its home, what its links lead
     * to, the system's fonts), the name service's hosts and resolver files and the random devices,
     * read-only at their host paths
     * (and {@code /dev/null}), so that a guest (or the JDK on its behalf) reading its own jar or
     * the JDK's files finds them where their URLs and {@code java.home} say.
     */
    private static List<VirtualDisk.Mount> mounts(GuestSpec spec) {
        List<VirtualDisk.Mount> mounts = implicitMounts(spec.classPath());
        mounts.addAll(spec.policy().mounts());
        mounts.addAll(spec.mounts());
        return mounts;
    }

    private static List<VirtualDisk.Mount> implicitMounts(List<Path> classPath) {
        List<VirtualDisk.Mount> mounts = new ArrayList<>();
        for (Path host : ClassPath.withManifestEntries(classPath)) {
            mounts.add(new VirtualDisk.Mount(host.toString(), host, false));
        }
        for (Path jdks : JdkFiles.ofThisJvm()) {
            mounts.add(new VirtualDisk.Mount(jdks.toString(), jdks, false));
        }
        // The name service's files, which the JDK's resolver reads for a guest in native code, and
        // a program with a resolver of its own reads itself (Netty's, under Vert.x): without them it
        // resolved not even localhost, and sent its queries to public servers instead of the host's.
        for (String names : List.of("/etc/hosts", "/etc/resolv.conf")) {
            try {
                mounts.add(new VirtualDisk.Mount(names, Path.of(names).toRealPath(), false));
            } catch (java.io.IOException e) {
                // a machine without it: a guest finds none either
            }
        }
        // What every machine has, and the JDK opens for itself (SecureRandom seeds from these).
        for (String device : List.of("/dev/random", "/dev/urandom", "/dev/null")) {
            Path host = Path.of(device);
            if (Files.exists(host)) {
                mounts.add(new VirtualDisk.Mount(device, host, device.equals("/dev/null")));
            }
        }
        return mounts;
    }

    private static List<Path> applicationClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    /**
     * A copy of the JVM's system properties, for a guest's own. (Its paths are the host's until
     * guests have disks of their own.)
     */
    private static Properties hostProperties() {
        Properties copy = new Properties();
        Properties jvm = System.getProperties();
        synchronized (jvm) {
            copy.putAll(jvm);
        }
        return copy;
    }

    private static String site(Class<?> caller) {
        if (caller == null) {
            return "a JDK thread";
        }
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> f.getDeclaringClass() == caller
                        && !f.getMethodName().startsWith(Rewriter.BRIDGE_PREFIX)).findFirst())
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + (f.getFileName() == null ? "Unknown Source"
                        : f.getFileName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "")) + ")")
                .orElse(caller.getName());
    }

    /** Checks a class path entry; returns the Main-Class of a jar, or {@code null}. */
    /** Checks that a class path entry is a directory or a readable jar; returns the jar's manifest, if it has one. */
    private static Manifest checkClassPathEntry(Path entry) throws GuestStartException {
        if (Files.isDirectory(entry)) {
            return null;
        }
        if (!Files.isRegularFile(entry)) {
            throw new GuestStartException(entry + " does not exist: give a jar file or a directory of classes");
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            if (!jar.entries().hasMoreElements()) {
                throw new GuestStartException(entry + " is an empty jar: it holds no classes to run");
            }
            return jar.getManifest();
        } catch (ZipException e) {
            throw new GuestStartException(entry + " is not a jar (zip) file, or it is corrupt: " + e.getMessage(), e);
        } catch (IOException | SecurityException e) {
            throw new GuestStartException("cannot read " + entry + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the guest's code the packages of the JDK's modules the host gives it, and those the
     * manifest of its main jar asks for that its policy allows as {@code native} (reaching into the
     * JDK's internals is as much as native code can do).
     */
    private void grantModuleAccess(Guest guest, GuestSpec spec, Path mainJar, Manifest mainManifest, Module guestCode)
            throws GuestStartException {
        List<ModuleAccess> access = new ArrayList<>(spec.moduleAccess());
        try {
            for (ModuleAccess asked : mainManifest == null ? List.<ModuleAccess>of() : ModuleAccess.askedBy(mainManifest)) {
                if (access.stream().noneMatch(a -> a.covers(asked))) {
                    Decision d = guest.decide("native");
                    if (!d.allowed()) {
                        throw new GuestStartException("guest '" + guest.name() + "' asks, by " + (asked.open() ? "Add-Opens" : "Add-Exports")
                                + " in the manifest of " + mainJar + ", for " + asked.module() + "/" + asked.pkg()
                                + ", which its module does not " + (asked.open() ? "open" : "export") + ": " + d.reason()
                                + "; give it with " + asked + " if you trust the guest with the JDK's internals");
                    }
                    access.add(asked);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new GuestStartException("the module access the manifest of " + mainJar + " asks for is malformed: " + e.getMessage(), e);
        }
        if (!access.isEmpty() && instrumentation == null) {
            throw new GuestStartException("guest '" + guest.name() + "' needs " + access.get(0)
                    + ", which only a hypervisor with the JVM's instrumentation can give");
        }
        for (ModuleAccess a : access) {
            try {
                a.grant(instrumentation, guestCode);
            } catch (IllegalArgumentException e) {
                throw new GuestStartException("cannot give guest '" + guest.name() + "' " + a + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Refuses a main jar that asks {@code java -jar} to start an agent before its main method
     * ({@code Launcher-Agent-Class}): an agent holds the JVM's instrumentation, which would undo
     * every guard. Natively, too, the agent starts only for {@code java -jar}.
     */
    private static void refuseLauncherAgent(Guest guest, Path mainJar, Manifest manifest) throws GuestStartException {
        String agent = manifest.getMainAttributes().getValue(LAUNCHER_AGENT);
        if (agent != null) {
            throw new GuestStartException("guest '" + guest.name() + "' asks, by Launcher-Agent-Class in the manifest of " + mainJar
                    + ", to start the agent " + agent + " before its main method: jvisor starts no guest's agent (it would hold "
                    + "the JVM's instrumentation); name the main class with --main to run it without, as java -cp would");
        }
    }

    private static final Attributes.Name LAUNCHER_AGENT = new Attributes.Name("Launcher-Agent-Class");

    private static GuestMain findMain(Guest guest, ClassLoader loader, String className) throws GuestStartException {
        Class<?> mainClass;
        try {
            mainClass = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new GuestStartException("main class " + className + " was not found on the guest's class path");
        } catch (LinkageError e) {
            throw unusable(className, "loaded", e);
        }
        for (String refused : guest.refusedClasses()) {
            if (refused.startsWith(className + ": ")) {
                throw new GuestStartException("jvisor refused to load main class " + refused);
            }
        }
        try {
            if (Runtime.version().feature() < 25) {
                MethodHandle main = MethodHandles.publicLookup().findStatic(mainClass, "main",
                        MethodType.methodType(void.class, String[].class));
                return main::invokeExact;
            }
            return launchable(mainClass);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            if (e.getCause() instanceof LinkageError) {
                throw unusable(className, "linked", (LinkageError) e.getCause());
            }
            throw new GuestStartException("main class " + className + " has no 'public static void main(String[])' method");
        } catch (LinkageError e) {
            throw unusable(className, "linked", e); // its methods' classes, resolved as the main method is looked up
        }
    }

    private static GuestStartException unusable(String className, String how, LinkageError e) {
        String hint = e instanceof NoClassDefFoundError ? " (a class it needs is not on the guest's class path: add its jar with -cp)" : "";
        return new GuestStartException("main class " + className + " cannot be " + how + ": " + e + hint, e);
    }

    /**
     * The main method as the launcher of Java 25 and later chooses it (JEP 512): {@code main(String[])}
     * before {@code main()}, declared or inherited, not private; an instance method on a new instance
     * made by the class's constructor without parameters.
     */
    private static GuestMain launchable(Class<?> mainClass) throws GuestStartException {
        Method chosen = mainMethod(mainClass, String[].class);
        if (chosen == null) {
            chosen = mainMethod(mainClass);
        }
        if (chosen == null) {
            throw new GuestStartException("main class " + mainClass.getName() + " has no main method: "
                    + "it needs 'void main(String[])' or 'void main()', not private");
        }
        Method main = chosen;
        main.setAccessible(true);
        boolean withArgs = main.getParameterCount() == 1;
        if (Modifier.isStatic(main.getModifiers())) {
            return args -> invoke(main, null, withArgs, args);
        }
        Constructor<?> constructor;
        try {
            constructor = mainClass.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            constructor = null;
        }
        if (constructor == null || Modifier.isPrivate(constructor.getModifiers())) {
            throw new GuestStartException("main class " + mainClass.getName() + " has an instance main method but no "
                    + "constructor without parameters that is not private");
        }
        constructor.setAccessible(true);
        Constructor<?> make = constructor;
        return args -> invoke(main, newInstance(make), withArgs, args);
    }

    private static Method mainMethod(Class<?> type, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod("main", parameters);
                return Modifier.isPrivate(m.getModifiers()) || m.getReturnType() != void.class ? null : m;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static Object newInstance(Constructor<?> constructor) throws Throwable {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void invoke(Method main, Object target, boolean withArgs, String[] args) throws Throwable {
        try {
            if (withArgs) {
                main.invoke(target, (Object) args);
            } else {
                main.invoke(target);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A guest's main method, however it is declared. */
    @FunctionalInterface
    private interface GuestMain {
        void run(String[] args) throws Throwable;
    }

    private static URL url(Path entry) {
        try {
            return entry.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry.toString(), e);
        }
    }

    /**
     * Whether a loader is the JDK's own: the bootstrap ({@code null}), the platform loader, and
     * those the JDK makes for code of its own on whichever thread first needs them.
     */
    static boolean isJdk(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || loader.getClass().getModule() == Object.class.getModule() && JDK_LOADERS.contains(loader.getClass().getName());
    }

    /**
     * The classes of the loaders the JDK makes for code of its own: JDK 17's reflection accessors',
     * and the trampoline through which JMX calls an MBean. Named one by one: a module layer's loader
     * ({@code jdk.internal.loader.Loader}) is java.base's too, but anybody makes one, a guest's code
     * too, whose classes are then the guest's.
     */
    private static final Set<String> JDK_LOADERS = Set.of("jdk.internal.reflect.DelegatingClassLoader", "sun.reflect.misc.MethodUtil");

    /** Where a class was loaded from, or {@code ""}. */
    static String location(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        return source == null || source.getLocation() == null ? "" : source.getLocation().toExternalForm();
    }

    @Override
    public String toString() {
        return "Hypervisor[" + mode + "]";
    }
}
