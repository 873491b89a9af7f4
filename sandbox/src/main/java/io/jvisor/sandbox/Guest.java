package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.hooks.Guards;
import io.jvisor.hooks.Traps;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Decision;
import io.jvisor.sandbox.policy.Policy;

import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.InputStream;
import java.io.PrintStream;
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
 * or halt, or when main ends with an uncaught exception. From then on only its shutdown hooks run
 * its code: any other thread of it that traps or enters a catch-all handler is unwound.
 */
public final class Guest {

    private final String name;
    private final Policy policy;
    private final Console console;
    private final boolean ownsJvm;
    private final Properties initialProperties;
    private final Map<String, String> environment;
    private volatile Properties properties;
    private final AuditLog audit;
    private final Map<String, Decision> decisions = new HashMap<>();
    /** The decisions of the hottest traps, the console's, kept at hand. */
    private final boolean stdoutAllowed;
    private final boolean stderrAllowed;
    private final boolean readsAnyFile;
    private final boolean writesAnyFile;
    private final Map<Thread, Thread> hooks = new IdentityHashMap<>();
    private final Set<Thread> hookThreads = ConcurrentHashMap.newKeySet();
    private final List<String> refusedClasses = new ArrayList<>();
    private final CompletableFuture<GuestResult> result = new CompletableFuture<>();
    private final Set<ProcessHandle> startedProcesses = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile GuestState state = GuestState.CREATED;
    private volatile boolean ending;
    /** The ports the guest has bound on loopback or on every address. */
    private final Set<Integer> ports = new java.util.HashSet<>();
    /** The guest's disk; {@code null} for a guest that works on the host's files. */
    private final VirtualDisk disk;

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
        this.stdoutAllowed = decisions.get("stdout").allowed();
        this.stderrAllowed = decisions.get("stderr").allowed();
        this.readsAnyFile = policy.allowsEverywhere("file-read");
        this.writesAnyFile = policy.allowsEverywhere("file-write");
        try {
            this.disk = disk == null ? null : disk.open(this::checkFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        synchronized (ports) {
            while (!ports.contains(port) && !result.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(ports, left);
            }
            return ports.contains(port);
        }
    }

    /** Whether the guest listens on a port: other guests reach it there by its name. */
    boolean listensOn(int port) {
        synchronized (ports) {
            return ports.contains(port);
        }
    }

    void bound(int port) {
        synchronized (ports) {
            ports.add(port);
            ports.notifyAll();
        }
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

    /**
     * Whether the policy allows every file access of this kind and the audit log wants no allowed
     * decision: then an access needs no decision of its own (a file operation's hot path).
     */
    private boolean decidedForEveryFile(boolean write) {
        if ((write ? writesAnyFile : readsAnyFile) && !audit.wants(true)) {
            checkAlive(write ? "file-write" : "file-read", null);
            return true;
        }
        return false;
    }

    /** A process this guest started: it may destroy it whatever its policy says of other processes. */
    void started(ProcessHandle process) {
        startedProcesses.add(process);
    }

    /** Whether this guest started the process (a handle names a process by its pid and start time). */
    boolean hasStarted(ProcessHandle process) {
        return startedProcesses.contains(process);
    }

    /** Whether this guest started a process of this pid (one that still runs, or ran last under it). */
    boolean hasStarted(long pid) {
        return startedProcesses.stream().anyMatch(p -> p.pid() == pid);
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
     * Whether the guest has begun to end (by exit, halt, its main's end or failure): its code may
     * no longer act, though its shutdown hooks may still run. Its {@link #state()} changes once
     * they have.
     */
    public boolean hasEnded() {
        return ending;
    }

    void running() {
        state = GuestState.RUNNING;
    }

    void refused(String className, String reason) {
        synchronized (refusedClasses) {
            refusedClasses.add(className + ": " + reason);
        }
    }

    /** Unwinds the calling thread if the guest has ended and the thread is not one of its hooks. */
    void checkAlive() {
        if (!mayRun()) {
            throw new GuestExit(name);
        }
    }

    /**
     * {@link #checkAlive()} for an operation: the attempt of an ended guest's code (a thread that
     * outlived it, a cleaner) is written to the audit log as denied before it is refused.
     */
    private void checkAlive(String operation, String argument) {
        if (!mayRun()) {
            audit.record(name, new Decision(false, operation, null), argument);
            throw new GuestExit(name);
        }
    }

    /** Whether the calling thread may run the guest's code: it has not ended, or this is its hook. */
    private boolean mayRun() {
        return !ending || hookThreads.contains(Thread.currentThread());
    }

    /** The policy's decision on an operation, written to the audit log. */
    Decision decide(String operation) {
        checkAlive(operation, null);
        Decision d = decisions.get(operation);
        audit.record(name, d, null);
        return d;
    }

    /** The policy's decision on an operation with an argument (a command, an address), written to the audit log. */
    Decision decide(String operation, String argument) {
        checkAlive(operation, argument);
        Decision d = policy.decide(operation, argument);
        audit.record(name, d, argument);
        return d;
    }

    void require(String operation, String what) {
        Decision d = decide(operation);
        if (!d.allowed()) {
            SecurityException denied = new SecurityException("jvisor: guest '" + name + "' may not " + what + ": " + d.reason());
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
        boolean allowed = err ? stderrAllowed : stdoutAllowed;
        if (audit.wants(allowed)) {
            audit.record(name, decisions.get(err ? "stderr" : "stdout"), null);
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
     * Ends the guest, once: runs its shutdown hooks (unless halted) on their own threads and waits
     * for them, flushes its console and publishes the result. Returns whether this call ended it.
     */
    boolean end(GuestResult.Ending how, int status, String detail) {
        List<Thread> toRun;
        synchronized (lifecycle) {
            if (ending) {
                return false;
            }
            ending = true;
            toRun = how == GuestResult.Ending.HALT ? List.of() : new ArrayList<>(hooks.keySet());
            hooks.clear();
        }
        runHooks(toRun);
        console.flush();
        boolean failed = how == GuestResult.Ending.UNCAUGHT_EXCEPTION || how == GuestResult.Ending.FAILED_TO_START;
        state = failed ? GuestState.FAILED : GuestState.EXITED;
        result.complete(new GuestResult(name, state, how, status, detail));
        synchronized (ports) {
            ports.notifyAll();
        }
        return true;
    }

    private void runHooks(List<Thread> toRun) {
        hookThreads.addAll(toRun);
        toRun.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread hook : toRun) {
            while (hook.isAlive()) {
                try {
                    hook.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
