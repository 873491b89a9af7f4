package io.jvisor.sandbox;

import io.jvisor.agent.guard.CalleeGuards;
import io.jvisor.hooks.TrapHandler;
import io.jvisor.sandbox.policy.Decision;

import io.jvisor.sandbox.device.DescriptorStreams;
import io.jvisor.sandbox.device.disk.DecidedFile;
import io.jvisor.sandbox.device.disk.FileChanges;
import io.jvisor.sandbox.device.disk.FileStreams;
import io.jvisor.sandbox.device.disk.JdkFiles;
import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.Console;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

/**
 * The hypervisor's side of every trap: attributes the call to a guest by the calling class, then
 * lets that guest decide. A call that cannot be attributed is refused.
 */
final class TrapDispatcher implements TrapHandler {

    private final Hypervisor hypervisor;
    private final ReflectedTraps reflected = new ReflectedTraps(io.jvisor.agent.catalog.Catalog.standard());
    private final ThreadView threads;
    private final GuestAppContexts appContexts;
    private final JdkFileWrites jdkFileWrites = new JdkFileWrites();

    TrapDispatcher(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
        this.heap = new GuestMemory.Heap(hypervisor::ownerOf);
        this.threads = new ThreadView(hypervisor::ownerOf);
        this.appContexts = new GuestAppContexts(hypervisor);
        // loaded before this handler is: the locale's guard asks it, and the JDK's defining of a
        // class reads the default locale, so loading it there would ask again, without end
        GuestDefaults.anyOwn();
    }

    private Guest guest(Class<?> caller) {
        Guest g = caller == null ? null : hypervisor.guestOf(caller);
        if (g == null) {
            throw new SecurityException("jvisor: a privileged call from " + (caller == null ? "an unknown class" : caller.getName())
                    + " cannot be attributed to a guest and was refused");
        }
        return g;
    }

    /**
     * Binds a site to the guest of its class where that guest decides the trap once (see
     * {@link Hypervisor#boundTrap}): the hottest traps then cost what the operation costs.
     */
    @Override
    public CallSite bind(Class<?> caller, String hook, MethodHandle trap) {
        return new ConstantCallSite(hypervisor.boundTrap(caller, hook, trap));
    }

    @Override
    public void exit(int status, Class<?> caller) {
        end(guest(caller), false, status, caller);
    }

    @Override
    public void halt(int status, Class<?> caller) {
        end(guest(caller), true, status, caller);
    }

    /** Ends a guest by its exit or halt, as its policy allows; {@code caller} is its class that asked, if known. */
    void end(Guest g, boolean halt, int status, Class<?> caller) {
        if (halt) {
            g.require("halt", "call Runtime.halt(" + status + ")");
        } else {
            g.require("exit", "call System.exit(" + status + ")");
        }
        hypervisor.end(g, halt ? GuestResult.Ending.HALT : GuestResult.Ending.EXIT, status, caller);
    }

    @Override
    public void addShutdownHook(Thread hook, Class<?> caller) {
        addShutdownHook(guest(caller), hook);
    }

    private static void addShutdownHook(Guest g, Thread hook) {
        g.require("shutdown-hook", "add a shutdown hook");
        if (g.ownsJvm()) {
            delegateUnchecked(() -> {
                Runtime.getRuntime().addShutdownHook(hook);
                return null;
            });
        } else {
            g.addShutdownHook(hook);
        }
    }

    /** Set while jvisor makes a JDK call for a guest's hypercall: the guards decide it as that guest's own. */
    private static final ThreadLocal<Guest> ACTING_FOR = new ThreadLocal<>();

    /**
     * Makes a JDK call for a guest's hypercall: every guard it meets (a name lookup, a connect, a
     * bind) decides it as the guest's own call, though jvisor's code, not the guest's, makes it.
     */
    static <T> T actFor(Guest g, GuardedCall<T> call) throws IOException {
        Guest outer = ACTING_FOR.get();
        ACTING_FOR.set(g);
        try {
            return call.call();
        } finally {
            if (outer == null) {
                ACTING_FOR.remove();
            } else {
                ACTING_FOR.set(outer);
            }
        }
    }

    /** Set while jvisor makes a JDK object for a guest whose shutdown hook is the guest's, whatever its policy (see {@link GuestLogging}). */
    private static final ThreadLocal<Guest> REGISTERING_HOOKS_FOR = new ThreadLocal<>();

    /**
     * Makes a JDK object for a guest: a shutdown hook it registers is the guest's, run when the
     * guest ends, and needs no permission of its policy (jvisor registers it, not the guest).
     */
    static <T> T registeringHooksFor(Guest g, java.util.function.Supplier<T> make) {
        REGISTERING_HOOKS_FOR.set(g);
        try {
            return make.get();
        } finally {
            REGISTERING_HOOKS_FOR.remove();
        }
    }

    /** Set while this dispatcher itself calls a guarded JDK method for a guest it has decided for. */
    private static final ThreadLocal<Boolean> DELEGATING = new ThreadLocal<>();

    /** A call of a guarded JDK method. */
    @FunctionalInterface
    interface GuardedCall<T> {
        T call() throws IOException;
    }

    /** Calls a guarded JDK method that the trap has decided already: its guard need not walk the stack. */
    static <T> T delegate(GuardedCall<T> call) throws IOException {
        DELEGATING.set(Boolean.TRUE);
        try {
            return call.call();
        } finally {
            DELEGATING.remove();
        }
    }

    /** {@link #delegate} for a call that throws no checked exception. */
    static <T> T delegateUnchecked(java.util.function.Supplier<T> call) {
        try {
            return delegate(call::get);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean removeShutdownHook(Thread hook, Class<?> caller) {
        return removeShutdownHook(guest(caller), hook);
    }

    private static boolean removeShutdownHook(Guest g, Thread hook) {
        g.require("shutdown-hook", "remove a shutdown hook");
        return g.ownsJvm() ? delegateUnchecked(() -> Runtime.getRuntime().removeShutdownHook(hook)) : g.removeShutdownHook(hook);
    }

    @Override
    public long maxMemory(Class<?> caller) {
        return guest(caller).maxMemory();
    }

    @Override
    public long totalMemory(Class<?> caller) {
        return guest(caller).totalMemory();
    }

    @Override
    public long freeMemory(Class<?> caller) {
        return guest(caller).freeMemory();
    }

    @Override
    public PrintStream stdout(Class<?> caller) {
        return guest(caller).stdout();
    }

    @Override
    public PrintStream stderr(Class<?> caller) {
        return guest(caller).stderr();
    }

    @Override
    public InputStream stdin(Class<?> caller) {
        return guest(caller).stdin();
    }

    @Override
    public void setOut(PrintStream out, Class<?> caller) {
        replaceStdio(guest(caller), 1, out);
    }

    @Override
    public void setErr(PrintStream err, Class<?> caller) {
        replaceStdio(guest(caller), 2, err);
    }

    @Override
    public void setIn(InputStream in, Class<?> caller) {
        replaceStdio(guest(caller), 0, in);
    }

    /** Replaces one of a guest's standard streams: 0 input, 1 output, 2 error. */
    private static void replaceStdio(Guest g, int stream, Object replacement) {
        g.require("set-stdio", "call System." + (stream == 0 ? "setIn" : stream == 1 ? "setOut" : "setErr"));
        if (stream == 0) {
            g.console().setIn((InputStream) replacement);
        } else if (stream == 1) {
            g.console().setOut((PrintStream) replacement);
        } else {
            g.console().setErr((PrintStream) replacement);
        }
    }

    @Override
    public Console console(Class<?> caller) {
        guest(caller).decide("stdin");
        return null;
    }

    @Override
    public Channel inheritedChannel(Class<?> caller) {
        guest(caller).decide("stdin");
        return null;
    }

    // ---- the callee-side guards: a guarded JDK method reached without a trap ----

    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));

    /**
     * Whoever called the guarded JDK method: the first frame below this dispatcher that is not the
     * JDK's (reflection, method handle and lambda frames of the JDK are); a guest got there without
     * passing its trap. Where that is jvisor's own code or nothing, a hosted guest further down the
     * stack (which called jvisor's public classes) or the thread tells. {@code null} for the host.
     */
    private Bypass bypass() {
        return bypass(false);
    }

