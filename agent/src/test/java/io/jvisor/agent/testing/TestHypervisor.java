package io.jvisor.agent.testing;

import io.jvisor.hooks.TrapHandler;
import io.jvisor.hooks.Traps;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Map;
import java.util.HashMap;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one {@link TrapHandler} of the test JVM ({@link Traps#install} accepts only one), shared by
 * every test class. It plays a minimal hypervisor that runs one guest per thread: each test starts
 * a fresh {@link Session} with {@link #begin}, and the handler records every trap into the
 * current thread's session.
 *
 * <p>Exit and halt end the guest the way a hypervisor would: they record the status and the
 * calling class, mark the session ended and throw {@link GuestExit} to unwind the guest's stack.
 * {@code handlerEntered} rethrows while the session has ended, so the guest cannot catch its end.
 * A trap on a thread without a session is refused with {@link SecurityException}, as the
 * {@code TrapHandler} contract asks for calls that cannot be attributed to a guest.
 */
public final class TestHypervisor {

    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();
    private static Handler handler;

    private TestHypervisor() {
    }

    /** Installs the handler if this JVM has none yet, and starts a fresh session on this thread. */
    public static Session begin() {
        installOnce();
        Session session = new Session();
        SESSION.set(session);
        return session;
    }

    private static synchronized void installOnce() {
        if (handler != null) {
            return;
        }
        if (Traps.installed()) {
            throw new IllegalStateException("another trap handler is installed in this test JVM; "
                    + "install handlers only through TestHypervisor so that test classes can share it");
        }
        Handler h = new Handler();
        Traps.install(h);
        handler = h;
    }

    /** Makes this thread work for a session begun on another thread, as a guest's threads do. */
    public static void attach(Session session) {
        SESSION.set(session);
    }

    /** One trap, as the handler received it. */
    public record Trap(String hook, Class<?> caller, Object argument) {
    }

    /** The end of a guest, thrown by the handler to unwind the guest's stack. */
    public static final class GuestExit extends Error {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final boolean halted;
        private final transient Class<?> caller;

        GuestExit(int status, boolean halted, Class<?> caller) {
            super((halted ? "guest halted" : "guest exited") + " with status " + status + " in " + caller.getName());
            this.status = status;
            this.halted = halted;
            this.caller = caller;
        }

        public int status() {
            return status;
        }

        public boolean halted() {
            return halted;
        }

        public Class<?> caller() {
            return caller;
        }
    }

    /** What one guest did, and the virtual devices it sees. */
    public static final class Session {

        private final List<Trap> traps = new ArrayList<>();
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        private final Set<Thread> hooks = new HashSet<>();
        private PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        private PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        private InputStream in = InputStream.nullInputStream();
        private Properties properties = new Properties();
        private final Map<String, String> environment = new HashMap<>();
        private GuestExit exit;
        private final SessionSafepoint safepoint = new SessionSafepoint(this);

        Session() {
        }

        /**
         * Ends the guest from outside, as a hypervisor that kills it would: its threads unwind at
         * their next safepoint poll.
         */
        public void kill(int status) {
            end(status, true, TestHypervisor.class);
            safepoint.stop();
        }

        /** The traps so far, in order. */
        public synchronized List<Trap> traps() {
            return List.copyOf(traps);
        }

        /** The hooks of the traps so far, in order. */
        public synchronized List<String> hooks() {
            return traps.stream().map(Trap::hook).toList();
        }

        /** How the guest ended, or {@code null} while it runs. */
        public synchronized GuestExit exit() {
            return exit;
        }

        /** What the guest wrote to the standard output it started with. */
        public String stdout() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        /** What the guest wrote to its standard error. */
        public String stderr() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }

        /** The guest's standard output: the stream a read of {@code System.out} returns. */
        public synchronized PrintStream out() {
            return out;
        }

        /** Sets what the guest reads from {@code System.in}. */
        public synchronized void stdin(String text) {
            in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        /** The guest's system properties. */
        public synchronized Properties properties() {
            return properties;
        }

        /** The guest's environment, which the test may fill. */
        public synchronized Map<String, String> environment() {
            return environment;
        }

        /** The shutdown hooks the guest registered. */
        public synchronized Set<Thread> shutdownHooks() {
            return Set.copyOf(hooks);
        }

        synchronized void record(String hook, Class<?> caller, Object argument) {
            traps.add(new Trap(hook, caller, argument));
        }

        synchronized GuestExit end(int status, boolean halted, Class<?> caller) {
            if (exit == null) {
                exit = new GuestExit(status, halted, caller);
            }
            return exit;
        }
    }

    /** A session's safepoint: once the session is killed, every poll unwinds the polling thread. */
    private static final class SessionSafepoint extends io.jvisor.hooks.Safepoint {
        private final Session session;

        SessionSafepoint(Session session) {
            this.session = session;
        }

        void stop() {
            request(true);
        }

        @Override
        protected void reached() {
            GuestExit ended = session.exit();
            throw new GuestExit(ended.status(), ended.halted(), ended.caller());
        }

        @Override
        protected boolean unwinds(Throwable caught) {
            return caught instanceof GuestExit;
        }
    }

    private static Session session(String hook, Class<?> caller, Object argument) {
        Session s = SESSION.get();
        if (s == null) {
            throw new SecurityException("test hypervisor: " + hook + " from " + caller + " on a thread without a guest");
        }
        s.record(hook, caller, argument);
        return s;
    }

    private static final class Handler implements TrapHandler {

        @Override
        public void exit(int status, Class<?> caller) {
            throw session("exit", caller, status).end(status, false, caller);
        }

        @Override
        public void halt(int status, Class<?> caller) {
            throw session("halt", caller, status).end(status, true, caller);
        }

        @Override
        public void addShutdownHook(Thread hook, Class<?> caller) {
            Session s = session("addShutdownHook", caller, hook);
            synchronized (s) {
                s.hooks.add(hook);
            }
        }

        @Override
        public boolean removeShutdownHook(Thread hook, Class<?> caller) {
            Session s = session("removeShutdownHook", caller, hook);
            synchronized (s) {
                return s.hooks.remove(hook);
            }
        }

        @Override
        public long maxMemory(Class<?> caller) {
            session("maxMemory", caller, null);
            return Runtime.getRuntime().maxMemory();
        }

        @Override
        public long totalMemory(Class<?> caller) {
            session("totalMemory", caller, null);
            return Runtime.getRuntime().totalMemory();
        }

        @Override
        public long freeMemory(Class<?> caller) {
            session("freeMemory", caller, null);
            return Runtime.getRuntime().freeMemory();
        }

        @Override
        @SuppressWarnings("deprecation") // the field a guest read
        public java.util.logging.Logger globalLoggerField(Class<?> caller) {
            session("globalLoggerField", caller, null);
            return java.util.logging.Logger.global;
        }

        @Override
        public PrintStream stdout(Class<?> caller) {
            return session("stdout", caller, null).out();
        }

        @Override
        public PrintStream stderr(Class<?> caller) {
            Session s = session("stderr", caller, null);
            synchronized (s) {
                return s.err;
            }
        }

        @Override
        public InputStream stdin(Class<?> caller) {
            Session s = session("stdin", caller, null);
            synchronized (s) {
                return s.in;
            }
        }

        @Override
        public void setOut(PrintStream out, Class<?> caller) {
            Session s = session("setOut", caller, out);
            synchronized (s) {
                s.out = out;
            }
        }

        @Override
        public void setErr(PrintStream err, Class<?> caller) {
            Session s = session("setErr", caller, err);
            synchronized (s) {
                s.err = err;
            }
        }

        @Override
        public void setIn(InputStream in, Class<?> caller) {
            Session s = session("setIn", caller, in);
            synchronized (s) {
                s.in = in;
            }
        }

        @Override
        public Console console(Class<?> caller) {
            session("console", caller, null);
            return null;
        }

        @Override
        public Channel inheritedChannel(Class<?> caller) {
            session("inheritedChannel", caller, null);
            return null;
        }

        @Override
        public io.jvisor.hooks.Safepoint safepointOf(Class<?> caller) {
            Session s = SESSION.get();
            if (s == null) {
                throw new SecurityException("test hypervisor: safepoint of " + caller + " asked on a thread without a guest");
            }
            return s.safepoint; // not recorded: a class asks once, on whichever thread polls first
        }

        @Override
        public void handlerEntered(Class<?> caller) {
            Session s = session("handlerEntered", caller, null);
            GuestExit ended = s.exit();
            if (ended != null) {
                throw new GuestExit(ended.status(), ended.halted(), ended.caller());
            }
        }

        @Override
        public Properties properties(boolean write, Class<?> caller) {
            return session(write ? "properties-write" : "properties", caller, null).properties();
        }

        @Override
        public void setProperties(Properties props, Class<?> caller) {
            Session s = session("setProperties", caller, props);
            synchronized (s) {
                s.properties = props != null ? props : new Properties();
            }
        }

        @Override
        public Map<String, String> environment(Class<?> caller) {
            return Collections.unmodifiableMap(session("environment", caller, null).environment());
        }

        /** The rewriter's tests start no process: a trapped start is refused. */
        @Override
        public Process startProcess(ProcessBuilder builder, Class<?> caller) throws IOException {
            session("startProcess", caller, builder.command());
            throw new IOException("test hypervisor: no processes");
        }

        @Override
        public List<Process> startPipeline(List<ProcessBuilder> builders, Class<?> caller) throws IOException {
            session("startPipeline", caller, builders.size());
            throw new IOException("test hypervisor: no processes");
        }

        @Override
        public Map<String, String> processEnvironment(ProcessBuilder builder, Class<?> caller) {
            session("processEnvironment", caller, null);
            return builder.environment();
        }

        // No guard is woven into the JDK in these tests: the JVM's own calls pass.

        @Override
        public void processEnvironmentReturned(ProcessBuilder builder, Map<String, String> environment) {
        }

        @Override
        public void connecting(java.net.InetAddress address, int port) {
        }

        @Override
        public java.net.InetAddress binding(java.net.InetAddress address, int port) {
            return address;
        }

        @Override
        public void bound(java.lang.invoke.MethodHandles.Lookup net, java.io.FileDescriptor fd, java.net.InetAddress address,
                int port) {
        }

        @Override
        public void sending(java.net.SocketAddress target) {
        }

        @Override
        public java.net.InetAddress[] resolving(String host) {
            return null;
        }

        @Override
        public void resolved(String host, java.net.InetAddress[] addresses) {
        }

        @Override
        public String jarCacheKey(String key) {
            return key;
        }

        @Override
        public void directMemoryReserving(long size) {
        }

        @Override
        public void directMemoryAllocated(long address, long size) {
        }

        @Override
        public void directMemoryFreed(long address) {
        }

        @Override
        public java.net.InetAddress localHost() {
            return null;
        }

        @Override
        public java.util.Locale defaultLocale(java.util.Locale.Category category, java.util.Locale jvms) {
            return jvms;
        }

        @Override
        public boolean defaultLocaleSetting(java.util.Locale.Category category, java.util.Locale locale) {
            return false;
        }

        @Override
        public java.util.TimeZone defaultTimeZone(java.util.TimeZone jvms) {
            return jvms;
        }

        @Override
        public boolean defaultTimeZoneSetting(java.util.TimeZone zone) {
            return false;
        }

        @Override
        public Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler jvms) {
            return jvms;
        }

        @Override
        public boolean defaultUncaughtExceptionHandlerSetting(Thread.UncaughtExceptionHandler handler) {
            return false;
        }

        @Override
        public boolean uncaughtException(Thread thread, Throwable error) {
            return false;
        }

        @Override
        public boolean uncaughtUnwinding(Thread thread, Throwable error) {
            return false;
        }

        @Override
        public ProcessHandle.Info processInfo(ProcessHandle process, ProcessHandle.Info info) {
            return info;
        }

        @Override
        public Object securityProviders(Object jvms) {
            return jvms;
        }

        @Override
        public boolean securityProvidersSetting(Object list) {
            return false;
        }

        @Override
        public void securityProvidersChanging(String method) {
        }

        @Override
        public Object ownSingleton(Class<?> type, Object none) {
            return null;
        }

        @Override
        public Object ownSingletonMade(Class<?> type, Object made) {
            return made;
        }

        @Override
        public Object fileWriteMeter(java.io.File file, boolean truncates) {
            return null;
        }

        @Override
        public void fileWriteMetered(Object file, Object meter) {
        }

        @Override
        public boolean fileDelete(java.io.File file, Class<?> caller) {
            return file.delete();
        }

        @Override
        public boolean fileMakeDirectory(java.io.File file, boolean parents, Class<?> caller) {
            return parents ? file.mkdirs() : file.mkdir();
        }

        @Override
        public boolean fileRename(java.io.File from, java.io.File to, Class<?> caller) {
            return from.renameTo(to);
        }

        @Override
        public void fileChanged(java.io.File file, java.io.File renamedTo) {
        }

        @Override
        public boolean disposerClosing(java.io.Closeable closeable) {
            return false;
        }

        @Override
        public void fileDescriptorShared(Object stream, java.io.FileDescriptor fd) {
        }

        @Override
        public java.nio.channels.FileChannel fileChannel(Object file, java.nio.channels.FileChannel channel) {
            return channel;
        }

        @Override
        public long fileWriting(Object file, long bytes, boolean overridable) {
            return 0;
        }

        @Override
        public void fileWriteFailed(Object file, long reserved) {
        }

        @Override
        public Object appContext(Object none) {
            return null;
        }

        @Override
        public Object appContextMade(java.lang.invoke.MethodHandles.Lookup contexts) {
            throw new SecurityException("no guest here has an AWT context of its own");
        }

        @Override
        public boolean jdbcDriverRegistering(Object driver, Object action) {
            return false;
        }

        @Override
        public boolean jdbcDriverDeregistering(Object driver) {
            return false;
        }

        @Override
        public Object jdbcConnecting(String url, java.util.Properties info, Class<?> caller) {
            return null;
        }

        @Override
        public Object jdbcDriverFor(String url) {
            return null;
        }

        @Override
        public java.util.List<?> jdbcDrivers(Class<?> caller) {
            return null;
        }

        @Override
        public Object jdbcSetting(String method, Object jvms) {
            return jvms;
        }

        @Override
        public boolean jdbcSettingChanging(String method, Object value) {
            return false;
        }

        @Override
        public boolean jdbcLogging(String message) {
            return false;
        }

        @Override
        public java.lang.management.MemoryUsage heapUsage(java.lang.management.MemoryUsage jvms) {
            return jvms;
        }

        @Override
        public Object runtimeInformation(String method, Object value) {
            return value;
        }

        @Override
        public Map<Thread, StackTraceElement[]> stackTracesListed(Map<Thread, StackTraceElement[]> traces) {
            return traces;
        }

        @Override
        public StackTraceElement[] stackTraceShown(StackTraceElement[] trace) {
            return trace;
        }

        @Override
        public int threadsInGroup(ThreadGroup group, Thread[] list, boolean recurse) {
            return -1;
        }

        @Override
        public int groupsInGroup(ThreadGroup group, ThreadGroup[] list, boolean recurse) {
            return -1;
        }

        @Override
        public boolean threadGroupListing(ThreadGroup group) {
            return false;
        }

        @Override
        public boolean threadGroupActing(ThreadGroup group, String method) {
            return false;
        }

        @Override
        public long[] threadIdsListed(long[] ids) {
            return ids;
        }

        @Override
        public long[] threadIdsAsked(long[] ids) {
            return ids;
        }

        @Override
        public java.lang.management.ThreadInfo[] threadInfosListed(java.lang.management.ThreadInfo[] infos) {
            return infos;
        }

        @Override
        public int threadCountListed(int count, boolean daemon) {
            return count;
        }

        @Override
        public long threadTotalListed(long count, boolean peak) {
            return count;
        }

        @Override
        public boolean threadPeakResetting() {
            return false;
        }

        @Override
        public Runnable processStarting(ProcessBuilder builder) {
            return null;
        }

        @Override
        public void exitRequested(int status, boolean halt) {
        }

        @Override
        public java.lang.invoke.MethodHandle methodHandle(java.lang.invoke.MethodHandle found, Class<?> caller) {
            return found;
        }

        @Override
        public java.io.FileOutputStream descriptorOutput(java.io.FileDescriptor fd, Class<?> caller) {
            return new java.io.FileOutputStream(fd);
        }

        @Override
        public java.io.FileInputStream descriptorInput(java.io.FileDescriptor fd, Class<?> caller) {
            return new java.io.FileInputStream(fd);
        }

        @Override
        public void descriptorOpening(java.io.FileDescriptor fd) {
        }

        @Override
        public void accessChecking(Class<?> caller, Class<?> declaringClass, Object member) {
        }

        @Override
        public java.io.IOException fileFailed(java.io.IOException thrown) {
            return thrown;
        }

        @Override
        public java.nio.file.Path defaultFileSystemPath(java.nio.file.Path path) {
            return path;
        }

        @Override
        public String hostPathShown(String hostPath) {
            return hostPath;
        }

        @Override
        public String workingDirectoryFor() {
            return null;
        }

        @Override
        public String lookupRefused(String host) {
            return null;
        }

        @Override
        public java.util.prefs.Preferences preferencesRoot(boolean user) {
            return null;
        }

        @Override
        public Properties jdkPropertiesFor(boolean shown) {
            return null;
        }

        @Override
        public boolean jvmConfigurationEntered() {
            return false;
        }

        @Override
        public boolean jvmConfigurationRefreshing(Object configuration) {
            return false;
        }

        @Override
        public boolean jvmServiceFileReading(java.net.URL file) {
            return false;
        }

        @Override
        public java.util.concurrent.locks.Lock unsafeAccess(Object base, long offset, char type, Class<?> caller) {
            return null;
        }

        @Override
        public java.util.concurrent.locks.Lock unsafeStore(Object base, long offset, Object value, Class<?> caller) {
            return null;
        }

        @Override
        public java.util.concurrent.locks.Lock unsafeRegion(Object base, long offset, long bytes, Class<?> caller) {
            return null;
        }

        @Override
        public java.util.concurrent.locks.Lock unsafeRegionWritten(Object base, long offset, long bytes, boolean booleans, Class<?> caller) {
            return null;
        }

        @Override
        public void unsafeReserving(long bytes, Class<?> caller) {
        }

        @Override
        public void unsafeUnparking(Object thread, Class<?> caller) {
        }

        @Override
        public void jvisorMemberReached(java.lang.reflect.Member member) {
        }

        @Override
        public Object[] signalHandling(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler) {
            return null;
        }

        @Override
        public boolean signalRaising(java.lang.invoke.MethodHandles.Lookup signals, Object signal) {
            return false;
        }

        @Override
        public void serializationAccess(Class<?> type, java.lang.reflect.Constructor<?> constructor) {
        }

        @Override
        public void unsafeAllocated(long address, long bytes, Class<?> caller) {
        }

        @Override
        public java.util.concurrent.locks.Lock unsafeFreeing(long address, Class<?> caller) {
            return null;
        }

        @Override
        public java.util.concurrent.locks.Lock unsafeResizing(long address, Class<?> caller) {
            return null;
        }

        @Override
        public void unsafeReallocated(long address, long moved, long bytes, Class<?> caller) {
        }

        @Override
        public boolean unsafeCleaning(java.nio.ByteBuffer buffer, Class<?> caller) {
            return true;
        }

        @Override
        public void unsafeField(java.lang.reflect.Field field, Class<?> caller) {
        }

        @Override
        public void unsafeInstance(Class<?> type, Class<?> caller) {
        }

        @Override
        public Map<String, String> jdkEnvironmentFor() {
            return null;
        }

        @Override
        public void jvmConfigurationLeft(boolean entered) {
        }

        @Override
        public Object connectionCacheKey(Object key) {
            return key;
        }

        @Override
        public String defaultCredentialsKey(String jvms) {
            return jvms;
        }

        @Override
        public Object defaultCredentials(Object jvms, Object made) {
            return jvms != null ? jvms : made;
        }

        @Override
        public Object networkDefault(String type, Object jvms) {
            return jvms;
        }

        @Override
        public Object ownTrust(String method) {
            return null;
        }

        @Override
        public void jvmDefaultSslContextMaking() {
        }

        @Override
        public boolean networkDefaultSetting(String type, Object value) {
            return false;
        }

        @Override
        public java.nio.file.Path realPath(java.nio.file.Path path, java.nio.file.LinkOption[] options) {
            return null;
        }

        @Override
        public java.util.Iterator<?> withJdkToolProviders(java.lang.invoke.MethodHandles.Lookup walkLookup, Object walk,
                java.util.Iterator<?> providers) {
            return providers;
        }

        @Override
        public boolean defaultUseCaches(String protocol, boolean jvms) {
            return jvms;
        }

        @Override
        public boolean defaultUseCachesSetting(String protocol, boolean value) {
            return false;
        }

        @Override
        public Object guestPasswordAuthentication(Object[] arguments) {
            return null;
        }

        @Override
        public void managementCalled(String method) {
        }

        @Override
        public void loggerChanging(java.util.logging.Logger logger, Object argument, String method) {
        }

        @Override
        public void logManagerChanging(java.util.logging.LogManager manager, String method) {
        }

        @Override
        public java.util.logging.Logger loggerDemanded(String name, Class<?> caller) {
            return null;
        }

        @Override
        public java.util.logging.Logger julLoggerDemanded(String name, Module module) {
            return null;
        }

        @Override
        public java.util.logging.LogManager logManager(java.util.logging.LogManager jvms) {
            return jvms;
        }

        @Override
        public java.util.logging.Logger globalLogger(java.util.logging.Logger jvms) {
            return jvms;
        }

        @Override
        public void anonymousLoggerMade(java.util.logging.Logger logger) {
        }

        @Override
        public Object[] loggingBeanAsked(String method, String name, String level) {
            return null;
        }

        @Override
        public void mbeanServerChanging(String method, javax.management.MBeanServer server) {
        }

        @Override
        public boolean threadStarting(Thread started) {
            return false;
        }

        @Override
        public void serviceThreadMade(Thread made) {
        }

        @Override
        public void defaultChannelGroupNeeded() {
        }

        @Override
        public void channelGroupMade(java.nio.channels.AsynchronousChannelGroup group) {
        }

        @Override
        public void executorMade(java.util.concurrent.ExecutorService pool) {
        }

        @Override
        public void timerMade(java.util.Timer timer) {
        }

        @Override
        public java.util.List<java.nio.file.spi.FileSystemProvider> installedFileSystemProviders(
                java.util.List<java.nio.file.spi.FileSystemProvider> jvms) {
            return jvms;
        }

        @Override
        public void signalHandled(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler, Object replaced) {
        }

        @Override
        public void resourceOpened(java.io.Closeable opened) {
        }

        @Override
        public void resourceClosed(java.io.Closeable closed) {
        }

        @Override
        public void processStarted(Process process) {
        }

        @Override
        public void processLooking(long pid, boolean itself) {
        }

        @Override
        public void processDestroying(ProcessHandle process) {
        }

        @Override
        public byte[] hiddenClassDefining(Class<?> lookupClass, byte[] classFile) {
            return classFile;
        }

        @Override
        public void classLoaderCreated(ClassLoader loader) {
        }

        @Override
        public boolean assertionStatusChanging(ClassLoader loader, String method) {
            return false;
        }

        @Override
        public void nativeAccess(Class<?> caller, String what) {
        }

        @Override
        public String nativeLibraryFile(Class<?> caller, String file) {
            return file;
        }

        @Override
        public void restrictedMethod(Class<?> caller, String what) {
        }

        @Override
        public ClassLoader classLoaderParent(ClassLoader parent) {
            return parent;
        }

        @Override
        public javax.management.MBeanServer platformMBeanServer(Class<?> caller) {
            return java.lang.management.ManagementFactory.getPlatformMBeanServer();
        }

        @Override
        public java.util.List<javax.management.MBeanServer> mbeanServers(Class<?> caller) {
            return null;
        }

        @Override
        public javax.management.MBeanServer mbeanServerCreated(String domain, Class<?> caller) {
            return null;
        }

        @Override
        public boolean mbeanServerReleased(javax.management.MBeanServer server, Class<?> caller) {
            return false;
        }

        @Override
        public ClassLoader systemClassLoader(Class<?> caller) {
            return ClassLoader.getSystemClassLoader();
        }

        @Override
        public boolean urlHandlerFactorySetting(java.net.URLStreamHandlerFactory factory) {
            return false;
        }

        @Override
        public java.net.URLStreamHandler urlStreamHandler(String protocol) {
            return null;
        }

        @Override
        public void globalStateChanging(String method) {
        }

        @Override
        public java.io.File fileAccess(java.io.File file, boolean write) {
            return file;
        }

        @Override
        public Object[] jdkReflectiveCall(java.lang.reflect.Executable member, Object target, Object[] args) {
            return null;
        }

        @Override
        public java.lang.invoke.MethodHandle jdkMethodHandle(Class<?> lookupClass, java.lang.invoke.MethodHandle found) {
            return found;
        }

        @Override
        public String reverseResolving(java.net.InetAddress address) {
            return null;
        }

        @Override
        public String jdkTemporaryDirectory() {
            return null;
        }

        @Override
        public java.io.File temporaryFileCreating(String prefix, String suffix, java.io.File directory) {
            return null;
        }

        @Override
        public java.nio.file.Path pathAccess(java.nio.file.Path path, boolean write) {
            return path;
        }

        @Override
        public java.nio.file.Path channelAccess(java.nio.file.Path path, java.util.Set<?> options) {
            return path;
        }

        @Override
        public Runnable channelNameReserved(java.nio.file.Path host, java.util.Set<?> options) {
            return null;
        }

        @Override
        public Runnable socketNameReserved(java.nio.file.Path path) {
            return null;
        }

        @Override
        public void jdkPathChanged() {
        }

        @Override
        public boolean ownConnectionsOnly() {
            return false;
        }

        @Override
        public boolean nativeConnectAllowed(String host, int port) {
            return true;
        }

        @Override
        public boolean shutdownHookAdding(Thread hook) {
            return false;
        }

        @Override
        public Boolean shutdownHookRemoving(Thread hook) {
            return null;
        }

        @Override
        public boolean stdioReplacing(int stream, Object replacement) {
            return false;
        }

        /** Reflection reaches the member itself in these tests: the rewriting is tested, not the dispatch. */
        @Override
        public boolean isTrapped(java.lang.reflect.Executable member) {
            return false;
        }

        @Override
        public Object invokeTrapped(java.lang.reflect.Executable member, Object target, Object[] args, Class<?> caller) {
            throw new IllegalStateException("test hypervisor: nothing is trapped by reflection");
        }

        // Files: the host's, unchanged; every access is recorded with its path.

        @Override
        public java.nio.file.FileSystem fileSystem(Class<?> caller) {
            session("fileSystem", caller, null);
            return java.nio.file.FileSystems.getDefault();
        }

        @Override
        public java.io.File hostFile(java.io.File file, boolean write, Class<?> caller) {
            session(write ? "file-write" : "file-read", caller, file.getPath());
            return file;
        }

        @Override
        public void fileCreated(java.io.File host, Class<?> caller) {
        }

        @Override
        public java.util.concurrent.ForkJoinPool commonPool(java.util.concurrent.ForkJoinPool jvms) {
            return jvms;
        }

        @Override
        public java.util.concurrent.Executor asyncPool(Object jvms) {
            return null;
        }

        @Override
        public void securityProviderChanging(java.security.Provider provider, String method) {
        }

        @Override
        public void remoteObjectExported(Object impl) {
        }

        @Override
        public Runnable remoteCallEntered(Object impl) {
            return null;
        }

        @Override
        public java.util.concurrent.Executor virtualThreadScheduler() {
            return null;
        }

        @Override
        public Boolean commonPoolWorkerMaking(java.util.concurrent.ForkJoinPool pool, java.lang.invoke.MethodHandles.Lookup pools) {
            return null;
        }

        @Override
        public void subclassWriting(Class<?> caller) {
            session("subclass-writing", caller, null);
        }

        @Override
        public java.io.File guestFile(java.io.File hostFile, Class<?> caller) {
            return hostFile;
        }

        @Override
        public String absolutePath(String path, Class<?> caller) {
            return new java.io.File(path).getAbsolutePath();
        }

        @Override
        public String temporaryDirectory(Class<?> caller) {
            return System.getProperty("java.io.tmpdir");
        }

        @Override
        public long diskSpaceLeft(Class<?> caller) {
            return Long.MAX_VALUE;
        }

        @Override
        public java.io.FileOutputStream openOutput(java.io.File file, boolean append, Class<?> caller)
                throws java.io.FileNotFoundException {
            return new java.io.FileOutputStream(hostFile(file, true, caller), append);
        }

        @Override
        public java.io.RandomAccessFile openRandomAccess(java.io.File file, String mode, Class<?> caller)
                throws java.io.FileNotFoundException {
            return new java.io.RandomAccessFile(hostFile(file, mode.contains("w"), caller), mode);
        }

        @Override
        public java.nio.channels.FileChannel randomAccessChannel(java.io.RandomAccessFile file, Class<?> caller) {
            return file.getChannel();
        }

        @Override
        public IOException guestException(IOException e, Class<?> caller) {
            return e;
        }
    }
}