    /**
     * {@link #bypass()}, which with {@code byThread} (for the network's guards, which every
     * connection, bind and lookup passes) takes a thread of a hosted guest that the JDK does not
     * share for that guest, as the file guards do, without the walk of the stack (about 2 µs).
     */
    private Bypass bypass(boolean byThread) {
        if (DELEGATING.get() != null) {
            return null;
        }
        Guest actingFor = ACTING_FOR.get();
        if (actingFor != null) {
            return new Bypass(actingFor, null);
        }
        Guest owner = byThread ? hypervisor.ownerOf(Thread.currentThread()) : null;
        if (isHosted(owner)) {
            return new Bypass(owner, null);
        }
        Class<?> caller = callerOutsideJdk();
        Guest g = caller == null ? null : hypervisor.guestOf(caller);
        if (g != null) {
            return new Bypass(g, caller);
        }
        Class<?> hosted = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> isHosted(hypervisor.guestOf(c))).findFirst()).orElse(null);
        if (hosted == null && caller == null) {
            refusedWithoutProgram("do what a program's policy decides (exit, start a process, connect, change the JVM)");
        }
        g = hosted != null ? hypervisor.guestOf(hosted) : hypervisor.guestOfThread(Thread.currentThread());
        if (g == null || caller != null && !isHosted(g)) {
            return null; // the host's own call (the application's, through jvisor, is the host's too)
        }
        return new Bypass(g, hosted);
    }

    /** A guest that does not own the JVM: what it reaches through jvisor's own classes is still its doing. */
    private static boolean isHosted(Guest g) {
        return g != null && !g.ownsJvm();
    }

    /** The first class on the stack below this dispatcher that is not the JDK's, or {@code null}. */
    private static Class<?> callerOutsideJdk() {
        return WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .dropWhile(c -> c == TrapDispatcher.class || Hypervisor.isJdk(c.getClassLoader()))
                .findFirst()).orElse(null);
    }

    /** A guest's call that reached a guarded JDK method, and its calling class if known. */
    private static final class Bypass {
        final Guest guest;
        final Class<?> caller;

        Bypass(Guest guest, Class<?> caller) {
            this.guest = guest;
            this.caller = caller;
        }
    }

    @Override
    public void exitRequested(int status, boolean halt) {
        Bypass b = bypass();
        if (b != null) {
            end(b.guest, halt, status, b.caller);
        }
    }

    @Override
    public boolean shutdownHookAdding(Thread hook) {
        Guest registering = REGISTERING_HOOKS_FOR.get();
        if (registering != null) {
            registering.addShutdownHook(hook);
            return true;
        }
        Bypass b = shutdownHookBypass();
        if (b == null) {
            return false;
        }
        addShutdownHook(b.guest, hook);
        return true;
    }

    @Override
    public Boolean shutdownHookRemoving(Thread hook) {
        Bypass b = shutdownHookBypass();
        return b == null ? null : removeShutdownHook(b.guest, hook);
    }

    /**
     * A guest's call that reached the JDK's shutdown hooks, or {@code null} to let the JDK proceed:
     * for the host, and for an application that owns the JVM and may register hooks in it.
     */
    private Bypass shutdownHookBypass() {
        Bypass b = bypass();
        boolean jvmsOwn = b != null && b.guest.ownsJvm() && b.guest.allows("shutdown-hook", null);
        return jvmsOwn ? null : b;
    }

    @Override
    public Runnable processStarting(ProcessBuilder builder) throws IOException {
        Bypass b = bypass();
        if (b == null) {
            return null;
        }
        checkProcess(b.guest, builder);
        return onDisk(b.guest, builder);
    }

    /**
     * A guest's bind: a bind to every address goes to loopback unless its policy allows binding
     * every address (a guest's network is the hypervisor's loopback, where other guests reach it by
     * its name).
     */
    @Override
    public InetAddress binding(InetAddress address, int port) throws IOException {
        Bypass b = bypass(true);
        if (b == null) {
            return address;
        }
        InetAddress at = address;
        if (at.isAnyLocalAddress() && !b.guest.allows("bind", at + ":" + port)) {
            byte[] loopback = at instanceof java.net.Inet6Address ? new byte[16] : new byte[] {127, 0, 0, 0};
            loopback[loopback.length - 1] = 1;
            at = InetAddress.getByAddress("localhost", loopback);
        }
        Decision d = b.guest.decide("bind", at + ":" + port);
        if (!d.allowed()) {
            throw callSite(new BindException("Cannot bind by jvisor: " + d.reason()));
        }
        return at;
    }

    /**
     * A hosted guest's server on loopback, where the other guests (and the guest itself) reach it
     * by name: on the port it asked for, or, for port 0, the one the system chose (a server of
     * Jetty's or a test's), which was not known before. The application's servers are the host's,
     * which a guest reaches only as its policy says.
     */
    @Override
    public void bound(java.lang.invoke.MethodHandles.Lookup net, java.io.FileDescriptor fd, InetAddress address, int port) {
        if (!(address.isLoopbackAddress() || address.isAnyLocalAddress())) {
            return;
        }
        Bypass b = bypass(true);
        // a server's: a client's or a datagram socket's port is no server (a datagram's is another port's number)
        if (b == null || !isHosted(b.guest) || !WALKER.walk(frames -> frames.anyMatch(f -> SERVER_SOCKETS.contains(f.getClassName())))) {
            return;
        }
        int bound = port != 0 ? port : portChosen(net, fd);
        if (bound != 0 && !sharesPort(net, fd)) {
            b.guest.bound(fd, address, bound);
        }
    }

    /**
     * Whether a socket was bound with {@code SO_REUSEPORT}, beside another program's server on the
     * same address and port: it is no server of the guest's alone. Taken as sharing where it cannot
     * be told.
     */
    private static boolean sharesPort(java.lang.invoke.MethodHandles.Lookup net, java.io.FileDescriptor fd) {
        try {
            java.lang.invoke.MethodHandle option = net.findStatic(net.lookupClass(), "getSocketOption",
                    java.lang.invoke.MethodType.methodType(Object.class, java.io.FileDescriptor.class, java.net.SocketOption.class));
            return !Boolean.FALSE.equals(option.invoke(fd, java.net.StandardSocketOptions.SO_REUSEPORT));
        } catch (UnsupportedOperationException e) {
            return false; // a system without the option shares no port
        } catch (Throwable e) {
            return true;
        }
    }

    /** The JDK's classes that bind a TCP server's socket: ServerSocket, and the channels' (of ServerSocket's adaptor too). */
    private static final Set<String> SERVER_SOCKETS = Set.of("java.net.ServerSocket", "sun.nio.ch.ServerSocketChannelImpl",
            "sun.nio.ch.AsynchronousServerSocketChannelImpl");

    /** The port the system chose for a socket bound to port 0, by {@code Net.localAddress}; 0 if it cannot be told. */
    private static int portChosen(java.lang.invoke.MethodHandles.Lookup net, java.io.FileDescriptor fd) {
        try {
            java.lang.invoke.MethodHandle localAddress = net.findStatic(net.lookupClass(), "localAddress",
                    java.lang.invoke.MethodType.methodType(java.net.InetSocketAddress.class, java.io.FileDescriptor.class));
            return ((java.net.InetSocketAddress) localAddress.invoke(fd)).getPort();
        } catch (Throwable e) {
            // not recorded: the guest's server is not reached by name, as a refusal would have it
            return 0;
        }
    }

    /**
     * A guest's connection: to {@code NAME.jvisor} only on a port that guest listens on; to a
     * loopback port that a guest listens on, as to that guest by its name (a server guest checking
     * its own port, say); anywhere else as its policy says.
     */
    @Override
    public void connecting(InetAddress address, int port) throws IOException {
        String refused = refusedConnection(address, port);
        if (refused != null) {
            throw callSite(new ConnectException(refused));
        }
    }

    /** A datagram to an address is decided as a connection to it. */
    @Override
    public void sending(java.net.SocketAddress target) throws IOException {
        if (target instanceof java.net.InetSocketAddress && ((java.net.InetSocketAddress) target).getAddress() != null) {
            java.net.InetSocketAddress to = (java.net.InetSocketAddress) target;
            String refused = refusedConnection(to.getAddress(), to.getPort());
            if (refused != null) {
                throw callSite(new java.net.SocketException(refused));
            }
        }
    }

    /**
     * Why a guest may not reach an address, or {@code null} if it may (or the host asks). The
     * policy sees the address's name only where the JVM's name service gave the address that name
     * ({@link #resolvedNames}): {@code InetAddress.getByAddress} names any address as its caller
     * likes.
     */
    private String refusedConnection(InetAddress address, int port) {
        String name = hostName(address);
        if (name.endsWith(GUEST_DOMAIN)) {
            Guest target = hypervisor.runningGuestNamed(name.substring(0, name.length() - GUEST_DOMAIN.length()));
            if ((target == null || !target.listensOn(address, port)) && bypass(true) != null) {
                return "Connection refused: no guest " + name + " listens on " + address.getHostAddress() + " port " + port;
            }
        }
        String argument = (name.endsWith(GUEST_DOMAIN) || isResolved(name, address) ? name : "") + "/" + address.getHostAddress()
                + ":" + port;
        if (address.isLoopbackAddress()) {
            Guest target = hypervisor.runningGuestListeningOn(address, port);
            if (target != null) {
                argument = target.name() + GUEST_DOMAIN + "/" + address.getHostAddress() + ":" + port;
            }
        }
        Decision refused = refusedNetwork("connect", argument);
        return refused == null ? null : "Connection refused by jvisor: " + refused.reason();
    }

    /**
     * The names the JVM's name service resolved, each with the addresses it gave (the most recent
     * 4,096 names); guarded by itself.
     */
    private final Map<String, InetAddress[]> resolvedNames = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InetAddress[]> eldest) {
            return size() > 4096;
        }
    };

    @Override
    public void resolved(String host, InetAddress[] addresses) {
        synchronized (resolvedNames) {
            resolvedNames.put(host.toLowerCase(java.util.Locale.ROOT), addresses.clone());
        }
    }

    /** Whether the JVM's name service gave an address its name: {@code localhost} is loopback's by definition. */
    private boolean isResolved(String name, InetAddress address) {
        if (name.isEmpty()) {
            return false;
        }
        if (name.equals("localhost") && address.isLoopbackAddress()) {
            return true;
        }
        InetAddress[] addresses;
        synchronized (resolvedNames) {
            addresses = resolvedNames.get(name);
        }
        return addresses != null && Arrays.asList(addresses).contains(address);
    }

    private static String hostName(InetAddress address) {
        String text = address.toString();
        return text.substring(0, text.indexOf('/')).toLowerCase(java.util.Locale.ROOT);
    }

    /** Names under this domain are the hypervisor's running guests, on loopback. */
    static final String GUEST_DOMAIN = ".jvisor";

    /** A guest's own host is its name on loopback, {@code NAME.jvisor}, which the other guests reach it by. */
    @Override
    public InetAddress localHost() throws UnknownHostException {
        Bypass b = bypass(true);
        if (b == null) {
            return null;
        }
        String name = b.guest.name() + GUEST_DOMAIN;
        Decision d = b.guest.decide("resolve", name);
        if (!d.allowed()) {
            throw callSite(new UnknownHostException(name + ": name lookup refused by jvisor: " + d.reason()));
        }
        return InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1});
    }

    /**
     * The lookup of an address's name, which sends the address to the name service (a channel out
     * of the guest that a refused lookup by name would otherwise leave): decided as a lookup of
     * the address's text, but for loopback, whose name the hosts file gives.
     */
    @Override
    public String reverseResolving(InetAddress address) {
        return address.isLoopbackAddress() || refusedNetwork("resolve", address.getHostAddress()) == null ? null
                : address.getHostAddress();
    }

    /**
     * A lookup: a guest's is decided by its policy; the name of a running guest,
     * {@code NAME.jvisor}, is answered with loopback addresses of that name.
     */
    @Override
    public InetAddress[] resolving(String host) throws UnknownHostException {
        Decision refused = refusedNetwork("resolve", host);
        if (refused != null) {
            String message = host + ": name lookup refused by jvisor: " + refused.reason();
            LOOKUP_REFUSED.set(new String[] {host, message});
            throw callSite(new UnknownHostException(message));
        }
        String name = host.toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(GUEST_DOMAIN)) {
            return null;
        }
        if (hypervisor.runningGuestNamed(name.substring(0, name.length() - GUEST_DOMAIN.length())) == null) {
            throw callSite(new UnknownHostException(host + ": no guest of that name is running"));
        }
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    }

    @Override
    public String defaultCredentialsKey(String jvms) {
        Guest g = guestOfJdkAccess();
        return g == null || !hasOwnDefaults(g) ? jvms : jvms + "@" + g.credentialsKey();
    }

    @Override
    public Object defaultCredentials(Object jvms, Object made) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            return jvms != null ? jvms : made;
        }
        return made == null ? g.credentials(null) : g.credentials(made);
    }

    @Override
    public Object connectionCacheKey(Object key) {
        Guest g = guestOfJdkAccess();
        return g == null ? key : g.connectionCacheKey(key);
    }

    @Override
    public boolean nativeConnectAllowed(String host, int port) {
        if (guestOfJdkAccess() == null) {
            return true;
        }
        try {
            connecting(host == null || host.startsWith("/") ? java.net.InetAddress.getLoopbackAddress()
                    : java.net.InetAddress.getByName(host), port);
            return true;
        } catch (IOException | SecurityException refused) {
            return false; // refused, and audited, as the guest's own connect would be
        }
    }

    @Override
    public boolean ownConnectionsOnly() {
        Guest g = guestOfJdkAccess();
        return g != null && !g.ownsJvm();
    }

    @Override
    public String jarCacheKey(String key) {
        Guest g = guestOfJdkAccess();
        return g == null || key == null ? key : key + g.jarCacheTag();
    }

    @Override
    public Properties jdkPropertiesFor(boolean shown) {
        Guest g = guestOfJdkAccess();
        if (g == null) {
            return null;
        }
        return shown ? properties(g, false) : g.properties();
    }

    @Override
    public boolean jvmConfigurationEntered() {
        if (DELEGATING.get() != null) {
            return false;
        }
        DELEGATING.set(Boolean.TRUE);
        return true;
    }

    @Override
    public void jvmConfigurationLeft(boolean entered) {
        if (entered) {
            DELEGATING.remove();
        }
    }

    @Override
    public boolean jvmConfigurationRefreshing(Object configuration) {
        if (guestOfJdkAccess() == null) {
            return false;
        }
        boolean entered = jvmConfigurationEntered();
        // asked as the JVM, which makes the JVM's configuration where none was yet
        if (configuration != jvmConfiguration(configuration)) {
            jvmConfigurationLeft(entered);
            return false;
        }
        return entered;
    }

    @Override
    public boolean jvmServiceFileReading(java.net.URL file) {
        Guest g = guestOfJdkAccess();
        // the guest's own jars, the most of what it reads, need no question to the JVM's loader
        if (g == null || g.classLoader() instanceof GuestClassLoader own && own.isOwnResource(file)) {
            return false;
        }
        boolean entered = jvmConfigurationEntered();
        // asked as the JVM, whose loader opens its jars where they are
        if (!jvmClassPathResource(file)) {
            jvmConfigurationLeft(entered);
            return false;
        }
        return entered;
    }

    /** The files of providers the JVM's class loader found on its class path, by URL: it never loses one. */
    private static final Set<String> JVM_SERVICE_FILES = ConcurrentHashMap.newKeySet();
    private static final String SERVICES = "META-INF/services/";

    /** Whether the JVM's class loader finds the file of providers {@code file} on the JVM's class path. */
    private static boolean jvmClassPathResource(java.net.URL file) {
        String url = file.toString();
        int at = url.lastIndexOf(SERVICES);
        if (JVM_SERVICE_FILES.contains(url)) {
            return true;
        }
        try {
            if (at >= 0 && Collections.list(ClassLoader.getSystemClassLoader().getResources(url.substring(at))).stream()
                    .anyMatch(found -> found.toString().equals(url))) {
                JVM_SERVICE_FILES.add(url);
                return true;
            }
        } catch (IOException e) {
            // the JVM's loader could not look: not one it found
        }
        return false;
    }

    /** The login configuration or policy the JVM keeps, of the kind of {@code configuration}; {@code null} where it can make none. */
    @SuppressWarnings("removal")
    private static Object jvmConfiguration(Object configuration) {
        try {
            if (configuration instanceof javax.security.auth.login.Configuration) {
                return javax.security.auth.login.Configuration.getConfiguration();
            }
            return configuration instanceof java.security.Policy ? java.security.Policy.getPolicy() : null;
        } catch (SecurityException e) {
            return null;
        }
    }

    @Override
    public Map<String, String> jdkEnvironmentFor() {
        Guest g = guestOfJdkAccess();
        return g == null ? null : environment(g);
    }

    @Override
    public java.util.prefs.Preferences preferencesRoot(boolean user) {
        Guest g = guestOfJdkAccess();
        return g == null ? null : g.preferences(user);
    }

    /**
     * The name and message of the last look-up refused on this thread: {@code InetSocketAddress}
     * swallows the refusal, and the connect that fails on the unresolved address later says why.
     */
    private static final ThreadLocal<String[]> LOOKUP_REFUSED = new ThreadLocal<>();

    @Override
    public String lookupRefused(String host) {
        String[] refused = LOOKUP_REFUSED.get();
        return refused != null && refused[0].equals(host) ? refused[1] : null;
    }

    /**
     * The decision that refuses a guest's network operation, or {@code null} if it may proceed. While
     * the application is the JVM's only guest, an operation its policy allows needs no walk of the
     * stack (about 2 µs): whether the application or jvisor's own code asks, it proceeds (and an
     * audit log of every decision names the application).
     */
    private Decision refusedNetwork(String operation, String argument) {
        Guest alone = hypervisor.applicationAlone();
        if (alone != null && alone.allowsRecorded(operation, argument)) {
            return null;
        }
        Bypass b = bypass(true);
        if (b == null) {
            return null;
        }
        Decision d = b.guest.decide(operation, argument);
        return d.allowed() ? null : d;
    }

    private static <T extends Throwable> T callSite(T error) {
        error.setStackTrace(Guest.fromCallSite(error.getStackTrace()));
        return error;
    }

    @Override
    public boolean stdioReplacing(int stream, Object replacement) {
        Bypass b = bypass();
        if (b == null) {
            return false;
        }
        replaceStdio(b.guest, stream, replacement);
        return true;
    }

    @Override
    public Properties properties(boolean write, Class<?> caller) {
        return properties(guest(caller), write);
    }

    /** A guest's own system properties, once its policy allowed reading (or changing) them. */
    static Properties properties(Guest g, boolean write) {
        if (write) {
            g.require("property-write", "change system properties");
        } else {
            g.require("property-read", "read system properties");
        }
        return g.properties();
    }

    @Override
    public void setProperties(Properties props, Class<?> caller) {
        Guest g = guest(caller);
        g.require("property-write", "change system properties");
        if (g.ownsJvm()) {
            System.setProperties(props);
        }
        g.setProperties(g.ownsJvm() ? System.getProperties() : props);
    }

    @Override
    public Map<String, String> environment(Class<?> caller) {
        return environment(guest(caller));
    }

    /** A guest's environment, once its policy allowed reading it. */
    static Map<String, String> environment(Guest g) {
        g.require("env-read", "read the environment");
        return g.environment();
    }

    @Override
    public Process startProcess(ProcessBuilder builder, Class<?> caller) throws IOException {
        Guest g = guest(caller);
        checkProcess(g, builder);
        Runnable restore = onDisk(g, builder);
        try {
            return delegate(builder::start);
        } finally {
            restore.run();
        }
    }

    @Override
    public List<Process> startPipeline(List<ProcessBuilder> builders, Class<?> caller) throws IOException {
        Guest g = guest(caller);
        List<Runnable> restore = new java.util.ArrayList<>();
        try {
            for (ProcessBuilder builder : builders) {
                checkProcess(g, builder);
                restore.add(onDisk(g, builder));
            }
            return delegate(() -> ProcessBuilder.startPipeline(builders));
        } finally {
            restore.forEach(Runnable::run);
        }
    }

    /**
     * Points a builder of a guest with a disk at the host's files for its start: its working
     * directory (by default the guest's, {@code /}) and the files its standard streams are
     * redirected to, given as guest paths, become those paths on the disk. Returns what puts the
     * guest's paths back, so that the guest never sees a host path in its builder.
     */
    private static Runnable onDisk(Guest g, ProcessBuilder builder) throws IOException {
        VirtualDisk disk = g.disk();
        if (disk == null) {
            return () -> { };
        }
        File directory = builder.directory();
        ProcessBuilder.Redirect in = builder.redirectInput();
        ProcessBuilder.Redirect out = builder.redirectOutput();
        ProcessBuilder.Redirect err = builder.redirectError();
        builder.directory(disk.reachFollowing(directory == null ? disk.workingDirectory() : directory.getPath(), false)
                .hostFile());
        builder.redirectInput(onDisk(disk, in));
        builder.redirectOutput(onDisk(disk, out));
        if (!builder.redirectErrorStream()) {
            builder.redirectError(onDisk(disk, err));
        }
        return () -> {
            builder.directory(directory);
            builder.redirectInput(in);
            builder.redirectOutput(out);
            builder.redirectError(err);
        };
    }

    private static ProcessBuilder.Redirect onDisk(VirtualDisk disk, ProcessBuilder.Redirect redirect) throws IOException {
        if (redirect.file() == null) {
            return redirect;
        }
        boolean write = redirect.type() != ProcessBuilder.Redirect.Type.READ;
        File host = disk.reachFollowing(redirect.file().getPath(), write).hostFile();
        switch (redirect.type()) {
            case READ:
                return ProcessBuilder.Redirect.from(host);
            case APPEND:
                return ProcessBuilder.Redirect.appendTo(host);
            default:
                return ProcessBuilder.Redirect.to(host);
        }
    }

    @Override
    public Map<String, String> processEnvironment(ProcessBuilder builder, Class<?> caller) {
        Guest g = guest(caller);
        g.require("env-read", "read the environment");
        Map<String, String> env = delegateUnchecked(builder::environment);
        ownEnvironment(g, builder, env);
        return env;
    }

    @Override
    public void processEnvironmentReturned(ProcessBuilder builder, Map<String, String> environment) {
        Bypass b = bypass();
        if (b != null) {
            b.guest.require("env-read", "read the environment");
            ownEnvironment(b.guest, builder, environment);
        }
    }

    /** The builders whose environment has been made their guest's: a builder starts with the host's. */
    private final Map<ProcessBuilder, Boolean> guestEnvironments = Collections.synchronizedMap(new WeakHashMap<>());

    /** Makes a builder's environment its guest's, once; the application's is the JVM's already. */
    private void ownEnvironment(Guest g, ProcessBuilder builder, Map<String, String> environment) {
        if (!g.ownsJvm() && guestEnvironments.putIfAbsent(builder, Boolean.TRUE) == null) {
            environment.clear();
            environment.putAll(g.environment());
        }
    }

    /**
     * Throws the IOException a refused start gives, naming the rule, unless the policy allows the
     * command; an allowed process gets the guest's environment unless the guest gave it another.
     */
    private void checkProcess(Guest g, ProcessBuilder builder) throws IOException {
        g.checkAlive();
        List<String> command = builder.command();
        String program = command.isEmpty() ? "" : command.get(0);
        Decision d = g.decide("process", program);
        if (!d.allowed()) {
            throw callSite(new IOException("Cannot run program \"" + program + "\": jvisor: guest '" + g.name()
                    + "' may not start processes: " + d.reason()));
        }
        ownEnvironment(g, builder, delegate(builder::environment));
    }

    @Override
    public void resourceOpened(java.io.Closeable opened) {
        // also while this dispatcher delegates: what it opens for the guest is the guest's
        Guest g = guestOfJdkThread();
        if (g != null && !g.ownsJvm() && !isChannelAdaptor(opened) && !isJvmsOwn(opened)) {
            g.resourceOpened(opened);
        } else if (g == null && !(opened instanceof java.nio.channels.AsynchronousChannel) && unattributedCallback()) {
            // a pipe or socket a callback of the JDK's classes alone opens would count against no one
            // (the channel a group's thread accepts for a server is the server's, whoever's it is)
            try {
                opened.close();
            } catch (IOException | RuntimeException e) {
                Hypervisor.hostError("jvisor: cannot close " + opened + ": " + e);
            }
            refusedWithoutProgram("open " + opened);
        }
    }

    @Override
    public void resourceClosed(java.io.Closeable closed) {
        // closed on another program's thread, it counts until it is collected
        Guest g = guestOfJdkThread();
        if (g != null) {
            g.resourceClosed(closed);
        }
    }

    /** The JDK's zip source: one file per jar, shared by every ZipFile of that jar in the JVM (the host's, other guests'). */
    private static final String ZIP_SOURCE = "java.util.zip.ZipFile$Source";
    /**
     * Where the RMI runtime listens for every program's remote objects exported on one port: a
     * single server socket for the JVM, opened on the thread of the first program to export. Closed
     * at that program's end, it left every later export of the JVM on a port no one listened on.
     */
    private static final String RMI_LISTENER = "sun.rmi.transport.tcp.TCPTransport";
    /** The JVM's own class loaders, the application's and the platform's (and the enumerations they hand out). */
    private static final String BUILTIN_LOADER = "jdk.internal.loader.BuiltinClassLoader";

    /**
     * Whether a file that a guest's thread opened is the JVM's, which the guest's end must not
     * close: the one a zip source opens for every {@code ZipFile} of its jar in the JVM (closed, it
     * would fail the reading of that jar for the host and every other guest, "Stream Closed"; the
     * last {@code ZipFile} of the jar closes it), a jar of the JVM's class path (see {@link #jvmLoaderAtWork}), or
     * the RMI runtime's server socket ({@link #RMI_LISTENER}).
     */
    private static boolean isJvmsOwn(java.io.Closeable opened) {
        return opened instanceof RandomAccessFile && WALKER.walk(frames -> frames.limit(12).anyMatch(f -> f.getClassName().equals(ZIP_SOURCE)))
                || opened instanceof java.util.zip.ZipFile && jvmLoaderAtWork()
                || opened instanceof java.net.ServerSocket && WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().equals(RMI_LISTENER)));
    }

    /**
     * Whether one of the JVM's own class loaders is at work on this thread: its look-ups run on
     * whichever thread asks, a guest's too (the JDK looks for service providers there), and open
     * the jars of the JVM's class path as they first reach them. What it reads there is the
     * host's, to be read as it is: put on a guest's disk, the jar would not be found, and the
     * loader would drop it from its class path for good. What a guest gets of it is what the
     * loader gives anyone (classes, and the names of resources, whose content it opens through
     * its traps).
     */
    private static boolean jvmLoaderAtWork() {
        return WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith(BUILTIN_LOADER)));
    }

    /** Whether a socket is the JDK's face of a channel ({@code SocketChannel.socket()}), whose channel counts. */
    private static boolean isChannelAdaptor(Object socket) {
        Class<?> type = socket.getClass();
        return type.getName().startsWith("sun.nio.ch.") && type.getSimpleName().endsWith("Adaptor");
    }

    @Override
    public boolean threadStarting(Thread started) {
        Thread current = Thread.currentThread();
        if (EVENT_THREADS.contains(started.getClass().getName())) {
            Guest owner = ownerOfEventThread(started);
            if (owner == null) {
                // the preferences' or the JVM's AWT context's, started by the first program that needs it, for every program after it
                hypervisor.bornOfCallback(started);
            } else {
                owner.threadStarting(); // its own, in its group, whoever's call (a task of its in the common pool) started it
            }
            return false;
        }
        if (hypervisor.isService(started) || hypervisor.isShared(started) && startedByJvmService()
                || started.getClass() == INNOCUOUS_THREAD && startedByJdkForItself()) {
            // one the JDK starts for every program and runs its own code on (Java2D's disposer, AWT's
            // shutdown blocker, the RMI runtime's, the virtual threads' unparker): never a guest's,
            // whose end it would outlive, nor
            // holding the values the guest's thread made it inherit
            return true;
        }
        if (hypervisor.runsCallbacks(current) && !POOL_WORKER.isInstance(started) && callerOutsideJdk() == null) {
            hypervisor.bornOfCallback(started); // not the pool's own workers, which it starts as it needs them
        }
        if (STARTING_FOR_EVERY_PROGRAM.get() != null) {
            hypervisor.bornOfCallback(started);
            return false;
        }
        // on a thread the JDK shares, whoever's code is on the stack starts it (a guest's finalize method)
        Guest g = hypervisor.isShared(current) ? guestOfJdkThread() : hypervisor.guestOfThread(current);
        if (g == null && hypervisor.isShared(current)) {
            // a thread in a guest's group is the guest's, whoever's callback starts it: counted against its quota
            g = hypervisor.guestByScopeOrGroup(started);
        }
        if (g == null && hypervisor.isShared(current) && POOL_WORKER.isInstance(started)) {
            // a worker of a guest's own pool, which the JDK's thread that hands the pool a task (the delay
            // thread) starts in its own group: it runs the guest's tasks alone, as the guest's
            g = hypervisor.ownerOfPool(((java.util.concurrent.ForkJoinWorkerThread) started).getPool());
        }
        if (g == null || g.ownsJvm() || hypervisor.isOwnThread(started)) {
            return false;
        }
        if (!ThreadTotals.isMeasurable(started)) {
            // its getId() is its own code, which could hide its CPU time and allocation from the quotas
            throw new SecurityException("jvisor: guest '" + g.name() + "' may not start a thread of a class that overrides "
                    + "Thread.getId() on this JDK (before Java 19): its CPU time and allocation could not be measured");
        }
        g.threadStarting();
        if (hypervisor.guestOfThread(started) == null) {
            hypervisor.adopt(started, g);
        }
        return false;
    }

    @Override
    public void serviceThreadMade(Thread made) {
        hypervisor.serviceThreadMade(made);
    }

    /**
     * The JDK's classes that start a thread of the JVM's own group, with a task of their own, when a
     * program first needs it: named, as any JDK code may start a guest's thread for it (a
     * {@code forEach(Thread::start)} of a thread the guest made in that group).
     */
    private static final Set<String> JVM_SERVICES = Set.of("sun.java2d.Disposer", "sun.awt.AWTAutoShutdown");

    /** Whether the code that calls {@code Thread.start()} is one of {@link #JVM_SERVICES}. */
    private static boolean startedByJvmService() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .dropWhile(c -> c != Thread.class).dropWhile(c -> c == Thread.class).findFirst()
                .map(c -> JVM_SERVICES.contains(c.getName()) && Hypervisor.isJdk(c.getClassLoader())).orElse(Boolean.FALSE));
    }

    /**
     * Whether the JDK's code starts a thread for itself: no program's code is on the stack (a
     * guest's carrier runs the JDK's alone), or the virtual threads' own code starts it below the
     * program's (JDK 21 to 23 start their unparker on whichever program's virtual thread first
     * parks with a timeout, switched to its carrier).
     */
    private static boolean startedByJdkForItself() {
        return WALKER.walk(frames -> {
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                Class<?> c = it.next().getDeclaringClass();
                if (c.getName().equals(CalleeGuards.VIRTUAL_THREAD) && Hypervisor.isJdk(c.getClassLoader())) {
                    return true;
                }
                if (c != TrapDispatcher.class && !Hypervisor.isJdk(c.getClassLoader())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The hosted guest whose own AWT context's event queue starts this event thread, in its group; {@code null} for another. */
    private Guest ownerOfEventThread(Thread started) {
        Guest owner = hypervisor.guestByScopeOrGroup(started);
        return owner != null && owner.defaults().appContext() != null ? owner : null;
    }

    /** Set while the hypervisor's own thread makes what the JDK then keeps for every program: the threads it starts run callbacks. */
    private static final ThreadLocal<Boolean> STARTING_FOR_EVERY_PROGRAM = new ThreadLocal<>();

    /** Whether the JVM's default group of asynchronous channels has been made on a host's thread. */
    private volatile boolean defaultChannelGroupMade;

    @Override
    public void defaultChannelGroupNeeded() {
        if (defaultChannelGroupMade) {
            return;
        }
        Guest g = guestOfJdkThread();
        if (g != null && !g.ownsJvm()) {
            // made there, the group's threads would be the guest's, blocked where no safepoint
            // reaches them when it ends, and serving everyone else on a guest's threads after
            hypervisor.runOnOwnThread("jvisor-channel-group", () -> {
                // its threads run the handlers of every program's channels: they run callbacks
                STARTING_FOR_EVERY_PROGRAM.set(Boolean.TRUE);
                try {
                    java.nio.channels.spi.AsynchronousChannelProvider.provider().openAsynchronousServerSocketChannel(null).close();
                } catch (IOException e) {
                    Hypervisor.hostError("jvisor: cannot make the JVM's default group of asynchronous channels: " + e);
                } finally {
                    STARTING_FOR_EVERY_PROGRAM.remove();
                }
            });
            return;
        }
        defaultChannelGroupMade = true; // made on this thread, the host's, if not already
    }

    @Override
    public void channelGroupMade(java.nio.channels.AsynchronousChannelGroup group) {
        Guest g = guestOfJdkThread();
        // the default group, made on a guest's thread only if the hypervisor's own could not: the JVM's
        if (g != null && !g.ownsJvm() && !WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().equals(CalleeGuards.CHANNEL_PROVIDER)
                && f.getMethodName().equals(CalleeGuards.DEFAULT_CHANNEL_GROUP)))) {
            g.channelGroupMade(group);
        }
    }

    @Override
    public void executorMade(java.util.concurrent.ExecutorService pool) {
        Guest g = madeByGuestsCode(EXECUTOR_PACKAGE);
        if (g != null) {
            g.executorMade(pool);
            hypervisor.poolMade(pool, g);
        }
    }

    @Override
    public void timerMade(java.util.Timer timer) {
        Guest g = madeByGuestsCode(TIMER_PACKAGE);
        if (g != null) {
            g.timerMade(timer);
        }
    }

    /**
     * The hosted guest whose own code made, through the JDK's classes of a package, what this
     * thread is constructing; {@code null} where the JDK makes it for the JVM (RMI's scheduler, the
     * pool CompletableFuture's static initialiser makes for its delays, the preferences' timer).
     */
    private Guest madeByGuestsCode(String jdkPackage) {
        Guest g = hypervisor.guestOfThread(Thread.currentThread());
        if (g == null || g.ownsJvm()
                || WALKER.walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("<clinit>") && Hypervisor.isJdk(f.getDeclaringClass().getClassLoader())))) {
            return null;
        }
        Class<?> maker = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .dropWhile(c -> !c.getName().startsWith(jdkPackage)).dropWhile(c -> c.getName().startsWith(jdkPackage))
                .findFirst()).orElse(null);
        return maker != null && hypervisor.guestOf(maker) == g ? g : null;
    }

    private static final String EXECUTOR_PACKAGE = "java.util.concurrent.";
    private static final String TIMER_PACKAGE = "java.util.";
    private static final Class<?> POOL_WORKER = java.util.concurrent.ForkJoinWorkerThread.class;
    /** The class of the threads the JDK starts for itself (its cleaners, the virtual threads' unparker), which no program's code extends. */
    private static final Class<?> INNOCUOUS_THREAD = CalleeGuards.jdkClass("jdk.internal.misc.InnocuousThread");
    /**
     * The classes of the threads that run the events of every program of the JVM: AWT's event
     * dispatch thread (but a hosted guest's, of its own AWT context) and the one that calls the
     * listeners of preferences.
     */
    private static final Set<String> EVENT_THREADS = Set.of("java.awt.EventDispatchThread",
            "java.util.prefs.AbstractPreferences$EventDispatchThread");

    @Override
    public List<java.nio.file.spi.FileSystemProvider> installedFileSystemProviders(List<java.nio.file.spi.FileSystemProvider> jvms) {
        Guest g = guestOfJdkAccess();
        return g == null || g.ownsJvm() ? jvms : g.defaults().fileSystemProviders(jvms, g.classLoader());
    }

    @Override
    public void signalHandled(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler, Object replaced) {
        Guest g = hypervisor.ownerOf(Thread.currentThread());
        if (g == null || g.ownsJvm()) {
            return;
        }
        String failure = "jvisor: cannot put back the handler of " + signal + " that guest '" + g.name() + "' replaced: ";
        java.lang.invoke.MethodHandle handle;
        try {
            java.lang.reflect.Method installs = java.util.Arrays.stream(signals.lookupClass().getDeclaredMethods())
                    .filter(m -> m.getName().equals("handle") && m.getParameterCount() == 2
                            && java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                    .findFirst().orElseThrow(() -> new NoSuchMethodException("handle"));
            handle = signals.unreflect(installs);
        } catch (ReflectiveOperationException e) {
            Hypervisor.hostError(failure + e);
            return;
        }
        // on a thread of the hypervisor's: the guest's own, ended, may install nothing
        g.signalHandled(() -> hypervisor.runOnOwnThread("jvisor-signals", () -> {
            try {
                Object current = handle.invoke(signal, replaced);
                if (current != handler) {
                    handle.invoke(signal, current); // another's since: left as it is
                }
            } catch (Throwable e) {
                Hypervisor.hostError(failure + e);
            }
        }));
    }

    @Override
    public Object[] signalHandling(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler) {
        Guest g = ownSignals("handle");
        return g == null ? null : new Object[] {signalsOf(g).handle(signals, signal, handler)};
    }

    @Override
    public boolean signalRaising(java.lang.invoke.MethodHandles.Lookup signals, Object signal) {
        Guest g = ownSignals("raise");
        if (g == null) {
            return false;
        }
        signalsOf(g).raise(signals, signal);
        return true;
    }

    /**
     * The guest whose call of {@code Signal.method} this is, where the signal is to be its own: a
     * hosted guest whose policy does not let it change the JVM's process. {@code null} for the
     * host's call and a guest's that goes to the JVM's process (the application that owns the JVM,
     * as its policy allows global-state).
     */
    private Guest ownSignals(String method) {
        Bypass b = bypass();
        if (b == null) {
            return null;
        }
        if (b.guest.ownsJvm()) {
            changingJvm(b.guest, "jdk.internal.misc.Signal." + method);
            return null;
        }
        return b.guest.allows("global-state", null) ? null : b.guest;
    }

    private GuestSignals signalsOf(Guest g) {
        return g.signals(() -> new GuestSignals(g, (signal, status) -> {
            g.require("exit", "end on " + signal);
            hypervisor.end(g, GuestResult.Ending.EXIT, status, signal + " with no handler of its own");
        }));
    }

    @Override
    public void processStarted(Process process) {
        Guest g = hypervisor.ownerOf(Thread.currentThread());
        if (g == null) {
            Bypass b = bypass();
            g = b == null ? null : b.guest;
        }
        if (g != null) {
            g.started(process.toHandle());
        }
    }

    @Override
    public void processLooking(long pid, boolean itself) {
        Bypass b = bypass();
        if (b == null || itself && pid == ProcessHandle.current().pid() || b.guest.hasStarted(pid)) {
            return;
        }
        b.guest.require("process", pid == 0 ? "list the processes of the machine"
                : "look at process " + pid + ", which it did not start");
    }

    @Override
    public void processDestroying(ProcessHandle process) {
        Bypass b = bypass();
        if (b != null && !b.guest.hasStarted(process)) {
            b.guest.require("process", "destroy process " + process.pid() + ", which it did not start");
        }
    }

    // ---- the default locale, time zone and uncaught-exception handler a guest sets for itself (see GuestDefaults) ----

    @Override
    public java.util.Locale defaultLocale(java.util.Locale.Category category, java.util.Locale jvms) {
        GuestDefaults own = GuestDefaults.anyOwn() ? defaultsOfThisThread() : null;
        return own == null ? jvms : own.locale(category, jvms);
    }

    @Override
    public java.util.TimeZone defaultTimeZone(java.util.TimeZone jvms) {
        GuestDefaults own = GuestDefaults.anyOwn() ? defaultsOfThisThread() : null;
        return own == null ? jvms : own.zone(jvms);
    }

    /** The defaults of the guest this thread works for ({@link #guestOfThisThread}), or {@code null}. */
    private GuestDefaults defaultsOfThisThread() {
        Guest g = guestOfThisThread();
        return g == null ? null : g.defaults();
    }

    /**
     * The guest this thread works for, by its scope or group alone, or {@code null}: the defaults'
     * getters run at every format of every thread. The JDK's shared threads follow the JVM's,
     * whoever's task they run; so does a thread a guest started outside its group without its scope.
     */
    private Guest guestOfThisThread() {
        Thread thread = Thread.currentThread();
        return hypervisor.isShared(thread) ? null : hypervisor.guestByScopeOrGroup(thread);
    }

    @Override
    public boolean defaultLocaleSetting(java.util.Locale.Category category, java.util.Locale locale) {
        Guest g = defaultSetter(locale != null, "set its default locale");
        if (g != null) {
            g.defaults().setLocale(category, locale);
        }
        return g != null;
    }

    @Override
    public boolean defaultTimeZoneSetting(java.util.TimeZone zone) {
        Guest g = defaultSetter(true, "set its default time zone");
        if (g != null) {
            g.defaults().setZone(zone);
        }
        return g != null;
    }

    @Override
    public boolean defaultUncaughtExceptionHandlerSetting(Thread.UncaughtExceptionHandler handler) {
        Guest g = defaultSetter(true, "set its default uncaught-exception handler");
        if (g != null) {
            g.defaults().setHandler(handler);
        }
        return g != null;
    }

    /**
     * The guest whose own default a setter sets, once its policy allowed it as a change of its
     * properties, or {@code null} to let the JDK proceed: for the host, for a guest whose
     * properties are the JVM's, and for an argument the JDK refuses.
     */
    private Guest defaultSetter(boolean valid, String what) {
        Bypass b = valid ? bypass() : null;
        if (b == null) {
            return null;
        }
        b.guest.require("property-write", what);
        if (!hasOwnDefaults(b.guest)) {
            return null;
        }
        return b.guest;
    }

    /** Whether a guest's defaults are its own: not those of the application or a container, whose properties are the JVM's. */
    private static boolean hasOwnDefaults(Guest g) {
        return !g.ownsJvm() && g.mode() != GuestSpec.Mode.CONTAINER;
    }

    @Override
    public Object networkDefault(String method, Object jvms) throws java.security.NoSuchAlgorithmException {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            return jvms;
        }
        Object own = g.defaults().networkDefault(method, jvms);
        if (own == jvms && method.equals(DEFAULT_PROXY_SELECTOR) && GuestProxySelector.ownProperties(g.properties())) {
            // the JDK's default selector reads the JVM's proxy properties: the guest's reads its own, kept as its default
            GuestProxySelector selector = new GuestProxySelector(g.properties());
            g.defaults().setNetworkDefault("java.net.ProxySelector.setDefault", selector);
            return selector;
        }
        if (own != jvms || !method.equals(DEFAULT_CONTEXT) && !method.equals(DEFAULT_SOCKET_FACTORY)) {
            return own;
        }
        // the JDK makes its default context from the JVM's properties, and the socket factory
        // HttpsURLConnection keeps for the JVM from that context: a guest's are its own, from the
        // context it set or its own javax.net.ssl properties (its factory asked before the JDK's
        // code runs, which would keep the guest's for the JVM). Never the JVM's: the application
        // may have set one of its own keys (audit 23: a guest authenticated as the host by them),
        // and its sessions are every program's
        javax.net.ssl.SSLContext context = (javax.net.ssl.SSLContext) g.defaults().networkDefault(DEFAULT_CONTEXT, null);
        if (context == null) {
            context = g.defaults().tlsContext(() -> GuestTls.defaultContext(g));
        }
        if (method.equals(DEFAULT_CONTEXT)) {
            return context;
        }
        // kept, as HttpsURLConnection keeps the JVM's: the same factory for each of its connections
        javax.net.ssl.SSLSocketFactory factory = context.getSocketFactory();
        g.defaults().setNetworkDefault("javax.net.ssl.HttpsURLConnection.setDefaultSSLSocketFactory", factory);
        return factory;
    }

    @Override
    public Object ownTrust(String method) throws Exception {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g) || GuestTls.sharesJvmTrust(g.properties())) {
            return null;
        }
        GuestTls.Anchors anchors = g.defaults().trust(GuestTls.trustKey(g.properties()), () -> GuestTls.Anchors.of(g));
        return method.equals("getTrustedKeyStore") ? anchors.store() : anchors.certificates();
    }

    @Override
    public void jvmDefaultSslContextMaking() {
        Guest g = guestOfJdkAccess();
        if (g != null && hasOwnDefaults(g) && GuestTls.jvmHoldsKeys()) {
            throw new SecurityException("jvisor: guest '" + g.name() + "' may not have the JVM's default SSL context "
                    + "(SSLContext.getInstance(\"Default\")), which holds the host's key store; SSLContext.getDefault() "
                    + "gives it its own, made from its javax.net.ssl properties");
        }
    }

    private static final String DEFAULT_PROXY_SELECTOR = "java.net.ProxySelector.getDefault";
    private static final String DEFAULT_CONTEXT = "javax.net.ssl.SSLContext.getDefault";
    private static final String DEFAULT_SOCKET_FACTORY = "javax.net.ssl.HttpsURLConnection.getDefaultSSLSocketFactory";

    @Override
    public boolean networkDefaultSetting(String method, Object value) {
        Guest own = ownDefaultSetting(method);
        if (own != null) {
            own.defaults().setNetworkDefault(method, value);
        }
        return own != null;
    }

    @Override
    public boolean defaultUseCaches(String protocol, boolean jvms) {
        Guest g = guestOfJdkAccess();
        Boolean own = g == null || !hasOwnDefaults(g) ? null : g.defaults().useCaches(protocol);
        return own == null ? jvms : own;
    }

    @Override
    public boolean defaultUseCachesSetting(String protocol, boolean value) {
        Guest own = ownDefaultSetting("java.net.URLConnection.setDefaultUseCaches");
        if (own != null) {
            own.defaults().setUseCaches(protocol, value);
        }
        return own != null;
    }

    /**
     * At the setter of a JVM-wide default connections use: the hosted guest that sets its own,
     * once its policy allowed it as a change of its properties; else {@code null}, the change of
     * the JVM's decided as global state.
     */
    private Guest ownDefaultSetting(String method) {
        Bypass b = bypass();
        if (b != null && hasOwnDefaults(b.guest)) {
            String name = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            b.guest.require("property-write", "call " + name + ", which sets its own");
            return b.guest;
        }
        globalStateChanging(method);
        return null;
    }

    @Override
    public Object guestPasswordAuthentication(Object[] a) {
        // the forms: (addr, port, protocol, prompt, scheme), (host, addr, ...), (host, ..., url, type),
        // (authenticator, host, ..., url, type)
        boolean given = a.length == 9;
        Guest g = given && a[0] != null ? null : guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            return null;
        }
        java.net.Authenticator own = (java.net.Authenticator) g.defaults().networkDefault("java.net.Authenticator.getDefault", null);
        int at = given ? 1 : a.length == 5 ? -1 : 0;
        java.net.PasswordAuthentication answer = own == null ? null : own.requestPasswordAuthenticationInstance(
                at < 0 ? null : (String) a[at], (InetAddress) a[at + 1], (Integer) a[at + 2], (String) a[at + 3],
                (String) a[at + 4], (String) a[at + 5], a.length >= 8 ? (java.net.URL) a[at + 6] : null,
                a.length >= 8 ? (java.net.Authenticator.RequestorType) a[at + 7] : java.net.Authenticator.RequestorType.SERVER);
        return answer == null ? io.jvisor.hooks.Guards.NO_PASSWORD : answer;
    }

    @Override
    public boolean urlHandlerFactorySetting(java.net.URLStreamHandlerFactory factory) {
        Bypass b = bypass();
        if (b == null) {
            return false;
        }
        if (!hasOwnDefaults(b.guest)) {
            globalStateChanging("java.net.URL.setURLStreamHandlerFactory");
            return false;
        }
        b.guest.require("property-write", "set its factory of URL stream handlers");
        b.guest.urlHandlers().setFactory(factory);
        return true;
    }

    @Override
    public java.net.URLStreamHandler urlStreamHandler(String protocol) {
        // never for jvisor's own work on the guest's thread, nor for the JVM's class loader reading its class path
        Guest g = hypervisor.hostedAny() && DELEGATING.get() == null && ACTING_FOR.get() == null ? guestOfThisThread() : null;
        java.net.URLStreamHandler handler = g == null || !hasOwnDefaults(g) ? null
                : g.urlHandlers().handler(protocol, g.properties(), g.classLoader());
        return handler == null || protocol.equals("jar") && jvmLoaderMakesUrl() ? null : handler;
    }

    /**
     * Whether the jar URL being made is one the JVM's own class loaders make for their class path
     * ({@link #jvmLoaderAtWork}), which is the JDK's. Asked of each jar URL that finds a handler of
     * a guest's (Spring Boot's names one): a few frames up tell that most are made elsewhere than
     * in {@code URLClassPath}.
     */
    private static boolean jvmLoaderMakesUrl() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .dropWhile(c -> c.startsWith("io.jvisor.") || c.equals("java.net.URL")).findFirst()
                .filter(c -> c.startsWith(URL_CLASS_PATH)).isPresent()) && jvmLoaderAtWork();
    }

    /** Where the JDK's class loaders, its URLClassLoader's too, make the URLs of their class paths. */
    private static final String URL_CLASS_PATH = "jdk.internal.loader.URLClassPath";

    @Override
    public Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler jvms) {
        Guest g = guestOfJdkAccess();
        return g == null || !hasOwnDefaults(g) ? jvms : g.defaults().handler();
    }

    @Override
    public boolean uncaughtException(Thread thread, Throwable error) {
        Guest g = hypervisor.ownerOf(thread);
        if (g == null || g.ownsJvm()) {
            return false;
        }
        GuestThreads.uncaught(g, thread, error);
        return true;
    }

    @Override
    public boolean uncaughtUnwinding(Thread thread, Throwable error) {
        if (!(error instanceof GuestExit)) {
            return false;
        }
        Guest g = hypervisor.ownerOf(thread);
        return g != null && g.halted();
    }

    // ---- what a hosted guest sees of the JVM's process: its own command line and properties (see ProcessView) ----

    /** The hosted guest for which the JDK looks at the JVM on this thread, or {@code null} (the host, the JVM's owner). */
    private Guest viewer() {
        Guest g = guestOfJdkAccess();
        return g == null || g.ownsJvm() ? null : g;
    }

    @Override
    public ProcessHandle.Info processInfo(ProcessHandle process, ProcessHandle.Info info) {
        Guest g = viewer();
        return g == null ? info : ProcessView.info(g, process, info);
    }

    // ---- the JVM's security providers: a hosted guest's own list, once it changes it ----

    @Override
    public Object securityProviders(Object jvms) {
        Guest g = guestOfJdkAccess();
        return g == null || !hasOwnDefaults(g) ? jvms : g.defaults().securityProviders(jvms);
    }

    @Override
    public boolean securityProvidersSetting(Object list) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            return false;
        }
        g.defaults().setSecurityProviders(list);
        return true;
    }

    @Override
    public void securityProvidersChanging(String method) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            globalStateChanging(method);
        } else {
            g.require("property-write", "call " + method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1)
                    + ", which changes its own list of security providers");
        }
    }

    @Override
    public void securityProviderChanging(java.security.Provider provider, String method) {
        if (!hypervisor.hostedAny()) {
            return;
        }
        Guest owner = hypervisor.ownerOf(provider.getClass());
        if (owner != null && owner == hypervisor.guestOfThread(Thread.currentThread()) || beingMade(provider)) {
            return; // a guest's own provider, on its own thread (as it makes one); one being made
        }
        Bypass b = bypass();
        if (b != null && b.guest != owner) {
            changingJvm(b.guest, method);
        }
    }

    /** Whether the provider's own constructor, or one of its superclasses', is on the stack: the JDK making one, which fills it. */
    private static boolean beingMade(java.security.Provider provider) {
        return WALKER.walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("<init>")
                && f.getDeclaringClass().isAssignableFrom(provider.getClass())));
    }

    @Override
    public Object ownSingleton(Class<?> type, Object none) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            return null;
        }
        Object own = g.defaults().singleton(type);
        return own == null ? none : own;
    }

    @Override
    public Object ownSingletonMade(Class<?> type, Object made) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnDefaults(g)) {
            throw new IllegalStateException("jvisor: a " + type.getName() + " made for no guest");
        }
        return g.defaults().keepSingleton(type, made);
    }

    @Override
    public Object appContext(Object none) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnApplicationState(g) || GuestAppContexts.making()) {
            return null;
        }
        Object own = g.defaults().appContext();
        return own == null ? none : own;
    }

    @Override
    public Object appContextMade(java.lang.invoke.MethodHandles.Lookup contexts) {
        Guest g = guestOfJdkAccess();
        if (g == null || !hasOwnApplicationState(g)) {
            throw new SecurityException("jvisor: an AWT context made for no guest");
        }
        return appContexts.contextOf(g, contexts);
    }

    @Override
    public java.util.concurrent.ForkJoinPool commonPool(java.util.concurrent.ForkJoinPool jvms) {
        Guest g = guestOfCommonPool();
        return g == null ? jvms : g.commonPool(jvms, hypervisor);
    }

    @Override
    public Boolean commonPoolWorkerMaking(java.util.concurrent.ForkJoinPool pool, java.lang.invoke.MethodHandles.Lookup pools) {
        if (pool != Hypervisor.JVM_COMMON_POOL || !hypervisor.hostedAny() || hypervisor.guestOfThread(Thread.currentThread()) == null) {
            return null;
        }
        Class<?> type = pools.lookupClass();
        if (type != java.util.concurrent.ForkJoinPool.class || !pools.hasFullPrivilegeAccess()) {
            throw new SecurityException("jvisor: a worker of the common pool is made with ForkJoinPool's own lookup alone");
        }
        boolean[] made = new boolean[1];
        hypervisor.runOnOwnThread("jvisor-common-pool", () -> {
            try {
                made[0] = (boolean) pools.findVirtual(type, "createWorker", java.lang.invoke.MethodType.methodType(boolean.class))
                        .invoke(pool);
            } catch (Throwable e) {
                // made no worker, as the pool's own code reports a failure to make one
            }
        });
        return made[0];
    }

    @Override
    public java.util.concurrent.Executor asyncPool(Object jvms) {
        Guest g = jvms == Hypervisor.JVM_COMMON_POOL ? guestOfCommonPool() : null;
        return g == null ? null : g.commonPool(Hypervisor.JVM_COMMON_POOL, hypervisor);
    }

    @Override
    public void remoteObjectExported(Object impl) {
        Guest g = hypervisor.hostedAny() ? guestOfJdkAccess() : null;
        if (g != null && !g.ownsJvm()) {
            hypervisor.remoteObjectExported(impl, g);
        }
    }

    @Override
    public Runnable remoteCallEntered(Object impl) {
        Guest g = hypervisor.exporterOf(impl);
        if (g == null) {
            return null;
        }
        Guest.Acting acting = g.actingAs();
        return acting::close;
    }

    @Override
    public java.util.concurrent.Executor virtualThreadScheduler() {
        Guest g = guestOfCommonPool();
        return g == null ? null : g.virtualThreadScheduler(hypervisor);
    }

    /**
     * The hosted guest with defaults of its own for which the JDK asks for the common pool: its
     * thread's, or, on a thread the JDK shares, the guest whose code is on it (a {@code finalize}
     * on the finalizer's, which otherwise handed the guest the JVM's pool); {@code null} for the
     * host, a container and a guest that owns the JVM.
     */
    private Guest guestOfCommonPool() {
        Guest g = hypervisor.hostedAny() ? guestOfJdkAccess() : null;
        return g == null || !hasOwnApplicationState(g) ? null : g;
    }

    /**
     * Whether a guest has its own of what the JDK keeps per application (an AWT context, a common
     * pool): a hosted one's, with a thread group; a scoped guest has the JVM's.
     */
    private static boolean hasOwnApplicationState(Guest g) {
        return hasOwnDefaults(g) && g.threadGroup() != null;
    }

    // ---- JDBC's DriverManager: a hosted guest's own (see GuestJdbc) ----

    /** The hosted guest a JDBC call of the JDK's works for: its caller's, else its thread's; {@code null} for the host's. */
    private Guest jdbcUser(Class<?> caller) {
        Guest g = caller == null ? null : hypervisor.guestOf(caller);
        if (g == null) {
            g = guestOfJdkAccess();
        }
        return g == null || g.ownsJvm() ? null : g;
    }

    @Override
    public boolean jdbcDriverRegistering(Object driver, Object action) {
        // the guest whose class the driver is, whoever registers it (the JDK's look-up on a thread of another)
        Guest g = driver == null ? null : hypervisor.guestOf(driver.getClass());
        if (g == null || g.ownsJvm()) {
            return false;
        }
        g.jdbc().register((java.sql.Driver) driver, (java.sql.DriverAction) action);
        return true;
    }

    @Override
    public boolean jdbcDriverDeregistering(Object driver) throws java.sql.SQLException {
        Guest g = jdbcUser(null);
        if (g == null || driver == null) {
            return false;
        }
        g.jdbc().deregister((java.sql.Driver) driver, guestClassOnStack());
        return true;
    }

    @Override
    public Object jdbcConnecting(String url, Properties info, Class<?> caller) throws java.sql.SQLException {
        Guest g = jdbcUser(caller);
        return g == null ? null : g.jdbc().connect(url, info, caller);
    }

    @Override
    public Object jdbcDriverFor(String url) throws java.sql.SQLException {
        Guest g = jdbcUser(null);
        return g == null ? null : g.jdbc().driver(url, guestClassOnStack());
    }

    @Override
    public List<?> jdbcDrivers(Class<?> caller) {
        Guest g = jdbcUser(caller);
        return g == null ? null : g.jdbc().drivers(caller);
    }

    @Override
    public Object jdbcSetting(String method, Object jvms) {
        Guest g = jdbcUser(null);
        if (g == null) {
            return jvms;
        }
        GuestJdbc own = g.jdbc();
        return switch (method) {
            case "getLoginTimeout" -> own.loginTimeout();
            case "getLogWriter" -> own.logWriter();
            default -> own.logStream();
        };
    }

    @Override
    public boolean jdbcSettingChanging(String method, Object value) {
        Guest g = jdbcUser(null);
        if (g == null) {
            globalStateChanging("java.sql.DriverManager." + method);
            return false;
        }
        g.require("property-write", "call DriverManager." + method + ", which sets its own");
        GuestJdbc own = g.jdbc();
        switch (method) {
            case "setLoginTimeout" -> own.setLoginTimeout((Integer) value);
            case "setLogWriter" -> own.setLogWriter((java.io.PrintWriter) value);
            default -> own.setLogStream((PrintStream) value);
        }
        return true;
    }

    @Override
    public boolean jdbcLogging(String message) {
        Guest g = jdbcUser(null);
        if (g == null) {
            return false;
        }
        g.jdbc().println(message);
        return true;
    }

    @Override
    public java.lang.management.MemoryUsage heapUsage(java.lang.management.MemoryUsage jvms) {
        Guest g = viewer();
        // a container's Runtime calls are not rewritten: its MemoryMXBean shows the JVM's heap as they do
        return g == null || g.mode() == GuestSpec.Mode.CONTAINER ? jvms : g.heapUsage(jvms);
    }

    @Override
    public Object runtimeInformation(String method, Object value) {
        Guest g = viewer();
        return g == null ? value : ProcessView.runtime(g, method, value);
    }

    // ---- what a hosted guest sees of the JVM's threads: its own (see ThreadView) ----

    @Override
    public Map<Thread, StackTraceElement[]> stackTracesListed(Map<Thread, StackTraceElement[]> traces) {
        Guest g = viewer();
        return g == null ? traces : threads.stackTraces(g, traces);
    }

    @Override
    public StackTraceElement[] stackTraceShown(StackTraceElement[] trace) {
        // a guest's main thread: natively nothing is below main, here Thread.run, the hypervisor's
        // launch and the reflection it calls main by
        int end = trace.length;
        if (end > 0 && trace[end - 1].getMethodName().equals("run") && trace[end - 1].getClassName().equals(Thread.class.getName())) {
            int k = end - 1;
            boolean launched = false;
            while (k > 0 && trace[k - 1].getClassName().equals(Hypervisor.class.getName())) {
                k--;
                launched |= trace[k].getMethodName().equals(Hypervisor.MAIN_LAUNCHER);
            }
            while (launched && k > 0 && (trace[k - 1].getClassName().startsWith("java.lang.reflect.")
                    || trace[k - 1].getClassName().startsWith("jdk.internal.reflect."))) {
                k--;
            }
            end = launched ? k : end;
        }
        int bridges = 0;
        for (int i = 0; i < end; i++) {
            if (trace[i].getMethodName().startsWith(io.jvisor.agent.rewrite.Rewriter.BRIDGE_PREFIX)) {
                bridges++;
            }
        }
        if (end == trace.length && bridges == 0) {
            return trace;
        }
        StackTraceElement[] shown = new StackTraceElement[end - bridges];
        for (int i = 0, j = 0; i < end; i++) {
            if (!trace[i].getMethodName().startsWith(io.jvisor.agent.rewrite.Rewriter.BRIDGE_PREFIX)) {
                shown[j++] = trace[i];
            }
        }
        return shown;
    }

    @Override
    public int threadsInGroup(ThreadGroup group, Thread[] list, boolean recurse) {
        Guest g = viewer();
        return g == null ? -1 : threads.threads(g, group, list, recurse);
    }

    @Override
    public int groupsInGroup(ThreadGroup group, ThreadGroup[] list, boolean recurse) {
        Guest g = viewer();
        return g == null ? -1 : threads.groups(g, group, list, recurse);
    }

    @Override
    public boolean threadGroupListing(ThreadGroup group) {
        Guest g = viewer();
        return g != null && threads.list(g, group);
    }

    @Override
    public boolean threadGroupActing(ThreadGroup group, String method) {
        Guest g = viewer();
        return g != null && threads.act(g, group, method);
    }

    @Override
    public long[] threadIdsListed(long[] ids) {
        Guest g = viewer();
        return g == null ? ids : threads.ids(g, ids);
    }

    @Override
    public long[] threadIdsAsked(long[] ids) {
        Guest g = viewer();
        return g == null ? ids : threads.asked(g, ids);
    }

    @Override
    public java.lang.management.ThreadInfo[] threadInfosListed(java.lang.management.ThreadInfo[] infos) {
        Guest g = viewer();
        return g == null ? infos : threads.infos(g, infos);
    }

    @Override
    public int threadCountListed(int count, boolean daemon) {
        Guest g = viewer();
        return g == null ? count : threads.count(g, daemon);
    }

    @Override
    public long threadTotalListed(long count, boolean peak) {
        Guest g = viewer();
        return g == null ? count : peak ? threads.peak(g) : threads.started(g);
    }

    @Override
    public boolean threadPeakResetting() {
        Guest g = viewer();
        if (g == null) {
            return false;
        }
        threads.resetPeak(g);
        return true;
    }

    @Override
    public io.jvisor.hooks.Safepoint safepointOf(Class<?> caller) {
        return hypervisor.safepointOf(caller);
    }

    @Override
    public void handlerEntered(Class<?> caller) {
        Guest g = hypervisor.guestOf(caller);
        if (g != null) {
            g.checkAlive();
        }
    }

    // ---- reflection ----

    @Override
    public boolean isTrapped(java.lang.reflect.Executable member) {
        return reflected.isTrapped(member);
    }

    @Override
    public Object invokeTrapped(java.lang.reflect.Executable member, Object target, Object[] args, Class<?> caller)
            throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
        return reflected.invoke(member, target, args, caller);
    }

    @Override
    public Object[] jdkReflectiveCall(java.lang.reflect.Executable member, Object target, Object[] args)
            throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
        // a method: the JDK makes the lambdas of the entry points' own code by their constructors' reflection
        if (member instanceof java.lang.reflect.Method && ReflectedTraps.isEntryPoint(member) && guestOfJdkAccess() != null
                && !calledByReflectedTraps()) {
            throw ReflectedTraps.entryPointRefused(member);
        }
        // most members are of a class that owns no trap, answered first by one look-up of the class
        if (!reflected.isTrapped(member)) {
            return null;
        }
        Guest g = rewritten(guestOfJdkAction("reach", member));
        return g == null ? null : new Object[] {reflected.invoke(member, target, args, askingClass(g, member))};
    }

    /** Whether {@code Method.invoke} is called by {@link ReflectedTraps}: a guest's reflection of a trapped member, sent to its trap. */
    private static boolean calledByReflectedTraps() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .dropWhile(c -> c != java.lang.reflect.Method.class).dropWhile(c -> c == java.lang.reflect.Method.class)
                .findFirst().orElse(null)) == ReflectedTraps.class;
    }

    @Override
    public java.lang.invoke.MethodHandle jdkMethodHandle(Class<?> lookupClass, java.lang.invoke.MethodHandle found) {
        // a lookup of jvisor's own classes makes the handles of their lambdas, linked on whichever
        // thread first runs them: the question below would link them again
        if (lookupClass != null && hypervisor.guestOf(lookupClass) == null) {
            return found;
        }
        Guest g = rewritten(guestOfJdkAccess());
        if (g == null) {
            return found;
        }
        // no lambda here: its linking makes handles. The JDK's reflection of the member loads classes,
        // and jvisor's code links its lambdas: their guards let jvisor's own work through.
        java.lang.reflect.Member member;
        DELEGATING.set(Boolean.TRUE);
        try {
            member = ReflectedTraps.member(found);
        } finally {
            DELEGATING.remove();
        }
        // jvisor's classes but its entry points, to which the guest's rewritten code makes its handles
        if (member != null && member.getDeclaringClass().getClassLoader() != null && hypervisor.isOwnClass(member.getDeclaringClass())) {
            throw new SecurityException("jvisor: guest '" + g.name() + "' may not reach " + member + ": it is part of jvisor");
        }
        if (!reflected.isTrapped(member)) {
            return found;
        }
        try {
            return reflected.handle(found, askingClass(g, found));
        } catch (IllegalAccessException e) {
            throw new SecurityException(e.getMessage(), e);
        }
    }

    /**
     * The guest the JDK works for, {@code g}, where its classes are rewritten: a container's calls
     * of the JDK are its own by any way, as its classes' calls are.
     */
    private static Guest rewritten(Guest g) {
        return g == null || g.mode() == GuestSpec.Mode.CONTAINER ? null : g;
    }

    /**
     * The guest's code that asked the JDK for a trapped member on the guest's thread: the caller
     * its trap decides for, as for the guest's own call. Refused where no code of the guest's is on
     * the stack, since then nothing of the guest's can be the caller.
     */
    private Class<?> askingClass(Guest g, Object member) {
        Class<?> caller = guestClassOnStack();
        if (caller == null) {
            throw new SecurityException("jvisor: the JDK reached " + member + " on a thread of guest '" + g.name()
                    + "' with no code of the guest's asking; refused");
        }
        return caller;
    }

    @Override
    public java.lang.invoke.MethodHandle methodHandle(java.lang.invoke.MethodHandle found, Class<?> caller)
            throws IllegalAccessException {
        Decision d = guest(caller).decide("method-handle");
        if (!d.allowed()) {
            throw callSite(new IllegalAccessException("jvisor: method handle lookups refused: " + d.reason()));
        }
        return reflected.handle(found, caller);
    }

    // ---- files: the guest's disk, or the host's files as its policy allows ----

    @Override
    public FileSystem fileSystem(Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk != null ? disk.fileSystem() : FileSystems.getDefault();
    }

    @Override
    public File hostFile(File file, boolean write, Class<?> caller) throws AccessDeniedException {
        Guest g = guest(caller);
        VirtualDisk disk = g.disk();
        if (disk == null) {
            g.checkFile(file, write);
            return file;
        }
        try {
            return disk.reachFollowing(file.getPath(), write).hostFile();
        } catch (VirtualDisk.ReadOnly e) {
            return null;
        }
    }

    @Override
    public void fileCreated(File host, Class<?> caller) throws IOException {
        Guest g = caller == null ? guestOfJdkAccess() : guest(caller);
        VirtualDisk disk = g == null ? null : g.disk();
        if (disk != null && !disk.quota().unlimited() && disk.onDisk(host.toPath())) {
            disk.quota().fileCreated(host.toPath());
        }
    }

    @Override
    public void subclassWriting(Class<?> caller) {
        Guest g = guest(caller);
        VirtualDisk disk = g.disk();
        if (disk == null) {
            return;
        }
        if (!disk.quota().unlimited()) {
            throw new SecurityException("jvisor: " + caller.getName() + " extends a JDK class and opens a file for writing as its "
                    + "superclass constructor, whose writes would escape the quota of the disk of guest '" + g.name() + "'; "
                    + "run it without a disk quota, or construct the JDK class and wrap it instead");
        }
        disk.quota().writtenPastMeter();
    }

    @Override
    public File guestFile(File hostFile, Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        if (disk == null) {
            return hostFile;
        }
        String path = disk.toGuest(hostFile.toPath());
        return path == null ? null : new File(path);
    }

    @Override
    public String absolutePath(String path, Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk != null ? disk.absolute(path) : new File(path).getAbsolutePath();
    }

    @Override
    public String temporaryDirectory(Class<?> caller) {
        return temporaryDirectory(guest(caller));
    }

    private static String temporaryDirectory(Guest g) {
        return g.disk() != null ? VirtualDisk.TMPDIR : System.getProperty("java.io.tmpdir");
    }

    @Override
    public long diskSpaceLeft(Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk == null || disk.quota().unlimited() ? Long.MAX_VALUE : Math.max(0, disk.quota().limit() - disk.quota().used());
    }

    @Override
    public FileOutputStream descriptorOutput(java.io.FileDescriptor fd, Class<?> caller) {
        Guest g = guest(caller);
        if (fd == java.io.FileDescriptor.out || fd == java.io.FileDescriptor.err) {
            return DescriptorStreams.output(fd == java.io.FileDescriptor.out ? g.stdout() : g.stderr());
        }
        return new FileOutputStream(fd);
    }

    @Override
    public java.io.FileInputStream descriptorInput(java.io.FileDescriptor fd, Class<?> caller) {
        Guest g = guest(caller);
        return fd == java.io.FileDescriptor.in ? DescriptorStreams.input(g.stdin()) : new java.io.FileInputStream(fd);
    }

    @Override
    public FileOutputStream openOutput(File file, boolean append, Class<?> caller) throws FileNotFoundException {
        Guest g = guest(caller);
        if (g.disk() != null) {
            FileOutputStream out = trapOpening(() -> FileStreams.openOutput(g.disk(), file.getPath(), append));
            jdkFileWrites.trapOpened(out);
            return out;
        }
        return new FileOutputStream(hostFileForOpen(g, file, true), append);
    }

    @Override
    public RandomAccessFile openRandomAccess(File file, String mode, Class<?> caller) throws FileNotFoundException {
        Guest g = guest(caller);
        if (g.disk() != null) {
            RandomAccessFile opened = trapOpening(() -> FileStreams.openRandomAccess(g.disk(), file.getPath(), mode));
            jdkFileWrites.trapOpened(opened);
            return opened;
        }
        return new RandomAccessFile(hostFileForOpen(g, file, mode.contains("w")), mode);
    }

    @Override
    public boolean fileDelete(File file, Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk == null ? file.delete() : FileChanges.delete(disk, file.getPath());
    }

    @Override
    public boolean fileMakeDirectory(File file, boolean parents, Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk == null ? parents ? file.mkdirs() : file.mkdir() : FileChanges.makeDirectory(disk, file.getPath(), parents);
    }

    @Override
    public boolean fileRename(File from, File to, Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk == null ? from.renameTo(to) : FileChanges.rename(disk, from.getPath(), to.getPath());
    }

    @Override
    public java.nio.channels.FileChannel randomAccessChannel(RandomAccessFile file, Class<?> caller) {
        guest(caller);
        return FileStreams.channelOf(file);
    }

    /**
     * A trap's opening of a file on a guest's disk, whose stream counts its name and its writes
     * itself: the guards of the JDK's file streams, which meter the JDK's openings, pass it by.
     */
    private static <T> T trapOpening(GuardedCall<T> open) throws FileNotFoundException {
        try {
            return delegate(open);
        } catch (FileNotFoundException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("jvisor: a file stream's opening threw " + e, e);
        }
    }

    private static File hostFileForOpen(Guest g, File file, boolean write) throws FileNotFoundException {
        try {
            g.checkFile(file, write);
            return file;
        } catch (AccessDeniedException e) {
            throw FileStreams.notFound(e);
        }
    }

    @Override
    public IOException guestException(IOException e, Class<?> caller) {
        VirtualDisk disk = guest(caller).disk();
        return disk == null ? e : disk.guestException(e);
    }

    // ---- classes a guest defines, native code, JVM-wide state ----

    @Override
    public byte[] hiddenClassDefining(Class<?> lookupClass, byte[] classFile) {
        Guest g = hypervisor.guestOf(lookupClass);
        // JDK 17's lambdas are hidden classes the JDK's lambda factory defines in the guest's lookup
        // class: they call the guest's own, rewritten code. Not any JDK code past the lookup: the
        // guest's own call by reflection or a method handle shows the JDK's frames there too
        if (g == null || definedByLambdaFactory()) {
            return classFile;
        }
        g.require("define-class", "define a hidden class");
        try {
            return hypervisor.rewriterFor(g).rewrite(classFile);
        } catch (io.jvisor.agent.rewrite.RewriteException e) {
            throw callSite(new ClassFormatError("jvisor: refused a hidden class of guest '" + g.name() + "': " + e.getMessage()));
        }
    }

    /** Whether the hidden class being defined is a lambda's the JDK's lambda factory makes. */
    private static boolean definedByLambdaFactory() {
        return firstFramePast(name -> name.equals(java.lang.invoke.MethodHandles.Lookup.class.getName()))
                .map(f -> f.getClassName().equals("java.lang.invoke.InnerClassLambdaMetafactory")).orElse(false);
    }

    @Override
    public void jvisorMemberReached(java.lang.reflect.Member member) {
        if (hypervisor.isOwnClass(member.getDeclaringClass())) { // not the application's own class
            refusedToGuests("reach " + member + ": it is part of jvisor");
        }
    }

    /**
     * Refuses {@code what}, a reach into jvisor or the host by reflection, where a hosted guest
     * asks for it: its class is the first past the JDK's frames, or the stack holds only the JDK's
     * (a callback such as java.beans' {@code EventHandler}, run on a thread of the guest's or one
     * the JDK shares among programs). jvisor's own code passes, its lambdas too, which JDK 17 links
     * by reflection; and the host's, the JVM's management over RMI among it.
     */
    private void refusedToGuests(String what) {
        if (DELEGATING.get() != null) {
            return; // jvisor's own work: the walk below links its lambdas, which JDK 17 opens by reflection
        }
        Class<?> caller;
        DELEGATING.set(Boolean.TRUE);
        try {
            caller = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                    .dropWhile(c -> c == TrapDispatcher.class).dropWhile(c -> Hypervisor.isJdk(c.getClassLoader()))
                    .findFirst()).orElse(null);
        } finally {
            DELEGATING.remove();
        }
        Thread thread = Thread.currentThread();
        Guest g = caller != null ? hypervisor.guestOf(caller) : hypervisor.guestOfThread(thread);
        if (g != null && !g.ownsJvm() || caller == null && g == null && hypervisor.runsCallbacks(thread)) {
            throw callSite(new SecurityException("jvisor: " + (g == null ? "code on a thread the JDK runs callbacks on" : "guest '" + g.name() + "'")
                    + " may not " + what));
        }
    }

    @Override
    public boolean assertionStatusChanging(ClassLoader loader, String method) {
        Bypass b = bypass();
        // the JVM's loaders', the host's or another guest's classes would run so for every program:
        // skipped where refused, as Maven's test runner sets the platform loader's with its own
        return b != null && hypervisor.guestOfLoaderChain(loader) != b.guest && !b.guest.decide("global-state").allowed();
    }

    @Override
    public void classLoaderCreated(ClassLoader loader) {
        if (Hypervisor.isJdk(loader) || hypervisor.guestOfLoaderChain(loader) != null) {
            return;
        }
        Bypass b = bypass();
        if (b != null) {
            b.guest.require("define-class", "create a class loader");
            hypervisor.adopt(loader, b.guest);
        }
    }

    @Override
    public ClassLoader classLoaderParent(ClassLoader parent) {
        Guest g = guestMakingLoader();
        ClassLoader own = g == null ? null : g.classLoader();
        return own == null ? parent : own;
    }

    /**
     * The hosted guest that makes the class loader whose construction is on the stack, or
     * {@code null}: a loader of a guest's class, or one of the JDK's public classes made by a
     * guest's code; not the JDK's own loaders, which it makes on whichever thread needs them first.
     */
    private Guest guestMakingLoader() {
        if (!hypervisor.hostedAny() || DELEGATING.get() != null) {
            return null;
        }
        return WALKER.walk(frames -> {
            java.util.Iterator<StackWalker.StackFrame> it = frames.dropWhile(f -> !isLoaderConstructor(f)).iterator();
            Class<?> made = null; // the outermost constructor of the chain: the class made
            Class<?> caller = null;
            while (it.hasNext() && caller == null) {
                StackWalker.StackFrame f = it.next();
                if (isLoaderConstructor(f)) {
                    made = f.getDeclaringClass();
                } else {
                    caller = f.getDeclaringClass();
                }
            }
            Guest byClass = made == null ? null : hypervisor.guestOf(made);
            if (isHosted(byClass)) {
                return byClass;
            }
            if (made == null || made.getModule() != Object.class.getModule()
                    || !Object.class.getModule().isExported(made.getPackageName())) {
                return null; // the host's loader, or one of the JDK's own
            }
            // one of the JDK's public loaders (URLClassLoader.newInstance makes one too): the first code past the JDK's asked
            while (caller != null && Hypervisor.isJdk(caller.getClassLoader())) {
                caller = it.hasNext() ? it.next().getDeclaringClass() : null;
            }
            Guest byCaller = caller == null ? null : hypervisor.guestOf(caller);
            return isHosted(byCaller) ? byCaller : null;
        });
    }

    private static boolean isLoaderConstructor(StackWalker.StackFrame f) {
        return f.getMethodName().equals("<init>") && ClassLoader.class.isAssignableFrom(f.getDeclaringClass());
    }

    @Override
    public javax.management.MBeanServer platformMBeanServer(Class<?> caller) {
        Guest g = guest(caller);
        g.require("property-read", "get the platform MBean server");
        return hasOwnDefaults(g) ? g.mbeanServer() : java.lang.management.ManagementFactory.getPlatformMBeanServer();
    }

    @Override
    public List<javax.management.MBeanServer> mbeanServers(Class<?> caller) {
        Guest g = guest(caller);
        g.require("property-read", "find the MBean servers");
        return hasOwnDefaults(g) ? g.mbeanServers() : null;
    }

    @Override
    public javax.management.MBeanServer mbeanServerCreated(String domain, Class<?> caller) {
        Guest g = guest(caller);
        return hasOwnDefaults(g) ? g.mbeanServerCreated(javax.management.MBeanServerFactory.newMBeanServer(domain)) : null;
    }

    @Override
    public boolean mbeanServerReleased(javax.management.MBeanServer server, Class<?> caller) {
        Guest g = guest(caller);
        if (!hasOwnDefaults(g)) {
            return false;
        }
        if (!g.mbeanServerReleased(server)) {
            throw new IllegalArgumentException("MBeanServer was not in list!"); // the JDK's words
        }
        return true;
    }

    @Override
    public ClassLoader systemClassLoader(Class<?> caller) {
        Guest g = guest(caller);
        g.require("property-read", "get its system class loader");
        ClassLoader own = g.classLoader();
        return own == null ? ClassLoader.getSystemClassLoader() : own;
    }

    /** The JDK's own modules that the JVM's application class loader defines, the tools' ({@code jdk.compiler}, {@code jdk.jshell} ...): found at first use. */
    private static final class JdkToolModules {

        static final Set<String> NAMES = ModuleLayer.boot().configuration().modules().stream()
                .filter(m -> m.reference().location().map(l -> "jrt".equals(l.getScheme())).orElse(false))
                .map(java.lang.module.ResolvedModule::name)
                .filter(name -> ModuleLayer.boot().findLoader(name) == ClassLoader.getSystemClassLoader())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public java.util.Iterator<?> withJdkToolProviders(java.lang.invoke.MethodHandles.Lookup walkLookup, Object walk,
            java.util.Iterator<?> providers) throws Throwable {
        if (guestOfJdkAccess() == null) {
            return providers;
        }
        Object serviceLoader = walkLookup.findGetter(walk.getClass(), "this$0", java.util.ServiceLoader.class).invoke(walk);
        ClassLoader start = (ClassLoader) walkLookup.findGetter(java.util.ServiceLoader.class, "loader", ClassLoader.class)
                .invoke(serviceLoader);
        if (!overGuestLoader(start)) {
            return providers;
        }
        // in a JVM of its own the guest's loader would be the application loader, whose walk finds these first
        java.util.Iterator<?> application = (java.util.Iterator<?>) walkLookup.findVirtual(walk.getClass(), "iteratorFor",
                java.lang.invoke.MethodType.methodType(java.util.Iterator.class, ClassLoader.class)).invoke(walk, ClassLoader.getSystemClassLoader());
        List<Object> all = new ArrayList<>();
        while (application.hasNext()) {
            Object provider = application.next();
            Module module = (Module) walkLookup.findVirtual(provider.getClass(), "module",
                    java.lang.invoke.MethodType.methodType(Module.class)).invoke(provider);
            if (module.getLayer() == ModuleLayer.boot() && JdkToolModules.NAMES.contains(module.getName())) {
                all.add(provider);
            }
        }
        providers.forEachRemaining(all::add);
        return all.iterator();
    }

    /** Whether a loader is a hosted guest's own, or has one among its parents. */
    private static boolean overGuestLoader(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof GuestClassLoader) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a guest may not open up by reflection: jvisor itself, and the JDK's unsafe memory access
     * but for its instance, whose every use a guest's code makes goes to a trap that checks it.
     */
    private static final String UNSAFE = "sun.misc.Unsafe";

    /**
     * Whether a member of {@code sun.misc.Unsafe} is one a guest may make accessible: its instance,
     * and its public members, which are accessible already (a library that opens {@code invokeCleaner}
     * calls it by reflection, which its trap checks); not the JDK's internal Unsafe it keeps.
     */
    private static boolean unsafesOpenMember(Object member) {
        return member instanceof Field f && f.getName().equals("theUnsafe")
                || member instanceof java.lang.reflect.Member m && java.lang.reflect.Modifier.isPublic(m.getModifiers());
    }

    @Override
    public void accessChecking(Class<?> caller, Class<?> declaringClass, Object member) {
        Guest g = caller == null || declaringClass == null ? null : hypervisor.guestOf(caller);
        if (g == null && caller != null && declaringClass != null && Hypervisor.isJdk(caller.getClassLoader())
                && !declaringClass.getModule().isNamed() && !declaringClass.isAnnotation() && !declaringClass.isHidden()
                && hypervisor.guestOf(declaringClass) == null
                && (declaringClass.getClassLoader() == null || !Hypervisor.isJdk(declaringClass.getClassLoader()))) {
            // the JDK's call for someone (java.beans' trampoline opens what a Statement names): jvisor's
            // and the host's classes stay closed to whoever it works for. Not an annotation's members,
            // which the JDK opens to answer for one of jvisor's API, nor a lambda's, which JDK 17 opens
            // to link jvisor's own, on whichever thread runs it first; the JDK's own loaders' classes
            // (the trampoline itself, which java.beans opens as it starts) are the JDK's
            refusedToGuests("open " + declaringClass.getName() + " by reflection: it is "
                    + (hypervisor.isOwnClass(declaringClass) ? "part of jvisor" : "not its own"));
        }
        if (g == null || g.ownsJvm() && g.allows("native", null)) {
            return;
        }
        String name = declaringClass.getName();
        if (hypervisor.isOwnClass(declaringClass)) {
            throw callSite(new SecurityException("jvisor: guest '" + g.name() + "' may not open " + name
                    + " by reflection: it is part of jvisor"));
        }
        if (!declaringClass.getModule().isNamed() && hypervisor.guestOf(declaringClass) != g) {
            // the boot class path's (jvisor's API), the host's, another guest's, a proxy the JDK made in
            // a loader not the guest's: a lookup of its package defines classes that loader keeps, unrewritten
            throw callSite(new SecurityException("jvisor: guest '" + g.name() + "' may not open " + name
                    + " by reflection: it is not its own"));
        }
        if (name.equals(UNSAFE) && !unsafesOpenMember(member)) {
            g.require("native", "open " + UNSAFE + " by reflection");
        }
    }

    @Override
    public void nativeAccess(Class<?> caller, String what) {
        requireNative(caller, what, SecurityException::new);
    }

    // sun.misc.Unsafe: the guest's own memory passes; anything else is native access

    @Override
    public Lock unsafeAccess(Object base, long offset, char type, Class<?> caller) {
        // small, for the JIT to inline into every trap: the refusals' messages are made elsewhere
        if (base == null) {
            return ownNativeMemory(guest(caller), offset, type);
        }
        if (!heap.owns(hypervisor.ownerOf(caller), base, offset, type)) {
            beyondOwnHeap(guest(caller), base, offset, type);
        }
        return null;
    }

    @Override
    public Lock unsafeStore(Object base, long offset, Object value, Class<?> caller) {
        if (base == null) {
            return ownNativeMemory(guest(caller), offset, 'L');
        }
        if (!heap.owns(hypervisor.ownerOf(caller), base, offset, value)) {
            beyondOwnMemory(guest(caller), "store " + (value == null ? "null" : "an instance of " + value.getClass().getTypeName()) + " at offset "
                    + offset + " of " + describe(base));
        }
        return null;
    }

    /** The fields of the heap's classes, with the guests they belong to, as sun.misc.Unsafe's checks ask. */
    private final GuestMemory.Heap heap;

    private static void beyondOwnHeap(Guest g, Object base, long offset, char type) {
        beyondOwnMemory(g, "access " + (type == 'L' ? "a reference" : GuestMemory.width(type) + " bytes") + " at offset " + offset
                + " of " + describe(base));
    }

    private static Lock ownNativeMemory(Guest g, long address, char type) {
        if (type == 'L') {
            beyondOwnMemory(g, "keep a reference in native memory at address " + address);
            return null;
        }
        return ownNativeMemory(g, address, GuestMemory.width(type));
    }

    @Override
    public Lock unsafeRegion(Object base, long offset, long bytes, Class<?> caller) {
        return region(base, offset, bytes, false, false, caller);
    }

    @Override
    public Lock unsafeRegionWritten(Object base, long offset, long bytes, boolean booleans, Class<?> caller) {
        return region(base, offset, bytes, true, booleans, caller);
    }

    private Lock region(Object base, long offset, long bytes, boolean written, boolean booleans, Class<?> caller) {
        Guest g = guest(caller);
        if (bytes < 0) {
            return null; // the JDK refuses it
        }
        if (base == null) {
            return ownNativeMemory(g, offset, bytes);
        }
        if (!GuestMemory.inPrimitiveArray(base, offset, bytes, written, booleans)) {
            beyondOwnMemory(g, (written ? "write " : "read ") + bytes + " bytes" + (base instanceof boolean[] && written && !booleans
                    ? " (not each 0 or 1)" : "") + " at offset " + offset + " of " + describe(base));
        }
        return null;
    }

    /** The lock that keeps the guest's native memory at the address allocated; {@code null} where the policy allows any. */
    private static Lock ownNativeMemory(Guest g, long address, long bytes) {
        Lock held = g.memory().holding(address, bytes);
        if (held == null) {
            beyondOwnMemory(g, "access " + bytes + " bytes of native memory at address " + address);
        }
        return held;
    }

    /** A direct buffer's native memory that a guest holds: its size. */
    private record DirectBlock(Guest guest, long size) {
    }

    /** The native memory of guests' direct buffers, by address: freed on whichever thread collects a buffer. */
    private final Map<Long, DirectBlock> directBlocks = new ConcurrentHashMap<>();
    /** Set once a guest has held any: until then a buffer's freeing asks nothing. */
    private volatile boolean directBlocksHeld;

    @Override
    public void directMemoryReserving(long size) {
        Guest g = guestOfJdkAccess();
        if (g == null && unattributedCallback()) {
            refusedWithoutProgram("reserve " + size + " bytes of direct memory");
        }
        if (g != null && !g.mayHoldDirect(size)) {
            throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory: guest '" + g.name() + "' holds "
                    + g.directBytes() + " and its live heap may hold " + g.quotas().get(io.jvisor.sandbox.quota.Resource.LIVE_HEAP).hard()
                    + " (jvisor)");
        }
    }

    @Override
    public void directMemoryAllocated(long address, long size) {
        Guest g = guestOfJdkAccess();
        if (g != null && !g.ownsJvm()) {
            directBlocksHeld = true;
            directBlocks.put(address, new DirectBlock(g, size));
            g.directHeld(size);
        }
    }

    @Override
    public void directMemoryFreed(long address) {
        DirectBlock block = directBlocksHeld ? directBlocks.remove(address) : null;
        if (block != null) {
            block.guest().directHeld(-block.size());
        }
    }

    @Override
    public void unsafeReserving(long bytes, Class<?> caller) {
        Guest g = guest(caller);
        long limit = Runtime.getRuntime().maxMemory();
        if (!g.memory().reserve(bytes, limit)) {
            throw new OutOfMemoryError("jvisor: guest '" + g.name() + "' may not allocate " + bytes + " more bytes of native memory by"
                    + " sun.misc.Unsafe: it holds " + g.memory().bytes() + ", and may hold " + limit + " (the JVM's maximum heap)");
        }
    }

    @Override
    public void unsafeAllocated(long address, long bytes, Class<?> caller) {
        guest(caller).memory().allocated(address, bytes);
    }

    @Override
    public Lock unsafeFreeing(long address, Class<?> caller) {
        Guest g = guest(caller);
        Lock held = g.memory().freeing(address);
        if (held == null) {
            beyondOwnMemory(g, "free native memory at address " + address);
        }
        return held;
    }

    @Override
    public Lock unsafeResizing(long address, Class<?> caller) {
        Guest g = guest(caller);
        Lock held = g.memory().resizing(address);
        if (held == null) {
            beyondOwnMemory(g, "reallocate native memory at address " + address);
        }
        return held;
    }

    @Override
    public void unsafeReallocated(long address, long moved, long bytes, Class<?> caller) {
        guest(caller).memory().reallocated(address, moved, bytes);
    }

    @Override
    public boolean unsafeCleaning(java.nio.ByteBuffer buffer, Class<?> caller) {
        Guest g = guest(caller);
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("buffer is non-direct");
        }
        return g.allows("native", null);
    }

    @Override
    public void unsafeField(Field field, Class<?> caller) {
        Guest g = guest(caller);
        if (hypervisor.guestOf(field.getDeclaringClass()) != g) {
            beyondOwnMemory(g, "find where the field " + field.getDeclaringClass().getName() + "." + field.getName() + " lies");
        }
    }

    @Override
    public void unsafeInstance(Class<?> type, Class<?> caller) {
        Guest g = guest(caller);
        if (type.isInterface() || type.isArray() || type.isPrimitive() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            return; // the JDK refuses it (InstantiationException), allocating nothing
        }
        if (hypervisor.guestOf(type) != g || !GuestMemory.allocatable(type)) {
            beyondOwnMemory(g, "allocate an instance of " + type.getName() + " without its constructor");
        }
    }

    @Override
    public void unsafeUnparking(Object thread, Class<?> caller) {
        if (thread != null && !(thread instanceof Thread)) {
            beyondOwnMemory(guest(caller), "unpark " + describe(thread) + ", which the JVM would read as a thread");
        }
    }

    @Override
    public void serializationAccess(Class<?> type, java.lang.reflect.Constructor<?> constructor) {
        Bypass b = bypass();
        if (b == null || type == null) {
            return; // the host's; the JDK refuses no class
        }
        if (hypervisor.guestOf(type) != b.guest || !GuestMemory.allocatable(type)
                || constructor != null && !GuestMemory.callable(constructor, type)) {
            b.guest.require("native", "use sun.reflect.ReflectionFactory for " + type.getName()
                    + (constructor == null ? "" : " by the constructor " + constructor) + ", not a class of its own or a constructor its"
                    + " code could call");
        }
    }

    /** Decides a use of {@code sun.misc.Unsafe} beyond the guest's own memory as native access. */
    private static void beyondOwnMemory(Guest g, String what) {
        g.require("native", "use sun.misc.Unsafe to " + what + ", memory not its own");
    }

    private static String describe(Object base) {
        return base instanceof Class<?> c ? "the statics of " + c.getName() : "an instance of " + base.getClass().getTypeName();
    }

    @Override
    public String nativeLibraryFile(Class<?> caller, String file) {
        Guest g = requireNative(caller, "load the native library " + file, SecurityException::new);
        VirtualDisk disk = g == null ? null : g.disk();
        if (disk == null || file == null || !new File(file).isAbsolute()) {
            return file; // on the host's files; or a relative path, which the JDK refuses
        }
        try {
            return delegate(() -> disk.reachFollowing(file, false).hostPath()).toString();
        } catch (IOException e) {
            throw new SecurityException("jvisor: guest '" + g.name() + "' may not load the native library " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void restrictedMethod(Class<?> caller, String what) {
        requireNative(caller, what, IllegalCallerException::new);
    }

    /** Decides native access for the guest of a class, if it is a guest's; returns that guest, or {@code null}. */
    private Guest requireNative(Class<?> caller, String what, java.util.function.Function<String, RuntimeException> refusal) {
        Guest g = caller == null ? null : hypervisor.guestOf(caller);
        if (g != null) {
            g.require("native", what, refusal);
        }
        return g;
    }

    @Override
    public void managementCalled(String method) {
        Bypass b = bypass();
        if (b != null) {
            b.guest.require("native", "call " + method + ", which acts natively on a JVM");
        }
    }

    // ---- a hosted guest's own java.util.logging (see GuestLogging) ----

    /** The guest's own logging, or {@code null} for the host and for a guest whose loggers are the JVM's (see {@link #hasOwnDefaults}). */
    private static GuestLogging loggingOf(Guest g) {
        return g != null && hasOwnDefaults(g) ? g.logging() : null;
    }

    @Override
    public void loggerChanging(java.util.logging.Logger logger, Object argument, String method) {
        Bypass b = bypass();
        if (b == null || wiredByItsManager() || jdkInitialising(method)) {
            return;
        }
        GuestLogging own = loggingOf(b.guest);
        if (own == null) {
            if (logger.getParent() == null && "".equals(logger.getName())) {
                globalStateChanging(method + " of the root logger");
            }
            return;
        }
        mayChange(b.guest, own, logger, method);
        if (argument instanceof java.util.logging.Logger) {
            mayChange(b.guest, own, (java.util.logging.Logger) argument, method + " (as the new parent)");
        }
    }

    /** The frames of the guarded {@code Logger} method. */
    private static final java.util.function.Predicate<StackWalker.StackFrame> LOGGER_METHOD =
            f -> f.getDeclaringClass() == java.util.logging.Logger.class;

    /**
     * Whether a {@code LogManager} called the guarded {@code Logger} method: a manager sets the
     * parents of the loggers it adds, and resets and configures its own. A guest reaches only its
     * own manager; the JVM's works for the JDK, as when a guest's thread verifies a signed jar and
     * the JDK makes its security event logger, which the JVM's manager puts under its root.
     */
    private static boolean wiredByItsManager() {
        StackWalker.StackFrame caller = callerPast(LOGGER_METHOD);
        return caller != null && caller.getDeclaringClass().getName().startsWith("java.util.logging.LogManager");
    }

    /** Refuses a guest's change of a logger that is not its own: another guest's always, the JVM's as its policy decides JVM-wide state. */
    private static void mayChange(Guest g, GuestLogging own, java.util.logging.Logger logger, String method) {
        GuestLogging.Ownership whose = own.ownership(logger);
        String what = "call " + method + " of logger '" + logger.getName() + "'";
        if (whose == GuestLogging.Ownership.ANOTHER_GUESTS) {
            throw callSite(new SecurityException("jvisor: guest '" + g.name() + "' may not " + what + ": it is another guest's"));
        }
        if (whose == GuestLogging.Ownership.JVMS) {
            g.require("global-state", what + ", which is the JVM's, for every program in it");
        }
    }

    @Override
    public void logManagerChanging(java.util.logging.LogManager manager, String method) {
        Bypass b = bypass();
        if (b == null) {
            return;
        }
        GuestLogging own = loggingOf(b.guest);
        if (own != null && own.owns(manager)) {
            return;
        }
        if (GuestLogging.isGuests(manager)) {
            throw callSite(new SecurityException("jvisor: guest '" + b.guest.name() + "' may not call " + method
                    + " of another guest's LogManager"));
        }
        globalStateChanging(method);
    }

    @Override
    public java.util.logging.Logger loggerDemanded(String name, Class<?> caller) {
        GuestLogging own = caller == null ? null : loggingOf(hypervisor.guestOf(caller));
        return own == null ? null : own.logger(name);
    }

    /** The JDK's classes between {@code System.getLogger} or a {@code LoggerFinder}'s caller and the guard. */
    private static final java.util.function.Predicate<StackWalker.StackFrame> LOGGER_FINDING = f -> {
        String name = f.getClassName();
        return name.startsWith("sun.util.logging.internal.") || name.startsWith("jdk.internal.logger.")
                || name.startsWith("java.lang.System$Logger");
    };

    @Override
    public java.util.logging.Logger julLoggerDemanded(String name, Module module) {
        Guest g = module == null ? null : hypervisor.guestOfLoaderChain(module.getClassLoader());
        if (g == null) {
            // a LoggerFinder asked for another module's logger: by a guest, still the guest's own
            StackWalker.StackFrame asker = callerPast(LOGGER_FINDING);
            g = asker == null ? null : hypervisor.guestOf(asker.getDeclaringClass());
        }
        GuestLogging own = loggingOf(g);
        return own == null ? null : own.logger(name);
    }

    /** The frame of {@code LogManager.getLogManager()}. */
    private static final java.util.function.Predicate<StackWalker.StackFrame> GET_LOG_MANAGER = f ->
            f.getDeclaringClass() == java.util.logging.LogManager.class && f.getMethodName().equals("getLogManager");

    /**
     * The JDK's classes whose {@code LogManager.getLogManager()} serves whoever makes them: handlers
     * and formatters read their configuration there, a {@code Logger} subclass finds its manager.
     */
    private static final Set<String> MADE_FOR_CALLER = Set.of("java.util.logging.Handler", "java.util.logging.StreamHandler",
            "java.util.logging.ConsoleHandler", "java.util.logging.FileHandler", "java.util.logging.SocketHandler",
            "java.util.logging.MemoryHandler", "java.util.logging.SimpleFormatter", "java.util.logging.XMLFormatter");

    /**
     * A guest's own manager for the guest's own call, and for a handler, formatter or logger
     * subclass a guest makes; the JVM's for anyone else, and for the JDK's code that keeps loggers or
     * the manager for the whole JVM (its own loggers, the logging MXBean).
     */
    @Override
    public java.util.logging.LogManager logManager(java.util.logging.LogManager jvms) {
        if (DELEGATING.get() != null) {
            return jvms;
        }
        StackWalker.StackFrame caller = callerPast(GET_LOG_MANAGER);
        if (caller == null) {
            return jvms;
        }
        Class<?> type = caller.getDeclaringClass();
        Guest g;
        if (Hypervisor.isJdk(type.getClassLoader())) {
            boolean madeForCaller = MADE_FOR_CALLER.contains(type.getName())
                    || type == java.util.logging.Logger.class && caller.getMethodName().equals("<init>");
            Bypass b = madeForCaller ? bypass() : null;
            g = b == null ? null : b.guest;
        } else {
            g = hypervisor.guestOf(type);
        }
        GuestLogging own = loggingOf(g);
        return own == null ? jvms : own.manager();
    }

    @Override
    public java.util.logging.Logger globalLogger(java.util.logging.Logger jvms) {
        Bypass b = bypass();
        GuestLogging own = b == null ? null : loggingOf(b.guest);
        return own == null ? jvms : own.global();
    }

    @Override
    @SuppressWarnings("deprecation") // the field a guest read
    public java.util.logging.Logger globalLoggerField(Class<?> caller) {
        GuestLogging own = loggingOf(guest(caller));
        return own == null ? java.util.logging.Logger.global : own.global();
    }

    @Override
    public Object[] loggingBeanAsked(String method, String name, String level) {
        Bypass b = bypass();
        GuestLogging own = b == null ? null : loggingOf(b.guest);
        return own == null ? null : new Object[] {own.asMxBean(method, name, level)};
    }

    @Override
    public void anonymousLoggerMade(java.util.logging.Logger logger) {
        Bypass b = bypass();
        GuestLogging own = b == null ? null : loggingOf(b.guest);
        if (own != null) {
            own.adopt(logger);
        }
    }

    /**
     * The frame that called into the frames {@code within} (the first of them found from the top of
     * the stack), past the JDK's reflection and method-handle frames: whoever made the call.
     */
    private static StackWalker.StackFrame callerPast(java.util.function.Predicate<StackWalker.StackFrame> within) {
        return WALKER.walk(frames -> frames
                .dropWhile(within.negate())
                .dropWhile(f -> within.test(f) || isInvocation(f.getClassName()))
                .findFirst()).orElse(null);
    }

    /** The JDK's classes through which reflection and method handles call a method. */
    private static boolean isInvocation(String className) {
        return className.startsWith("java.lang.invoke.") || className.startsWith("java.lang.reflect.")
                || className.startsWith("jdk.internal.reflect.");
    }

    @Override
    public void mbeanServerChanging(String method, javax.management.MBeanServer server) {
        // a server a program made for itself is no other program's; the factory's list holds those every program finds
        boolean shared = server == null || javax.management.MBeanServerFactory.findMBeanServer(null).contains(server);
        if (shared && !calledByJdkPast(MBEAN_SERVER_CODE, GuestMBeanServer::isCaller)) {
            globalStateChanging(method);
        }
    }

    /** The JDK's MBean server implementation, through which both the JDK and guests reach the guarded methods. */
    private static final java.util.function.Predicate<String> MBEAN_SERVER_CODE =
            name -> name.startsWith("com.sun.jmx.") || name.startsWith("javax.management.");

    /**
     * Whether the JDK itself made the guarded call: the first frame below this dispatcher, the
     * guard and the classes {@code within} (an implementation the call passes through) is the
     * JDK's, or one that {@code decided} made its decision itself.
     */
    private static boolean calledByJdkPast(java.util.function.Predicate<String> within,
            java.util.function.Predicate<StackWalker.StackFrame> decided) {
        return firstFramePast(within).map(f -> decided.test(f) || Hypervisor.isJdk(f.getDeclaringClass().getClassLoader())).orElse(true);
    }

    /** The first frame below this dispatcher, the guard and the classes {@code within}. */
    private static java.util.Optional<StackWalker.StackFrame> firstFramePast(java.util.function.Predicate<String> within) {
        return WALKER.walk(frames -> frames
                .dropWhile(f -> f.getDeclaringClass() == TrapDispatcher.class
                        || f.getDeclaringClass().getPackageName().equals(io.jvisor.hooks.Guards.class.getPackageName())
                        || within.test(f.getClassName()))
                .findFirst());
    }

    @Override
    public void globalStateChanging(String method) {
        Bypass b = bypass();
        if (b != null && !jdkInitialising(method)) {
            changingJvm(b.guest, method);
        }
    }

    /** Decides a guest's call of {@code method}, which changes state every program in the JVM shares. */
    private static void changingJvm(Guest g, String method) {
        g.require("global-state", "call " + method + ", which changes the JVM for every program in it");
    }

    /**
     * The JDK's own initialisations that set JVM-wide state with the JDK's own values, on whichever
     * thread first needs them: the setter and the JDK classes whose code calls it. Refused on a
     * guest's thread, the initialisation fails for good, for the host and every guest (the file name
     * map of {@code Files.probeContentType} and {@code URLConnection.guessContentTypeFromName}; the
     * time-zone rules of {@code java.time}; Swing's text attributes, which the static initialisers of
     * its style context and its HTML classes register).
     */
    private static final Map<String, Set<String>> JDK_INITIALISERS = Map.of(
            "java.net.URLConnection.setFileNameMap", Set.of("sun.net.www.MimeTable"),
            "java.time.zone.ZoneRulesProvider.registerProvider", Set.of("java.time.zone.ZoneRulesProvider"),
            "javax.swing.text.StyleContext.registerStaticAttributeKey",
            Set.of("javax.swing.text.StyleContext", "javax.swing.text.html.CSS", "javax.swing.text.html.HTML"),
            // JShell's engine turns its logger off unless configured, as it first launches one
            "java.util.logging.Logger.setLevel", Set.of("jdk.jshell.execution.FailOverExecutionControlProvider"));

    /** Whether the setter was called by the JDK's own initialisation of its value ({@link #JDK_INITIALISERS}): the frame below it. */
    private static boolean jdkInitialising(String method) {
        Set<String> initialisers = JDK_INITIALISERS.get(method);
        String setter = method.substring(0, method.lastIndexOf('.'));
        String name = method.substring(method.lastIndexOf('.') + 1);
        return initialisers != null && WALKER.walk(frames -> frames
                .dropWhile(f -> !(f.getClassName().equals(setter) && f.getMethodName().equals(name))).skip(1).findFirst()
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> ofJdkModule(c) && initialisers.stream().anyMatch(c.getName()::startsWith)).isPresent());
    }

    /**
     * Whether a class is of a module of the JDK's: a named module of the boot layer (the JDK's
     * tools, JShell's and the compiler's, are the system loader's), which no guest's class is.
     */
    private static boolean ofJdkModule(Class<?> c) {
        return c.getModule().isNamed() && c.getModule().getLayer() == ModuleLayer.boot();
    }

    // ---- files the JDK reaches on a guest's behalf: the file guards ----

    /**
     * Runs the guards' host path once before they are woven, so that the classes it uses are
     * loaded then, not while a guard interrupts the JDK loading a class.
     */
    void warmUp() {
        try {
            fileAccess(new File("/"), false);
            pathAccess(java.nio.file.Path.of("/"), false);
            channelAccess(java.nio.file.Path.of("/"), Set.of());
        } catch (IOException e) {
            throw new IllegalStateException("jvisor's file guards refused the host: " + e, e);
        }
    }

    @Override
    public File fileAccess(File file, boolean write) throws IOException {
        if (file instanceof DecidedFile && ((DecidedFile) file).allows(write)) {
            return file; // a trap's call of the JDK, decided already
        }
        Guest g = guestOfJdkAction("open", file);
        if (g == null) {
            return file;
        }
        // asked once: a guest's subclass of File may name another file at each call of getPath
        File named = file.getClass() == File.class ? file : new File(file.getPath());
        VirtualDisk disk = g.disk();
        try {
            if (disk == null) {
                if (g.decidesEachFile(write)) {
                    onHost(g, named.toPath(), write);
                }
                return named;
            }
            // a host path on the disk or in a mount that allows the access: the guest's class path, the
            // JDK's files; or one the JVM's class loader reads
            if (named.isAbsolute() && (disk.holds(named.getPath(), write) || !write && jvmLoaderAtWork())) {
                return named;
            }
            return delegate(() -> disk.reachFollowing(named.getPath(), write).hostFile());
        } catch (AccessDeniedException e) {
            throw callSite(FileStreams.notFound(e));
        }
    }

    @Override
    public Object fileWriteMeter(File file, boolean truncates) throws FileNotFoundException {
        Guest g = guestOfJdkAccess();
        return g == null ? null : jdkFileWrites.meter(g.disk(), file, truncates);
    }

    @Override
    public void fileWriteMetered(Object file, Object meter) {
        jdkFileWrites.opened(file, meter);
    }

    @Override
    public long fileWriting(Object file, long bytes, boolean overridable) throws IOException {
        return jdkFileWrites.writing(file, bytes, overridable);
    }

    @Override
    public void fileWriteFailed(Object file, long reserved) {
        jdkFileWrites.failed(file, reserved);
    }

    @Override
    public void fileChanged(File file, File renamedTo) {
        Guest g = guestOfJdkAccess();
        VirtualDisk disk = g == null ? null : g.disk();
        if (disk != null && !disk.quota().unlimited()
                && (disk.onDisk(file.toPath()) || renamedTo != null && disk.onDisk(renamedTo.toPath()))) {
            // the JDK's own change for the guest (a FileHandler's rotation), which no trap counted
            disk.quota().writtenPastMeter();
        }
    }

    @Override
    public boolean disposerClosing(java.io.Closeable closeable) {
        Guest owner = hypervisor.ownerOf(closeable.getClass());
        if (owner == null || owner.ownsJvm() || hypervisor.guestOfThread(Thread.currentThread()) == owner) {
            return false; // the JDK's or the host's file, the JVM's owner's, or the guest closing its own stream
        }
        try {
            if (!owner.hasEnded()) {
                owner.startThread("Java2D Disposer", () -> {
                    try {
                        closeable.close();
                    } catch (IOException e) {
                        // dropped, as the JDK's record drops it
                    }
                });
            }
        } catch (Throwable refused) {
            // its thread quota or its end refused the thread: no Error may reach the disposer, which it
            // would end; the file's descriptor is closed by its cleaner once the file is unreachable
        }
        return true;
    }

    @Override
    public void fileDescriptorShared(Object stream, java.io.FileDescriptor fd) {
        jdkFileWrites.descriptorShared(stream, fd);
    }

    @Override
    public java.nio.channels.FileChannel fileChannel(Object file, java.nio.channels.FileChannel channel) {
        return jdkFileWrites.channel(file, channel);
    }

    @Override
    public String jdkTemporaryDirectory() {
        Guest g = guestOfJdkAccess();
        return g == null ? null : temporaryDirectory(g);
    }

    @Override
    public File temporaryFileCreating(String prefix, String suffix, File directory) throws IOException {
        Guest g = guestOfJdkAction("open", directory);
        if (g == null) {
            return null;
        }
        // the JDK's own default is the JVM's temporary directory, which it names as a path of the guest's world
        File guestDirectory = directory != null ? directory : new File(temporaryDirectory(g));
        File hostDirectory = fileAccess(guestDirectory, true);
        if (hostDirectory == directory) {
            return null;
        }
        // made by the JDK's code in the directory on the host, which this guard then lets through, named in the guest's
        File made = File.createTempFile(prefix, suffix, hostDirectory);
        fileCreated(made, null);
        return hostDirectory == guestDirectory ? made : new File(guestDirectory, made.getName());
    }

    @Override
    public java.nio.file.Path pathAccess(java.nio.file.Path path, boolean write) throws IOException {
        Guest g = guestOfJdkAction("open", path);
        return g == null ? path : g.disk() == null ? onHost(g, path, write) : onDisk(g.disk(), path, write);
    }

    @Override
    public java.nio.file.Path realPath(java.nio.file.Path path, java.nio.file.LinkOption[] options) throws IOException {
        Guest g = guestOfJdkAction("open", path);
        if (g == null) {
            return null;
        }
        VirtualDisk disk = g.disk();
        if (disk == null) {
            onHost(g, path, false);
            return null;
        }
        if (path.isAbsolute() && (disk.holds(path, false) || jvmLoaderAtWork())) {
            return null; // a host path jvisor gave the JDK, or the JVM's class path
        }
        // the guest file system's resolving: links followed on the disk and its mounts, as a guest path
        return delegate(() -> java.nio.file.Path.of(disk.fileSystem().getPath(path.toString()).toRealPath(options).toString()));
    }

    @Override
    public java.nio.file.Path channelAccess(java.nio.file.Path path, Set<?> options) throws IOException {
        Guest g = guestOfJdkAction("open", path);
        if (g == null) {
            return path;
        }
        boolean write = writes(options);
        return g.disk() == null ? onHost(g, path, write) : onDisk(g.disk(), path, write);
    }

    private static boolean writes(Set<?> options) {
        boolean write = false;
        for (Object option : options) {
            write |= option != java.nio.file.StandardOpenOption.READ && option instanceof java.nio.file.StandardOpenOption;
        }
        return write;
    }

    @Override
    public Runnable channelNameReserved(java.nio.file.Path host, Set<?> options) throws IOException {
        // a channel creates its file only where it writes (as the JDK opens it)
        boolean creates = options.contains(java.nio.file.StandardOpenOption.CREATE)
                || options.contains(java.nio.file.StandardOpenOption.CREATE_NEW);
        return creates && writes(options) ? nameReserved(diskOfJdkFileAccess(), host) : null;
    }

    @Override
    public Runnable socketNameReserved(java.nio.file.Path path) throws IOException {
        VirtualDisk disk = diskOfJdkFileAccess();
        // where the provider's guard will find the socket's file (an empty path: the JDK's own name, found there too)
        return disk == null || disk.quota().unlimited() || path.toString().isEmpty() ? null
                : nameReserved(disk, onDisk(disk, path, true));
    }

    /** Room for the name of a file the JDK is to make at {@code host} for a guest with this disk (or none), if on it (see {@code DiskQuota.nameReserved}). */
    private static Runnable nameReserved(VirtualDisk disk, java.nio.file.Path host) throws IOException {
        return disk == null || disk.quota().unlimited() || !disk.onDisk(host) ? null : disk.quota().nameReserved(host);
    }

    @Override
    public void jdkPathChanged() {
        VirtualDisk disk = diskOfJdkFileAccess();
        if (disk != null) {
            disk.quota().writtenPastMeter();
        }
    }

    /**
     * A file the JDK reaches for a guest that works on the host's files ({@code disk host}),
     * decided by the guest's rules as its own access would be: but for the JDK's own files and the
     * JVM's class path as its loader reads them, which the JDK reads for any program.
     */
    private static java.nio.file.Path onHost(Guest g, java.nio.file.Path path, boolean write) throws AccessDeniedException {
        if (g.decidesEachFile(write) && path.getFileSystem() == FileSystems.getDefault()
                && (write || !(isJdksOwn(path) || jvmLoaderAtWork()))) {
            g.checkFile(path.toAbsolutePath().toString(), write);
        }
        return path;
    }

    /** Whether a path names a file the JDK reads for any program ({@link JdkFiles}). */
    private static boolean isJdksOwn(java.nio.file.Path path) {
        java.nio.file.Path normal = path.toAbsolutePath().normalize();
        return JdkFiles.ofThisJvm().stream().anyMatch(normal::startsWith);
    }

    /**
     * Where a file the JDK reaches for a guest is: where it is if it lies in the guest's world
     * already — on its disk or in a mount that allows the access, as a path jvisor itself gave the
     * JDK (the hot path), or the guest's class path and the JDK's own files — or another file
     * system's, or the JVM's class path as its loader reads it ({@link #jvmLoaderAtWork}); else the
     * guest's path of that name on its disk, as its policy allows.
     */
    private static java.nio.file.Path onDisk(VirtualDisk disk, java.nio.file.Path path, boolean write) throws IOException {
        if (path.getFileSystem() != FileSystems.getDefault() || path.isAbsolute() && (disk.holds(path, write) || !write && jvmLoaderAtWork())) {
            return path;
        }
        return delegate(() -> disk.reachFollowing(path.toString(), write).hostPath());
    }

    /**
     * The disk of the guest for which the JDK reaches a file on this thread, or {@code null} for
     * the host, for this dispatcher's own calls and for a guest that works on the host's files.
     * A thread tells whose it is; a thread that the JDK shares between guests and the host (the
     * common fork-join pool, the cleaner) only by its stack.
     */
    private VirtualDisk diskOfJdkFileAccess() {
        Guest g = guestOfJdkAccess();
        return g == null ? null : g.disk();
    }

    /** The guest on whose behalf the JDK works on this thread, or {@code null} (see {@link #diskOfJdkFileAccess}). */
    private Guest guestOfJdkAccess() {
        Guest g = guestOfJdkThread();
        // the host's threads, the hot path, return here without asking whether this dispatcher delegates
        return g == null || DELEGATING.get() != null ? null : g;
    }

    /**
     * {@link #guestOfJdkAccess} for what the JDK may do only for someone (open a file, call a
     * trapped member): refused on a thread that runs callbacks with no program's code on its stack.
     */
    private Guest guestOfJdkAction(String verb, Object object) {
        Guest g = guestOfJdkAccess();
        if (g == null && unattributedCallback()) {
            refusedWithoutProgram(verb + " " + object);
        }
        return g;
    }

    /**
     * Whether the JDK works on a thread that runs callbacks with no program's code on its stack
     * (see {@link #refusedWithoutProgram}), where no guest was found: but for this dispatcher's
     * own work and the JVM's loaders, which read their class paths for any program (a class such a
     * callback loads).
     */
    private boolean unattributedCallback() {
        return DELEGATING.get() == null && hypervisor.runsCallbacks(Thread.currentThread()) && callerOutsideJdk() == null
                && !jvmLoaderAtWork();
    }

    /**
     * Refuses what the JDK is to do on one of its threads that run what programs hand them
     * ({@link Hypervisor#runsCallbacks}) where no program's code is on the stack: a callback made of
     * the JDK's classes alone, which whoever registered it may be behind and no frame names.
     */
    private void refusedWithoutProgram(String what) {
        Thread thread = Thread.currentThread();
        if (hypervisor.runsCallbacks(thread)) {
            throw callSite(new SecurityException("jvisor: the JDK's thread '" + thread.getName() + "' was to " + what
                    + " with no code of any program's on its stack (a callback made of the JDK's classes alone, such as a "
                    + "java.beans.EventHandler proxy, works for whoever registered it, which nothing tells); refused"));
        }
    }

    /** The guest the JDK works for on this thread (found by the stack on the threads it shares), or {@code null}. */
    Guest guestOfJdkThread() {
        Thread thread = Thread.currentThread();
        if (hypervisor.isShared(thread)) {
            // any guest frame: a guest's task may call jvisor's public classes, which call the JDK
            Class<?> caller = guestClassOnStack();
            if (caller != null) {
                return hypervisor.guestOf(caller);
            }
            // a thread a guest started in the JVM's group is still its own; one that runs callbacks is no one's
            return hypervisor.runsCallbacks(thread) ? null : hypervisor.guestOfThread(thread);
        }
        return hypervisor.guestOfThread(thread);
    }

    /**
     * The innermost class on the stack that belongs to a guest, or {@code null}: the JDK's and
     * jvisor's classes belong to none, so a guest's call into jvisor (a hypercall) finds its caller.
     */
    Class<?> guestClassOnStack() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> hypervisor.guestOf(c) != null).findFirst()).orElse(null);
    }

    @Override
    public IOException fileFailed(IOException thrown) {
        VirtualDisk disk = diskOfJdkFileAccess();
        return disk == null ? thrown : disk.guestException(thrown);
    }

    @Override
    public String workingDirectoryFor() {
        Guest g = guestOfJdkAccess();
        return g == null || g.disk() == null || jvmLoaderAtWork() ? null : g.disk().workingDirectory();
    }

    @Override
    public java.nio.file.Path defaultFileSystemPath(java.nio.file.Path path) {
        VirtualDisk disk = diskOfJdkFileAccess();
        return disk != null && path.getFileSystem() == disk.fileSystem() ? java.nio.file.Path.of(path.toString()) : path;
    }

    @Override
    public String hostPathShown(String hostPath) {
        VirtualDisk disk = diskOfJdkFileAccess();
        String guest = disk == null ? null : disk.toGuest(java.nio.file.Path.of(hostPath));
        return guest == null ? hostPath : guest;
    }

    @Override
    public void descriptorOpening(java.io.FileDescriptor fd) {
        if (fd == java.io.FileDescriptor.in || fd == java.io.FileDescriptor.out || fd == java.io.FileDescriptor.err) {
            Guest g = guestOfJdkAccess();
            if (g != null && !g.ownsJvm()) {
                throw callSite(new SecurityException("jvisor: guest '" + g.name() + "' may not open the JVM's standard "
                        + (fd == java.io.FileDescriptor.in ? "input" : "output") + " descriptor this way; its own console is "
                        + "System.in, System.out and System.err, and new FileInputStream/FileOutputStream(FileDescriptor)"));
            }
        }
    }
}
