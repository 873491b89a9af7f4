package io.jvisor.hooks;

import java.io.Console;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.nio.channels.Channel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the hypervisor does when rewritten guest code traps. One method per trap entry point of
 * {@link Traps}; each receives the arguments of the privileged call it replaces (the receiver
 * first for instance methods) and the class whose code made the call, which identifies the guest.
 *
 * <p>An implementation decides by the guest's policy: it performs the operation on the guest's
 * virtual devices, or throws the exception a program expects when the operation is refused. It
 * must deny (never perform) an operation whose caller it cannot attribute to a guest.
 */
public interface TrapHandler {

    /**
     * Binds a call site of rewritten code for a trap the catalog binds per class, once, at its first
     * call (see {@link Traps#bind}). Every call of the site must behave as {@code trap} would: the
     * same decision, the same audit record, the same result or exception; a handler binds the site
     * to the guest of {@code caller} where that guest, and what it decides, cannot change without
     * the site noticing, and may leave it to find the guest at each call.
     *
     * @param caller the class holding the site
     * @param hook   the name of the trap in {@link Traps}
     * @param trap   the trap with {@code caller} as its calling class: what each call of the site may
     *               always do (it refuses a caller of no guest)
     * @return a call site of {@code trap}'s type, never {@code null}; by default one that calls
     *         {@code trap}
     */
    default CallSite bind(Class<?> caller, String hook, MethodHandle trap) {
        return new ConstantCallSite(trap);
    }

    /** {@code System.exit(status)}; returns only if the policy lets the call fall through. */
    void exit(int status, Class<?> caller);

    /** {@code Runtime.halt(status)}: ends the guest without running its shutdown hooks. */
    void halt(int status, Class<?> caller);

    /** {@code Runtime.addShutdownHook(hook)}. */
    void addShutdownHook(Thread hook, Class<?> caller);

    /** {@code Runtime.removeShutdownHook(hook)}. */
    boolean removeShutdownHook(Thread hook, Class<?> caller);

    /**
     * {@code Runtime.maxMemory()}: the most heap the caller's guest may use, its live-heap limit
     * where that is below the JVM's.
     */
    long maxMemory(Class<?> caller);

    /** {@code Runtime.totalMemory()}: the heap the caller's guest has now, no more than its {@link #maxMemory}. */
    long totalMemory(Class<?> caller);

    /** {@code Runtime.freeMemory()}: what of its {@link #totalMemory} the caller's guest does not hold. */
    long freeMemory(Class<?> caller);

    /**
     * A read of the deprecated field {@code Logger.global}: the global logger of the caller's
     * guest's own loggers, or the JVM's where the guest's loggers are the JVM's; never {@code null}.
     */
    java.util.logging.Logger globalLoggerField(Class<?> caller);

    /** A read of {@code System.out}: the guest's standard output, never {@code null}. */
    PrintStream stdout(Class<?> caller);

    /** A read of {@code System.err}: the guest's standard error, never {@code null}. */
    PrintStream stderr(Class<?> caller);

    /** A read of {@code System.in}: the guest's standard input, never {@code null}. */
    InputStream stdin(Class<?> caller);

    /** {@code System.setOut(out)}: replaces the guest's standard output only. */
    void setOut(PrintStream out, Class<?> caller);

    /** {@code System.setErr(err)}: replaces the guest's standard error only. */
    void setErr(PrintStream err, Class<?> caller);

    /** {@code System.setIn(in)}: replaces the guest's standard input only. */
    void setIn(InputStream in, Class<?> caller);

    /** {@code System.console()}: the guest's interactive console, or {@code null} if it has none. */
    Console console(Class<?> caller);

    /** {@code System.inheritedChannel()}: the channel the guest inherited, or {@code null}. */
    Channel inheritedChannel(Class<?> caller);

    /**
     * Entered at the start of every exception handler that could catch the end of a guest
     * ({@code catch (Throwable)}, {@code catch (Error)}): rethrows if the caller's guest has ended,
     * so that guest code cannot swallow its own exit.
     */
    void handlerEntered(Class<?> caller);

    /**
     * The safepoint that rewritten code of the caller's class polls: its guest's, or
     * {@link Safepoint#NONE} for code that the hypervisor does not stop.
     */
    Safepoint safepointOf(Class<?> caller);

    /**
     * The guest's own system properties, after its policy allowed reading them (or, with
     * {@code write}, changing them). Never the host's object, never {@code null}.
     */
    Properties properties(boolean write, Class<?> caller);

    /** {@code System.setProperties(props)}: replaces the guest's properties ({@code null}: its initial ones). */
    void setProperties(Properties props, Class<?> caller);

    /** {@code System.getenv()}: the guest's environment, unmodifiable, never {@code null}. */
    Map<String, String> environment(Class<?> caller);

    /** {@code ProcessBuilder.start()}, and {@code Runtime.exec} through it. */
    Process startProcess(ProcessBuilder builder, Class<?> caller) throws IOException;

    /** {@code ProcessBuilder.environment()}: the builder's map, starting as the guest's environment. */
    Map<String, String> processEnvironment(ProcessBuilder builder, Class<?> caller);

    /** {@code ProcessBuilder.startPipeline(builders)}. */
    List<Process> startPipeline(List<ProcessBuilder> builders, Class<?> caller) throws IOException;

    /**
     * Called by the guard inside {@code Runtime.exit} and {@code Runtime.halt}, for every caller,
     * the host's included: an exit that reaches the JDK without passing a trap (by reflection, a
     * method handle, a dynamic language's runtime). Returns to let the exit proceed; for a guest
     * it decides and ends the guest as the trap would, and does not return.
     *
     * @param status the exit status
     * @param halt   {@code true} for {@code Runtime.halt}
     */
    /**
     * A method handle that guest code looked up ({@code MethodHandles.Lookup.find*},
     * {@code unreflect*}): for a trapped JDK member, a handle of the same type to its trap (bound
     * to the caller); for any other, the handle found.
     *
     * @throws IllegalAccessException if the policy refuses method handles, or the member is one of
     *                                jvisor's own entry points
     */
    java.lang.invoke.MethodHandle methodHandle(java.lang.invoke.MethodHandle found, Class<?> caller) throws IllegalAccessException;

    /**
     * Called by the guard of {@code Lookup.defineHiddenClass}: the class file rewritten as any
     * guest class is if the lookup class is a guest's, else the same bytes.
     *
     * @throws ClassFormatError if a guest's class file cannot be rewritten (it is not defined)
     */
    byte[] hiddenClassDefining(Class<?> lookupClass, byte[] classFile);

    /** Called by the guard of {@code ClassLoader}'s constructor: a loader a guest made is that guest's. */
    void classLoaderCreated(ClassLoader loader);

    /**
     * Called by the guard of a class loader's setters of assertion status, {@code method} named
     * "class.name".
     *
     * @return whether the setting is skipped: a guest's of a loader not its own (the JVM's platform
     *         or application loader, the host's, another guest's) where its policy does not allow
     *         global-state changes (the refusal is audited; no exception, as test runners set the
     *         platform loader's assertions as a matter of course)
     */
    boolean assertionStatusChanging(ClassLoader loader, String method);

    /**
     * Called by the guard as {@code ClassLoader}'s constructor begins, for every loader made with the
     * JVM's system class loader for parent (as every one made without a parent is).
     *
     * @return the parent the loader gets: for one a guest makes, the guest's own system class
     *         loader; else {@code parent}
     */
    ClassLoader classLoaderParent(ClassLoader parent);

    /**
     * {@code ManagementFactory.getPlatformMBeanServer()} of a guest's code: a hosted guest's own,
     * over the JVM's; the application's, the JVM's.
     *
     * @throws SecurityException if its policy refuses it
     */
    javax.management.MBeanServer platformMBeanServer(Class<?> caller);

    /**
     * The MBean servers {@code MBeanServerFactory.findMBeanServer} lists for a guest's code.
     *
     * @return a hosted guest's own platform server and those it made by {@code createMBeanServer}
     *         and has not released; {@code null} for the application, whose are the JVM's list
     * @throws SecurityException if its policy refuses a look at them
     */
    java.util.List<javax.management.MBeanServer> mbeanServers(Class<?> caller);

    /**
     * {@code MBeanServerFactory.createMBeanServer} of a guest's code: a hosted guest's server goes
     * in a list of its own, which its {@code findMBeanServer} lists and no other program's does.
     *
     * @param domain the default domain asked for, {@code null} for the JDK's
     * @return a hosted guest's new server, in its own list; {@code null} for the application, whose server goes in the JVM's list
     */
    javax.management.MBeanServer mbeanServerCreated(String domain, Class<?> caller);

    /**
     * {@code MBeanServerFactory.releaseMBeanServer} of a guest's code.
     *
     * @return whether the server left a hosted guest's own list; {@code false} for the application, whose list is the JVM's
     * @throws IllegalArgumentException if a hosted guest's list has no such server, as the JVM's would say
     */
    boolean mbeanServerReleased(javax.management.MBeanServer server, Class<?> caller);

    /**
     * {@code ClassLoader.getSystemClassLoader()} of a guest's code: its own loader, the loader of its
     * class path.
     *
     * @throws SecurityException if its policy refuses it
     */
    ClassLoader systemClassLoader(Class<?> caller);

    /**
     * Called by the guards where a native library is loaded by its name.
     *
     * @param caller the class that asked (a guest's class is decided by its policy)
     * @throws SecurityException if refused
     */
    void nativeAccess(Class<?> caller, String what);

    /**
     * Called by the guards where a native library is loaded by its path.
     *
     * @param caller the class that asked (a guest's class is decided by its policy)
     * @param file   the path the program gave
     * @return the path the JVM is to load: a guest's path mapped to its disk's file on the host, as
     *         its policy allows reading it; else {@code file}
     * @throws SecurityException if refused
     */
    String nativeLibraryFile(Class<?> caller, String file);

    /**
     * Called by the guard where the JDK checks that a restricted method of the foreign-function API
     * may run (JDK 22 and later).
     *
     * @param caller the class that called the restricted method (a guest's class is decided by its policy)
     * @throws IllegalCallerException if refused: what the JDK throws to a module without native
     *                                access, which programs written for that API expect
     */
    void restrictedMethod(Class<?> caller, String what);

    /**
     * Called by the guards where reflection is made accessible ({@code setAccessible},
     * {@code trySetAccessible}) and where a private lookup is made ({@code privateLookupIn}): a
     * guest may open up neither jvisor's classes nor {@code sun.misc.Unsafe} (unless its policy
     * allows native code), but for {@code Unsafe.theUnsafe} and its public members, whose every
     * use its traps check.
     *
     * @param member the member made accessible; {@code null} for a private lookup
     * @throws SecurityException if refused
     */
    void accessChecking(Class<?> caller, Class<?> declaringClass, Object member);

    /**
     * Called by the guards of the JVM's management entry points that act natively (diagnostic
     * commands, heap dumps, VM flags, attaching to a JVM); a guest's call is decided as native code.
     *
     * @throws SecurityException if refused
     */
    void managementCalled(String method);

    /**
     * Called by the guards of the file streams', channels' and sockets' constructors once one is
     * made: one a guest's thread made is the guest's, counted against its open files and closed
     * when it ends; throws (an {@code IOException}, though undeclared, after closing it) to refuse it.
     */
    void resourceOpened(java.io.Closeable opened);

    /**
     * Called by the guards of what cannot say whether it is open (a directory stream) once it has
     * been closed, on whichever thread closed it: it no longer counts against its guest's open files.
     */
    void resourceClosed(java.io.Closeable closed);

    /**
     * Called by the guard of {@code Thread.start()} on the starting thread: a thread a guest starts
     * is its.
     *
     * @return {@code true} for a thread the JDK starts for every program, which is to forget the
     * inheritable thread-local values it took from the program whose call made it
     */
    boolean threadStarting(Thread started);

    /**
     * Called with a thread the RMI runtime made for itself (to accept, serve and collect for every
     * program's remote objects), on the thread that made it: it is the JVM's, whoever's call made it.
     */
    void serviceThreadMade(Thread made);

    /**
     * Called by the guard where the JDK looks up, and first makes, the JVM's default group of
     * asynchronous channels, on the thread that needs it: the group's threads are those of
     * whichever thread makes it, and they are the host's, never a guest's.
     */
    void defaultChannelGroupNeeded();

    /**
     * Called by the guard of the constructor of every group of asynchronous channels once one is
     * made: one a guest's thread made (not the JVM's default group) is the guest's, counted as a
     * file it holds open, shut down when it ends, which wakes the group's threads where they wait
     * for events and ends them; throws (an {@code IOException}, though undeclared) to refuse it.
     */
    void channelGroupMade(java.nio.channels.AsynchronousChannelGroup group);

    /**
     * Called by the guards of the constructors of the pools of threads once one is made: one a
     * guest's code made is the guest's, shut down when it ends, whose idle workers the JDK parks
     * again whatever interrupts them.
     */
    void executorMade(java.util.concurrent.ExecutorService pool);

    /**
     * Called by the guard of {@code java.util.Timer}'s constructor once one is made: one a guest's
     * code made is the guest's, cancelled when it ends, whose thread waits for tasks where no
     * interrupt ends it.
     */
    void timerMade(java.util.Timer timer);

    /**
     * Called by the guard of {@code FileSystemProvider.installedProviders()}: for a hosted guest,
     * {@code jvms} and the providers of the guest's own class path (of schemes not among them), as
     * the JDK finds a program's on the system class loader's; else {@code jvms}.
     */
    java.util.List<java.nio.file.spi.FileSystemProvider> installedFileSystemProviders(
            java.util.List<java.nio.file.spi.FileSystemProvider> jvms);

    /**
     * Called once a signal handler was installed (see {@link Guards#signalHandled}): one a hosted
     * guest installed is replaced by the one it replaced when the guest ends, if it is still there.
     */
    void signalHandled(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler, Object replaced);

    /**
     * Called as a signal handler is to be installed (see {@link Guards#signalHandling}): a guest
     * whose policy does not allow global-state installs it among its own signals.
     *
     * @return {@code null} to install it for the JVM's process; else the guest's handler it
     *         replaced, in an array of one
     * @throws IllegalArgumentException for a signal the JVM keeps for itself, as the JDK's
     */
    Object[] signalHandling(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler);

    /**
     * Called as a signal is to be raised (see {@link Guards#signalRaising}): a guest whose policy
     * does not allow global-state raises it among its own signals.
     *
     * @return whether it did, and the JVM's process is not to be signalled
     * @throws IllegalArgumentException for a signal the guest has no handler of, as the JDK's
     */
    boolean signalRaising(java.lang.invoke.MethodHandles.Lookup signals, Object signal);

    /** Called by the guard of {@code ProcessBuilder} when a process has started: one a guest started is its. */
    void processStarted(Process process);

    /**
     * Called by the guards where a process handle is looked up ({@code ProcessHandle.of}) or
     * processes listed ({@code allProcesses}, {@code children}, {@code descendants}, {@code parent}):
     * a guest looks at the processes it started (and, if {@code itself}, at the JVM's own); at any
     * other only as its policy allows processes.
     *
     * @param pid    the process looked up, or whose relatives are listed (0: every process)
     * @throws SecurityException if refused
     */
    void processLooking(long pid, boolean itself);

    /**
     * Called by the guard where every process is destroyed: a guest may destroy the processes it
     * started; any other (another program's, the host's) only as its policy allows processes.
     *
     * @throws SecurityException if refused
     */
    void processDestroying(ProcessHandle process);

    // ---- defaults a guest sets for itself: its default locale, time zone and uncaught-exception handler ----

    /**
     * Called by the guards as {@code Locale.getDefault()} and {@code getDefault(Category)} return,
     * on every call of every thread, the JDK's own formatting included: it must cost the host next
     * to nothing.
     *
     * @param category {@code null} for {@code getDefault()}
     * @return the default of the guest the calling thread works for, if it set one; else {@code jvms}
     */
    java.util.Locale defaultLocale(java.util.Locale.Category category, java.util.Locale jvms);

    /**
     * Called by the guards of {@code Locale.setDefault(Locale)} ({@code category} {@code null}) and
     * {@code setDefault(Category, Locale)}, for every caller.
     *
     * @return {@code true} if a guest's own default was set instead; {@code false} to let the JDK proceed
     * @throws SecurityException if the guest's policy refuses it
     */
    boolean defaultLocaleSetting(java.util.Locale.Category category, java.util.Locale locale);

    /**
     * Called by the guard as {@code TimeZone.getDefaultRef()} returns, where {@code getDefault()} and
     * the JDK's calendars and dates read the default time zone; as cheap as {@link #defaultLocale}.
     *
     * @return the default of the guest the calling thread works for, if it set one; else {@code jvms}
     */
    java.util.TimeZone defaultTimeZone(java.util.TimeZone jvms);

    /** {@link #defaultLocaleSetting} for {@code TimeZone.setDefault(TimeZone)}. */
    boolean defaultTimeZoneSetting(java.util.TimeZone zone);

    /**
     * Called by the guard as {@code Thread.getDefaultUncaughtExceptionHandler()} returns, for every caller.
     *
     * @return for a guest, the default handler it set for itself, {@code null} if none; else {@code jvms}
     */
    Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler jvms);

    /** {@link #defaultLocaleSetting} for {@code Thread.setDefaultUncaughtExceptionHandler}. */
    boolean defaultUncaughtExceptionHandlerSetting(Thread.UncaughtExceptionHandler handler);

    /**
     * Called by the guard of {@code URL.setURLStreamHandlerFactory}, for every caller.
     *
     * @return {@code true} if a guest's own factory was set instead; {@code false} to let the JDK proceed
     * @throws SecurityException if the guest's policy refuses it
     * @throws Error as the JDK's, if the guest has a factory already
     */
    boolean urlHandlerFactorySetting(java.net.URLStreamHandlerFactory factory);

    /**
     * Called by the guard of {@code URL.getURLStreamHandler}, where every {@code URL} made without a
     * handler finds one: for every URL of every thread, so it must cost the host next to nothing.
     *
     * @return the handler the guest the calling thread works for named for the protocol itself
     *         (by its own factory, providers on its class path or handler packages); else
     *         {@code null}, for the JDK's
     */
    java.net.URLStreamHandler urlStreamHandler(String protocol);

    /**
     * Called by the guard of {@code ThreadGroup.uncaughtException}, where a thread's death arrives
     * in a thread group of the JDK's (a guest's own group has its own), on the dying thread.
     *
     * @return {@code true} if the thread is a guest's, whose exception went where its own group
     *         would send it (the guest's default handler, else its standard error); {@code false}
     *         to let the JDK proceed
     */
    boolean uncaughtException(Thread thread, Throwable error);

    /**
     * Called as the JVM hands a thread's death to its uncaught-exception handler: {@code true} for
     * a thread of a guest whose code was stopped, dying of the guest's unwinding, whose handler (the
     * guest's code) is not to run.
     */
    boolean uncaughtUnwinding(Thread thread, Throwable error);

    // ---- the JVM's process, as a guest sees it: its own command line and properties ----

    /**
     * Called by the guard as {@code ProcessHandle.Info} of a process is read, for every caller.
     *
     * @return what the caller sees: for a guest, of the JVM's own process, its own command line
     * @throws SecurityException if the guest's policy refuses it
     */
    ProcessHandle.Info processInfo(ProcessHandle process, ProcessHandle.Info info);

    /**
     * Called by the guards as the JVM's {@code RuntimeMXBean} returns its options, class path,
     * library path or system properties, for every caller.
     *
     * @param method the {@code RuntimeMXBean} method, such as {@code getInputArguments}
     * @return what the caller sees: for a guest, its own
     * @throws SecurityException if the guest's policy refuses it
     */
    Object runtimeInformation(String method, Object value);

    // ---- the JVM's security providers: a hosted guest changes its own list ----

    /**
     * Called at the end of the JDK's {@code Providers.getSystemProviderList()}, where every JCA
     * look-up and {@code Security.getProviders} read the JVM's list, for every caller.
     *
     * @param jvms the JVM's list (a {@code sun.security.jca.ProviderList})
     * @return the list the caller sees: a hosted guest's own, once it changed it; else {@code jvms}
     */
    Object securityProviders(Object jvms);

    /**
     * Called at the start of the JDK's {@code Providers.setSystemProviderList}, for every caller.
     *
     * @return {@code true} if the list became a hosted guest's own; {@code false} to let the JDK set the JVM's
     */
    boolean securityProvidersSetting(Object list);

    /**
     * Called at the start of {@code Security.addProvider}, {@code insertProviderAt} and
     * {@code removeProvider}: a hosted guest changes its own list, decided as a change of its
     * properties; anyone else's call is decided as {@link #globalStateChanging}.
     *
     * @throws SecurityException if refused
     */
    void securityProvidersChanging(String method);

    /**
     * Called at the start of a public method that changes a security provider's entries
     * ({@code put}, {@code remove}, {@code clear}, {@code load} and the others of its map): a
     * provider not of the calling guest's own class (the JDK's, which the JVM makes once for every
     * program's list, the host's, another guest's) is changed by a guest only as
     * {@link #globalStateChanging}; a provider being made, and the host's changes, pass.
     *
     * @param method the method, as {@code Class.method}
     * @throws SecurityException if refused
     */
    void securityProviderChanging(java.security.Provider provider, String method);

    /**
     * Called at the start of the getters of what the JDK keeps one of for the JVM and a hosted guest
     * has its own of ({@code IIORegistry.getDefaultInstance()}, {@code StyleContext.getDefaultStyleContext()}),
     * for every caller.
     *
     * @param none what to answer a hosted guest that has none yet
     * @return a hosted guest's own, or {@code none}; {@code null} for the JVM's
     */
    Object ownSingleton(Class<?> type, Object none);

    /**
     * Keeps the object of a kind made for the calling hosted guest.
     *
     * @return the guest's: {@code made}, or the one another of its threads made first
     */
    Object ownSingletonMade(Class<?> type, Object made);

    /**
     * Called at the start of {@code sun.awt.AppContext.getAppContext()}, for every caller.
     *
     * @param none what to answer a hosted guest that has no context yet
     * @return a hosted guest's own context, or {@code none}; {@code null} for the JVM's
     */
    Object appContext(Object none);

    /**
     * Makes and keeps the AWT context of the calling hosted guest.
     *
     * @param contexts the full-privilege lookup of {@code sun.awt.AppContext}
     * @return the guest's context: the one made now, or the one another of its threads made first
     * @throws SecurityException if {@code contexts} is not that lookup, or the caller is no hosted guest
     */
    Object appContextMade(java.lang.invoke.MethodHandles.Lookup contexts);

    /**
     * Called as {@code ForkJoinPool.commonPool()} returns, for every caller.
     *
     * @param jvms the JVM's common pool
     * @return the common pool of the hosted guest whose thread calls, made at its first use; else {@code jvms}
     */
    java.util.concurrent.ForkJoinPool commonPool(java.util.concurrent.ForkJoinPool jvms);

    /**
     * Called as a fork-join pool begins to make a worker: for the JVM's common pool on a hosted
     * guest's thread, makes it on a thread of the hypervisor's, in the host's group.
     *
     * @param pools the full-privilege lookup of {@code ForkJoinPool}
     * @return whether the worker was made so, the pool's own code skipped; {@code null} where the
     *         pool's own code makes it
     * @throws SecurityException if {@code pools} is not that lookup
     */
    Boolean commonPoolWorkerMaking(java.util.concurrent.ForkJoinPool pool, java.lang.invoke.MethodHandles.Lookup pools);

    /**
     * Called by {@code CompletableFuture}'s methods that use its default executor.
     *
     * @param jvms the JVM's default executor of asynchronous tasks
     * @return the calling hosted guest's common pool where {@code jvms} is the JVM's common pool; else {@code null}
     */
    java.util.concurrent.Executor asyncPool(Object jvms);

    /**
     * Called as a virtual thread is made without a scheduler (JDK 21 and later), on the making thread.
     *
     * @return the scheduler of the calling hosted guest's virtual threads, made at its first use;
     *         {@code null} for the JVM's default scheduler (the host's threads, a container's)
     */
    java.util.concurrent.Executor virtualThreadScheduler();

    /**
     * Called as RMI exports a remote object ({@code UnicastServerRef.exportObject}), on the
     * exporting thread: one a hosted guest exports is its. Typed {@code Object}: hooks' loader sees
     * no {@code java.rmi}.
     */
    void remoteObjectExported(Object impl);

    /**
     * Called as RMI dispatches a call of a remote object, on the thread that serves it (one the
     * JDK shares between programs): a hosted guest's object's call is the guest's own work, whose
     * decisions and views are its own, whoever calls.
     *
     * @return what ends that, once the call is served; {@code null} for an object of no guest's
     */
    Runnable remoteCallEntered(Object impl);

    // ---- JDBC's DriverManager, one for the JVM: a hosted guest's is its own. Its types are Object
    // here: java.sql belongs to the platform loader, which the bootstrap loader of hooks cannot see ----

    /**
     * Called by the guard of {@code DriverManager.registerDriver}, for every driver.
     *
     * @return {@code true} if the driver is a hosted guest's class, and was registered with that
     *         guest's own; {@code false} to let the JDK register it with the JVM's
     */
    boolean jdbcDriverRegistering(Object driver, Object action);

    /**
     * Called by the guard of {@code DriverManager.deregisterDriver}, for every caller.
     *
     * @return {@code true} if it was the calling guest's to let go of (done), {@code false} for the JDK's
     * @throws Exception the {@code SQLException} the driver's action throws
     */
    boolean jdbcDriverDeregistering(Object driver) throws Exception;

    /**
     * Called where every {@code DriverManager.getConnection} arrives, for every caller.
     *
     * @param caller the class that called {@code getConnection}, as the JDK found it
     * @return on a hosted guest's behalf, a connection of one of its own drivers, never
     *         {@code null}; {@code null} to let the JDK connect
     * @throws Exception the {@code SQLException} the JDK's would throw: no driver of the guest's takes the URL, or one failed
     */
    Object jdbcConnecting(String url, java.util.Properties info, Class<?> caller) throws Exception;

    /**
     * Called by the guard of {@code DriverManager.getDriver}, for every caller.
     *
     * @return on a hosted guest's behalf, its own driver of the URL; {@code null} to let the JDK look
     * @throws Exception the {@code SQLException} of a URL no driver of the guest's takes
     */
    Object jdbcDriverFor(String url) throws Exception;

    /**
     * Called where {@code DriverManager.getDrivers()} and {@code drivers()} arrive, for every caller.
     *
     * @return on a hosted guest's behalf, its own drivers that the caller may use; {@code null} for the JDK's
     */
    java.util.List<?> jdbcDrivers(Class<?> caller);

    /**
     * Called at the end of {@code DriverManager.getLoginTimeout()}, {@code getLogWriter()} and
     * {@code getLogStream()}, for every caller.
     *
     * @param method the getter's name
     * @param jvms   the JVM's setting
     * @return what the caller sees: a hosted guest, its own
     */
    Object jdbcSetting(String method, Object jvms);

    /**
     * Called at the start of {@code DriverManager.setLoginTimeout}, {@code setLogWriter} and
     * {@code setLogStream}, for every caller.
     *
     * @return {@code true} if a hosted guest set its own; {@code false} to let the JDK set the JVM's
     * @throws SecurityException if the caller may not change the JVM's
     */
    boolean jdbcSettingChanging(String method, Object value);

    /**
     * Called at the start of {@code DriverManager.println}, for every caller.
     *
     * @return {@code true} if a hosted guest's own log took the line; {@code false} for the JVM's
     */
    boolean jdbcLogging(String message);

    /**
     * Called by the guard at the end of the JVM's {@code MemoryMXBean.getHeapMemoryUsage()}, for
     * every caller.
     *
     * @param jvms the JVM's heap
     * @return what the caller sees: a guest with a live-heap limit, its own heap as its
     *         {@link #maxMemory}, {@link #totalMemory} and {@link #freeMemory} show it; else {@code jvms}
     */
    java.lang.management.MemoryUsage heapUsage(java.lang.management.MemoryUsage jvms);

    // ---- the JVM's threads, as a guest sees them: its own ----

    /**
     * Called by the guard as {@code Throwable.getOurStackTrace()} returns, where every stack trace
     * is read, for every caller: must cost next to nothing.
     *
     * @return the frames to show: without those of jvisor's that a guest's code has where natively
     *         it has none (the bridges of its rewritten classes, the hypervisor's below its main)
     */
    StackTraceElement[] stackTraceShown(StackTraceElement[] trace);

    /**
     * Called by the guard as {@code Thread.getAllStackTraces()} returns, for every caller.
     *
     * @return the map the caller sees: for a guest, the entries of its own threads only
     * @throws SecurityException if the guest's policy refuses it
     */
    Map<Thread, StackTraceElement[]> stackTracesListed(Map<Thread, StackTraceElement[]> traces);

    /**
     * Called by the guards of {@code ThreadGroup.activeCount()} and {@code enumerate(Thread[]...)},
     * for every caller: a guest that looks beyond its own thread group counts and lists its own
     * threads only.
     *
     * @param list    the array to fill, {@code null} to count
     * @param recurse whether the subgroups' threads count too
     * @return {@code -1} to let the JDK proceed; else the count (of the threads put in {@code list})
     * @throws SecurityException if the guest's policy refuses it
     */
    int threadsInGroup(ThreadGroup group, Thread[] list, boolean recurse);

    /** {@link #threadsInGroup} for {@code activeGroupCount()} and {@code enumerate(ThreadGroup[]...)}: the guest's own groups. */
    int groupsInGroup(ThreadGroup group, ThreadGroup[] list, boolean recurse);

    /**
     * Called by the guard of {@code ThreadGroup.list()}, for every caller.
     *
     * @return {@code true} if a guest's view (the group and the guest's threads in it) has been
     *         printed instead; {@code false} to let the JDK proceed
     */
    boolean threadGroupListing(ThreadGroup group);

    /**
     * Called by the guards of {@code ThreadGroup}'s methods that act on a group's threads or on the
     * group ({@code interrupt}, {@code stop}, {@code suspend}, {@code resume}, {@code setMaxPriority},
     * {@code setDaemon}, {@code destroy}), for every caller: a guest acts beyond its own thread group
     * on its own threads only.
     *
     * @return {@code true} if a guest's {@code interrupt} of a group above its own has interrupted its
     *         own threads there instead; {@code false} to let the JDK proceed
     * @throws SecurityException if the guest's policy refuses it
     */
    boolean threadGroupActing(ThreadGroup group, String method);

    /**
     * Called by the guards as the JVM's {@code ThreadMXBean} lists thread ids ({@code getAllThreadIds},
     * the deadlocked threads), for every caller.
     *
     * @return the ids the caller sees: for a guest, its own threads' among them
     */
    long[] threadIdsListed(long[] ids);

    /**
     * Called by the guards as the JVM's {@code ThreadMXBean} is asked about threads by id: the ids
     * to look up, with another program's threads' made ids of no thread (whose information is
     * {@code null}, as for a thread that has ended) for a guest.
     */
    long[] threadIdsAsked(long[] ids);

    /** Called by the guard as {@code ThreadMXBean.dumpAllThreads} returns: for a guest, its own threads'. */
    java.lang.management.ThreadInfo[] threadInfosListed(java.lang.management.ThreadInfo[] infos);

    /**
     * Called by the guards as {@code ThreadMXBean.getThreadCount()} and {@code getDaemonThreadCount()}
     * return: for a guest, the count of its own live (daemon) threads.
     */
    int threadCountListed(int count, boolean daemon);

    /**
     * Called by the guards as {@code ThreadMXBean.getPeakThreadCount()} and
     * {@code getTotalStartedThreadCount()} return: for a guest, its own peak, or the number of
     * threads started for it.
     */
    long threadTotalListed(long count, boolean peak);

    /**
     * Called by the guard as {@code ThreadMXBean.resetPeakThreadCount()} is entered: for a guest,
     * resets its own peak and returns {@code true}, so that the JVM's stays as it is.
     */
    boolean threadPeakResetting();

    /**
     * Called by the guards of the MBean servers (register, unregister, set, invoke): a guest's call
     * on a server the JVM keeps for every program (the platform server, any that
     * {@code MBeanServerFactory.createMBeanServer} made) is decided as JVM-wide state; the JDK's own
     * (the platform's MXBeans) passes, and so does any call on a server that a program made for
     * itself ({@code newMBeanServer}).
     *
     * @param server the server called, {@code null} if unknown
     * @throws SecurityException if refused
     */
    void mbeanServerChanging(String method, javax.management.MBeanServer server);

    /**
     * Called by the guards of {@code java.util.logging.Logger}'s configuring methods, with the
     * method's one argument (for {@code setParent}, the new parent): a guest configures its own
     * loggers only, and one of the JVM's (the root logger's is everyone's) as JVM-wide state.
     *
     * @throws SecurityException if refused
     */
    void loggerChanging(java.util.logging.Logger logger, Object argument, String method);

    /**
     * Called by the guards of {@code LogManager}'s configuring methods: a guest's own manager is its
     * own to configure; the JVM's is JVM-wide state.
     *
     * @throws SecurityException if refused
     */
    void logManagerChanging(java.util.logging.LogManager manager, String method);

    /**
     * Called by the guard where {@code Logger.getLogger} finds or makes a named logger for {@code
     * caller}: the guest's own logger of that name, or {@code null} for the JVM's.
     */
    java.util.logging.Logger loggerDemanded(String name, Class<?> caller);

    /**
     * Called by the guard where {@code System.getLogger} (the JDK's {@code LoggerFinder}) finds its
     * {@code java.util.logging} logger for {@code module}: the guest's own, or {@code null} for the JVM's.
     */
    java.util.logging.Logger julLoggerDemanded(String name, Module module);

    /** Called by the guard as {@code LogManager.getLogManager()} returns: a guest's own manager, else {@code jvms}. */
    java.util.logging.LogManager logManager(java.util.logging.LogManager jvms);

    /** Called by the guard as {@code Logger.getGlobal()} returns: a guest's own global logger, else {@code jvms}. */
    java.util.logging.Logger globalLogger(java.util.logging.Logger jvms);

    /** Called by the guard as {@code Logger.getAnonymousLogger} returns: a guest's is moved under its own root logger. */
    void anonymousLoggerMade(java.util.logging.Logger logger);

    /**
     * Called by the guard as the JVM's logging MXBean is asked ({@code getLoggerNames},
     * {@code getLoggerLevel}, {@code getParentLoggerName}, {@code setLoggerLevel}, by their name):
     * for a guest, the answer of its own loggers, as the one element of an array (whose element is
     * {@code null} for an answer {@code null}, and for {@code setLoggerLevel} once done); {@code null}
     * where the JVM's answer stands.
     *
     * @throws IllegalArgumentException as the JDK's, for a guest's own logger it does not have or a level it does not know
     */
    Object[] loggingBeanAsked(String method, String name, String level);

    /**
     * Called by the guards of JVM-wide setters; a guest's call is decided by its policy.
     *
     * @throws SecurityException if refused
     */
    void globalStateChanging(String method);

    /**
     * Called by the guards where the JDK opens or changes a file by a {@code java.io.File}, on any
     * thread: on behalf of a guest (JDK code given a guest's file name, a method handle, a class
     * that was not rewritten), the file as the guest's disk and policy make it; for the host, the
     * same file.
     *
     * @throws IOException the {@code FileNotFoundException} (or other) of a refused access
     */
    File fileAccess(File file, boolean write) throws IOException;

    /**
     * Called as a file stream or random access file opens a file for writing, after
     * {@link #fileAccess}: for a file the JDK opens for a guest on its disk, what counts its writes
     * against the disk's quota; else {@code null}. A file the opening creates has its name counted.
     *
     * @throws FileNotFoundException "PATH (No space left on device)", if the quota has no room for that name
     */
    Object fileWriteMeter(File file, boolean truncates) throws FileNotFoundException;

    /** Called once the file is open, with {@link #fileWriteMeter}'s meter. */
    void fileWriteMetered(Object file, Object meter);

    /**
     * Called at each write of a file stream or random access file, on any thread.
     *
     * @return the bytes reserved on the quota of the file's disk, 0 where nothing meters the file
     * @throws IOException if the quota leaves no room
     */
    long fileWriting(Object file, long bytes, boolean overridable) throws IOException;

    /** Called when a write that {@link #fileWriting} reserved for failed. */
    void fileWriteFailed(Object file, long reserved);

    /**
     * {@code File.delete()} of a file the trap decided the guest may change: on its disk, through
     * its disk's file system, so that the quota gets the file's room back.
     *
     * @return whether it was deleted, as {@code File.delete()}
     */
    boolean fileDelete(File file, Class<?> caller);

    /** {@code File.mkdir()}, or {@code mkdirs()} with {@code parents}, as {@link #fileDelete}: a directory costs its room. */
    boolean fileMakeDirectory(File file, boolean parents, Class<?> caller);

    /** {@code File.renameTo(File)}, as {@link #fileDelete}: a file renamed onto the disk from a mount costs its room. */
    boolean fileRename(File from, File to, Class<?> caller);

    /**
     * Called after {@code java.io}'s file system deleted, made or renamed a file, on the thread
     * that asked, with the host file (and the new name of a rename, else {@code null}): a change the
     * JDK made for a guest on its disk, past the disk's meter, has the disk's files counted again.
     */
    void fileChanged(File file, File renamedTo);

    /**
     * Called where ImageIO's disposer record is about to close a file, on the thread that disposes
     * of it (Java2D's disposer; the thread of a program that closed its image stream).
     *
     * @return {@code true} if the file, of a guest's own class, is closed on a thread of that
     * guest's instead (or not at all, where the guest has ended: its descriptor's cleaner closes it)
     */
    boolean disposerClosing(java.io.Closeable closeable);

    /**
     * Called once a {@code FileOutputStream} was made of a descriptor, on any thread: a stream of
     * a metered file's descriptor has its writes metered as that file's.
     */
    void fileDescriptorShared(Object stream, java.io.FileDescriptor fd);

    /**
     * Called with the channel a file stream or random access file returns, on any thread.
     *
     * @return the channel, or for a file whose writes {@link #fileWriting} meters, one whose
     * writes count against the same quota
     */
    java.nio.channels.FileChannel fileChannel(Object file, java.nio.channels.FileChannel channel);

    /**
     * Called by the guards where a member is called by reflection, on any thread, for a member of
     * a class of the bootstrap loader: where the JDK's code calls a trapped member for a guest,
     * what its trap returns, in an array of one; else {@code null}, and the call goes on.
     *
     * @throws InvocationTargetException wrapping the trap's exception
     */
    Object[] jdkReflectiveCall(java.lang.reflect.Executable member, Object target, Object[] args)
            throws IllegalAccessException, java.lang.reflect.InvocationTargetException;

    /**
     * Called by the guards where a lookup that is not the JDK's own has made a direct method
     * handle, on any thread: where the JDK's code made it for a guest ({@code jdk.dynalink}'s
     * linking, which Nashorn's scripts call Java through), a trapped member's is bound to its trap,
     * as the guest's own lookup's is; else the handle itself.
     *
     * @param lookupClass the class of the lookup that made it, {@code null} for a public lookup
     */
    java.lang.invoke.MethodHandle jdkMethodHandle(Class<?> lookupClass, java.lang.invoke.MethodHandle found);

    /**
     * Called by the guards where the JDK looks up the name of an address, on any thread: for a
     * guest whose policy does not let it resolve the address (a lookup of a loopback address is
     * answered from the hosts file, and made), the address's text, which the JDK gives where the
     * lookup fails; else {@code null}, and the lookup is made.
     */
    String reverseResolving(java.net.InetAddress address);

    /**
     * Called by the guards where the JDK makes a temporary file in no directory it is given, on
     * any thread: the temporary directory of the guest it works for, as the guest names it, or
     * {@code null} on the host's behalf.
     */
    String jdkTemporaryDirectory();

    /**
     * Called by the guards at {@code File.createTempFile(prefix, suffix, directory)}, on any
     * thread: on behalf of a guest, the file made in its directory (its temporary directory where
     * {@code directory} is {@code null}), named as the guest names it; {@code null} to let the JDK
     * make it where it would (the host's threads, a directory the access leaves as it is).
     *
     * @throws IOException the exception of a refused access, or of the making
     */
    File temporaryFileCreating(String prefix, String suffix, File directory) throws IOException;

    /**
     * Called by the guards where the JDK makes a file stream on a descriptor: one of the JVM's
     * standard descriptors, on a guest's behalf, is refused (the guest's console is its own).
     *
     * @throws SecurityException if refused
     */
    void descriptorOpening(java.io.FileDescriptor fd);

    /**
     * Called by the file guards when the JDK's file operation failed: for a guest with a disk, the
     * exception with the host paths in it shown as guest paths; else the same.
     */
    IOException fileFailed(IOException thrown);

    /**
     * Called by the guards where the JDK makes a relative path absolute against the JVM's working
     * directory: on behalf of a guest with a disk, its own working directory (a guest path); else
     * {@code null}, and for the JVM's own class loader at work, which reads the JVM's class path.
     */
    String workingDirectoryFor();

    /**
     * Called by the guards where the JDK takes only a path of its default file system (the file of
     * a Unix domain socket): a path of the calling guest's own file system as the default file
     * system's path of the same name; any other the same.
     */
    java.nio.file.Path defaultFileSystemPath(java.nio.file.Path path);

    /**
     * Called by the guards where the JDK hands a program a host path it learnt from the kernel (the
     * file a Unix domain socket is bound to): for a guest with a disk, the guest path of a file on
     * its disk or mounts; else, and for a file outside them, the same.
     */
    String hostPathShown(String hostPath);

    /** {@link #fileAccess} for a path of the JDK's default file system. */
    java.nio.file.Path pathAccess(java.nio.file.Path path, boolean write) throws IOException;

    /**
     * Called by the guard of {@code UnixPath.toRealPath}, for every caller: on a guest's behalf,
     * the real path of a guest path, its links followed on the guest's disk and mounts, as a guest
     * path; {@code null} for the host, the JVM's class loader, a guest on the host's files (once
     * its policy allowed the read) and a host path jvisor gave the JDK.
     *
     * @throws IOException as {@code toRealPath} does; {@code AccessDeniedException} if refused
     */
    java.nio.file.Path realPath(java.nio.file.Path path, java.nio.file.LinkOption[] options) throws IOException;

    /** {@link #pathAccess} for a channel opened with these options, which say whether it writes. */
    java.nio.file.Path channelAccess(java.nio.file.Path path, java.util.Set<?> options) throws IOException;

    /**
     * Called by the guard of the default provider's channels after {@link #channelAccess} put a
     * path of the JDK's own making on a guest's disk: room for the name of the file the channel
     * creates there, reserved (see {@code DiskQuota.nameReserved}), or {@code null} if it creates
     * none or the disk counts no names.
     *
     * @throws IOException "No space left on device", if the guest's quota has no room for the name
     */
    Runnable channelNameReserved(java.nio.file.Path host, java.util.Set<?> options) throws IOException;

    /**
     * Called by the guard of {@code UnixDomainSockets.bind}, for every caller: on behalf of a guest
     * whose disk has a quota, room for the name of the socket's file, reserved; else {@code null}.
     *
     * @throws IOException "No space left on device", if the guest's quota has no room for the name
     */
    Runnable socketNameReserved(java.nio.file.Path path) throws IOException;

    /**
     * Called by the guard of the default provider's methods that change a file (delete, move,
     * create a directory or a link, set an attribute) after one on a path of the JDK's own making
     * that {@link #pathAccess} put on a guest's disk: the change passed no meter, so the disk is
     * counted again at its next write.
     */
    void jdkPathChanged();

    void exitRequested(int status, boolean halt);

    /**
     * Called by the guard inside {@code Runtime.addShutdownHook}, for every caller.
     *
     * @return {@code true} if a guest called it, without passing its trap, and the call has been
     *         dealt with as the trap would; {@code false} to let the JDK proceed (the host's call)
     */
    boolean shutdownHookAdding(Thread hook);

    /**
     * Called by the guard inside {@code Runtime.removeShutdownHook}, for every caller.
     *
     * @return the result for a guest's call, dealt with as the trap would; {@code null} to let the
     *         JDK proceed (the host's call)
     */
    Boolean shutdownHookRemoving(Thread hook);

    /**
     * Called by the guard inside {@code System.setIn}, {@code setOut} and {@code setErr}, for every
     * caller.
     *
     * @param stream      0 for standard input, 1 for output, 2 for error
     * @param replacement the stream given, possibly {@code null}
     * @return {@code true} if a guest called it and its own stream was replaced as the trap would;
     *         {@code false} to let the JDK proceed (the host's call)
     */
    boolean stdioReplacing(int stream, Object replacement);

    /**
     * Called by the guard inside {@code ProcessBuilder}'s start of each process, for every caller:
     * returns to let the start proceed, throws the {@code IOException} a denied start gives. A
     * guest's builder (one the JDK's code made for it too) is pointed at its disk for the start,
     * as its trap does.
     *
     * @return what puts the builder back once the start has returned or thrown; {@code null} if it was not changed
     */
    Runnable processStarting(ProcessBuilder builder) throws IOException;

    /**
     * Called by the guard as {@code ProcessBuilder.environment()} returns, for every caller: for a
     * guest, makes a builder's environment start as the guest's own instead of the host's.
     */
    void processEnvironmentReturned(ProcessBuilder builder, Map<String, String> environment);

    /**
     * Called by the guard where the JDK makes every TCP connection, for every caller: returns to
     * let it proceed, throws the {@code ConnectException} of a refused connection.
     */
    void connecting(InetAddress address, int port) throws IOException;

    /**
     * Called by the guard where the JDK sends every datagram, for every caller: returns to let it
     * go, throws the {@code SocketException} of a refused send. (A connected channel's sends were
     * decided at its connect.)
     */
    void sending(java.net.SocketAddress target) throws IOException;

    /**
     * Called by the guard where the JDK binds every socket, for every caller: returns the address
     * to bind (the one given, or where the hypervisor puts a guest's socket), throws the
     * {@code BindException} of a refused bind.
     */
    InetAddress binding(InetAddress address, int port) throws IOException;

    /**
     * Called by the guard after a socket was bound to the address and port {@link #binding}
     * returned; for port 0, the port the system chose is that of {@code fd}, which the JDK's
     * {@code sun.nio.ch.Net.localAddress} tells through {@code net}, that class's own lookup.
     */
    void bound(java.lang.invoke.MethodHandles.Lookup net, java.io.FileDescriptor fd, InetAddress address, int port);

    /**
     * Called by the guards of the getters of the JVM-wide defaults connections use (see
     * {@link Guards#networkDefault}; {@code method} names the getter, as
     * {@code java.net.ProxySelector.getDefault}), for every caller: a hosted guest's own (the
     * JVM's proxy selector, HTTPS defaults and redirect following until it sets them; never the
     * JVM's cookie handler, response cache or authenticator, the host's; the default SSL context
     * and socket factory its own {@code javax.net.ssl} properties describe); else {@code jvms}.
     *
     * @throws java.security.NoSuchAlgorithmException as {@code SSLContext.getDefault()} does when
     *                                                the guest's stores cannot be read
     */
    Object networkDefault(String method, Object jvms) throws java.security.NoSuchAlgorithmException;

    /**
     * Called by the guards of the JDK's default trust anchors (see {@link Guards#ownTrust}): for a
     * hosted guest whose {@code javax.net.ssl} trust store properties, or the JVM's, name a store,
     * the anchors of the store its own name, read on its disk as the JDK reads the JVM's (the store
     * named if it can be read, else the JDK's {@code jssecacerts} or {@code cacerts}): a
     * {@code KeyStore} for {@code getTrustedKeyStore}, its certificates for {@code getTrustedCerts};
     * else {@code null}, the JVM's.
     */
    Object ownTrust(String method) throws Exception;

    /**
     * Called as the JDK makes an {@code SSLContext} of the JVM's default managers: refuses a
     * hosted guest while the JVM's properties name a key store, whose keys are the host's.
     */
    void jvmDefaultSslContextMaking();

    /**
     * Called by the guards of their setters: for a hosted guest, sets its own, once its policy
     * allowed it as a change of its properties, and returns {@code true}; else decides the change
     * of the JVM's as JVM-wide state and returns {@code false}.
     *
     * @throws SecurityException if refused
     */
    boolean networkDefaultSetting(String method, Object value);

    /**
     * Called by the guard of {@code ServiceLoader}'s walk up a loader's parents, at the platform
     * loader, for every caller: for a look-up by a hosted guest's loader (or one over it), the
     * providers of the JDK's modules that the JVM's application loader defines, then
     * {@code providers}; else {@code providers}. {@code walkLookup} is the walk's own lookup, by
     * which its loader is read and its providers of the application loader asked.
     */
    java.util.Iterator<?> withJdkToolProviders(java.lang.invoke.MethodHandles.Lookup walkLookup, Object walk,
            java.util.Iterator<?> providers) throws Throwable;

    /**
     * Called by the guard of {@code URLConnection.getDefaultUseCaches(String)}, for every caller:
     * for a hosted guest, whether its own connections of the protocol use caches (as it set for
     * the protocol, else for all protocols, else {@code jvms}); else {@code jvms}.
     */
    boolean defaultUseCaches(String protocol, boolean jvms);

    /**
     * Called by the guard of {@code URLConnection.setDefaultUseCaches(String, boolean)}: as
     * {@link #networkDefaultSetting}, for the protocol.
     *
     * @throws SecurityException if refused
     */
    boolean defaultUseCachesSetting(String protocol, boolean value);

    /**
     * Called by the guards of {@code Authenticator.requestPasswordAuthentication}, with its
     * arguments (those of any of its four forms): on a hosted guest's behalf where no authenticator
     * of the caller's is given, the answer of the guest's own default authenticator, or
     * {@link Guards#NO_PASSWORD}, never the JVM's default's (the host's credentials); else
     * {@code null}, for the JDK to ask.
     */
    Object guestPasswordAuthentication(Object[] arguments);

    /**
     * Called by the guard where JDK 17 keys the HTTP credentials of the JVM's default
     * authenticator, kept JVM-wide: for a hosted guest, a key of its own; else {@code jvms}.
     */
    String defaultCredentialsKey(String jvms);

    /**
     * Called by the guard of the JVM's default cache of HTTP credentials (JDK 18 and later): with
     * {@code jvms}, the cache the caller uses (the JVM's for the host; a hosted guest's own, or
     * {@code null} where it has none yet); with {@code made} instead, keeps it as the calling
     * guest's own unless it has one already, and returns the one it keeps.
     */
    Object defaultCredentials(Object jvms, Object made);

    /**
     * Called by the guards where the JDK keeps HTTP connections alive for reuse, JVM-wide, with the
     * key's object: for a guest, an object of its own for it, so that its connections are its
     * alone; for the host, the same.
     */
    Object connectionCacheKey(Object key);

    /**
     * Called by the guards where the JDK pools connections JVM-wide with no key of their program
     * (RMI's free connections of an endpoint, JNDI's pools of LDAP connections): whether the calling
     * program may use only connections it opens itself (a guest: its policy decides each), and
     * leaves none for other programs; {@code false} for the host.
     */
    boolean ownConnectionsOnly();

    /**
     * Called by the guards where the JDK's native code is to connect to a server of the host's
     * configuration (the CUPS server that {@code javax.print} asks), for every caller: whether the
     * calling program's policy allows the connect, as for its own ({@code true} for the host; a
     * server named by a Unix domain socket's path is decided as the host's loopback address).
     */
    boolean nativeConnectAllowed(String host, int port);

    /**
     * Called by the guard where the JDK keys its JVM-wide cache of the jar files that jar: URLs
     * open: for a guest, a key of its own for the URL's; for the host, the same.
     */
    String jarCacheKey(String key);

    /**
     * Called by the guards where the JDK reads system properties on a program's behalf (the
     * directories a {@code FileHandler}'s pattern names, the configuration of the JDK's XML
     * factories): the calling guest's own properties, or {@code null} for the host, whose are the
     * JVM's, and while the JDK makes the configuration it keeps for the JVM
     * ({@link #jvmConfigurationEntered}).
     *
     * @param shown whether the JDK hands a value to the program's code (XPath's
     *              {@code system-property} function), which its policy then decides as
     *              {@code property-read}, as the program's own read
     * @throws SecurityException if {@code shown} and the guest's policy denies reading properties
     */
    java.util.Properties jdkPropertiesFor(boolean shown);

    /**
     * Called by the guards as the JDK makes configuration it keeps for the JVM, on whichever thread
     * needs it first (the XML configuration of JDK 24 and later): until {@link #jvmConfigurationLeft},
     * this thread reads the JVM's properties and files, a guest's never.
     *
     * @return whether this call began such a stretch (not one within another)
     */
    boolean jvmConfigurationEntered();

    /** Ends what {@link #jvmConfigurationEntered} began, if {@code entered}. */
    void jvmConfigurationLeft(boolean entered);

    /**
     * Called by the guards as the JDK's login configuration or policy re-reads its files
     * ({@code refresh()}), on any thread: where {@code configuration} is the one the JVM keeps
     * ({@code Configuration.getConfiguration()}, {@code Policy.getPolicy()}) and a guest asks,
     * this thread then reads as {@link #jvmConfigurationEntered} has it, until
     * {@link #jvmConfigurationLeft}: the JVM's configuration is never made of a guest's files and
     * properties; a guest's own reads its own.
     *
     * @return whether this call began such a stretch
     */
    boolean jvmConfigurationRefreshing(Object configuration);

    /**
     * Called by the guards as the JDK's {@code ServiceLoader} reads a file of providers, on any
     * thread: where a guest's thread reads one that the JVM's class loader found on the JVM's class
     * path, this thread then reads it as {@link #jvmConfigurationEntered} has it, until
     * {@link #jvmConfigurationLeft}: a jar of the host's is read where it is, not on the guest's disk.
     *
     * @return whether this call began such a stretch
     */
    boolean jvmServiceFileReading(java.net.URL file);

    /**
     * Called by the guards where the JDK reads an environment variable a program named for the call
     * at hand (a domain key store's {@code keystorePasswordEnv}): the calling guest's environment,
     * or {@code null} for the host, whose is the JVM's.
     *
     * @throws SecurityException if the guest's policy denies reading the environment
     */
    Map<String, String> jdkEnvironmentFor();

    /**
     * Called by the guard of {@code Preferences.userRoot()} and {@code systemRoot()} (which
     * {@code userNodeForPackage} and the others call), for every caller: for a guest with a disk,
     * its own tree of preferences kept there; else {@code null}, the JVM's.
     */
    java.util.prefs.Preferences preferencesRoot(boolean user);

    /**
     * Called by the guards where the JDK refuses to connect to an address it could not resolve: the
     * message of the refusal of this thread's last look-up of the name, if jvisor refused it, else
     * {@code null}.
     */
    String lookupRefused(String host);

    /**
     * Called by the guard where the JDK sends every name lookup to its name service, for every
     * caller: returns {@code null} to let it proceed, or the addresses of a name the hypervisor
     * answers itself; throws the {@code UnknownHostException} of a refused one.
     */
    InetAddress[] resolving(String host) throws java.net.UnknownHostException;

    /**
     * Called by the same guard when the name service answered a lookup (for every caller), with
     * the addresses it gave the name: an address named so elsewhere ({@code InetAddress.getByAddress})
     * does not pass for the name's.
     */
    void resolved(String host, InetAddress[] addresses);

    /**
     * Called by the guard where the JDK counts a direct buffer's native memory against the JVM's
     * limit, before it is allocated: for a guest past its own limit, throws OutOfMemoryError.
     */
    void directMemoryReserving(long size);

    /** Called by the guard where a direct buffer's native memory was allocated: a guest's counts as its own. */
    void directMemoryAllocated(long address, long size);

    /** Called by the guard where a direct buffer's native memory is freed, on any thread. */
    void directMemoryFreed(long address);

    /**
     * Called by the guard of {@code InetAddress.getLocalHost()}, for every caller: {@code null} to
     * let it proceed (the host's call), else the address it returns to a guest.
     */
    InetAddress localHost() throws java.net.UnknownHostException;

    // ---- reflection: a trapped member called by reflection goes through its trap ----

    /** Whether a method or constructor is a trapped JDK member (one of the catalog's rewritten rows). */
    boolean isTrapped(java.lang.reflect.Executable member);

    /**
     * Calls a trapped member through its trap, as {@code Method.invoke} or
     * {@code Constructor.newInstance} would call the member: wrong arguments are an
     * {@code IllegalArgumentException}, what the trap throws is wrapped in an
     * {@code InvocationTargetException}.
     */
    Object invokeTrapped(java.lang.reflect.Executable member, Object target, Object[] args, Class<?> caller)
            throws IllegalAccessException, java.lang.reflect.InvocationTargetException;

    // ---- files: the guest's disk ----

    /**
     * The guest's own file system: its disk, or the host's default file system for a guest that
     * works on the host's files. Never {@code null}.
     */
    FileSystem fileSystem(Class<?> caller);

    /**
     * The host file that a guest's {@code java.io.File} names, after its policy allowed reading
     * it (or, with {@code write}, changing it).
     *
     * @return the host file; {@code null} for a write to a read-only part of the guest's disk,
     *         which the call then refuses as a read-only file system does
     * @throws AccessDeniedException naming the rule, if refused
     */
    File hostFile(File file, boolean write, Class<?> caller) throws AccessDeniedException;

    /**
     * A regular file just created at {@code host} by a guest's call ({@code caller}), or by the
     * JDK for a guest ({@code caller} {@code null}): on a disk with a quota its name is counted.
     *
     * @throws IOException "No space left on device", the file deleted again, if the quota has no room for its name
     */
    void fileCreated(File host, Class<?> caller) throws IOException;

    /** The guest's view of a host file: {@code null} if it lies outside the guest's disk and mounts. */
    File guestFile(File hostFile, Class<?> caller);

    /**
     * Called before a guest's subclass of a JDK file class opens a file for writing through its
     * superclass constructor ({@code super(file)} of {@code FileOutputStream}, of
     * {@code RandomAccessFile} in a mode that writes): its writes pass the meter of the guest's
     * disk quota, as a process's do, so the disk is counted again when next asked.
     *
     * @throws SecurityException if the guest's disk has a quota, which the writes would escape
     */
    void subclassWriting(Class<?> caller);

    /** A guest path made absolute against the guest's working directory. */
    String absolutePath(String path, Class<?> caller);

    /** The guest's temporary directory, as a guest path. */
    String temporaryDirectory(Class<?> caller);

    /** The bytes the guest may still write to its disk; {@code Long.MAX_VALUE} without a quota. */
    long diskSpaceLeft(Class<?> caller);

    /**
     * {@code new FileOutputStream(fd)}: for the JVM's standard output or error descriptor, a
     * stream to the guest's own console (the host's descriptors are never the guest's); any
     * other descriptor (one of the guest's own files) as given.
     */
    FileOutputStream descriptorOutput(java.io.FileDescriptor fd, Class<?> caller);

    /** {@code new FileInputStream(fd)}: for the JVM's standard input descriptor, the guest's own input. */
    java.io.FileInputStream descriptorInput(java.io.FileDescriptor fd, Class<?> caller);

    /** Opens a guest's file for writing; what is written counts against its disk quota. */
    FileOutputStream openOutput(File file, boolean append, Class<?> caller) throws FileNotFoundException;

    /** Opens a guest's file for random access; what is written counts against its disk quota. */
    RandomAccessFile openRandomAccess(File file, String mode, Class<?> caller) throws FileNotFoundException;

    /** {@code RandomAccessFile.getChannel()}, which is final: a channel whose writes count against the disk quota, as the file's own do. */
    java.nio.channels.FileChannel randomAccessChannel(RandomAccessFile file, Class<?> caller);

    /** An exception of a host file operation as the guest sees it: the same type, with guest paths. */
    IOException guestException(IOException e, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe}'s access of one value of {@code type} (a descriptor's letter,
     * {@code L} a reference) at {@code offset} of {@code base}, or at the address {@code offset}
     * where {@code base} is {@code null}: allowed in the guest's own memory (an instance or static
     * field of its own classes of a matching type, an element of an array within its bounds, a
     * reference array's by reference only, a boolean's as a boolean only, native memory it
     * allocated and has not freed); else decided as {@code native}.
     *
     * @return the lock that keeps the native memory checked allocated until the access is done,
     *         which the caller unlocks; {@code null} for memory of the heap
     * @throws SecurityException if refused
     */
    java.util.concurrent.locks.Lock unsafeAccess(Object base, long offset, char type, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe}'s store of the reference {@code value} at {@code offset} of
     * {@code base}: as {@link #unsafeAccess} of a reference, where {@code value} is also
     * {@code null} or of the field's type, or of the array's component type (else the guest's
     * code would read an object as one of another class: memory beyond it). Returns as
     * {@link #unsafeAccess} does.
     *
     * @throws SecurityException if refused
     */
    java.util.concurrent.locks.Lock unsafeStore(Object base, long offset, Object value, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe}'s copy from {@code bytes} bytes at {@code offset} of {@code base}, or
     * at the address {@code offset} where {@code base} is {@code null}: allowed within a primitive
     * array's elements or native memory the guest allocated; else decided as {@code native}.
     * Returns as {@link #unsafeAccess} does.
     *
     * @throws SecurityException if refused
     */
    java.util.concurrent.locks.Lock unsafeRegion(Object base, long offset, long bytes, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe}'s copy to, or fill of, {@code bytes} bytes at {@code offset} of
     * {@code base} (or at the address {@code offset} where {@code base} is {@code null}), where
     * {@code booleans} tells that every byte written is 0 or 1 (a fill with 0 or 1, a copy from a
     * boolean array): decided as {@link #unsafeRegion} does, and a boolean array's elements are
     * written only with booleans.
     *
     * @throws SecurityException if refused
     */
    java.util.concurrent.locks.Lock unsafeRegionWritten(Object base, long offset, long bytes, boolean booleans, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe} is to allocate {@code bytes} of native memory for the guest: counted
     * as its own from now on, until {@link #unsafeAllocated} tells where (or that none was).
     *
     * @throws OutOfMemoryError if the guest would hold more than it may (the JVM's maximum heap,
     *                          as the JDK limits direct buffers)
     */
    void unsafeReserving(long bytes, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe} allocated the native memory {@link #unsafeReserving} counted, at
     * {@code address}: the guest's own from now on; at 0, where it allocated none (it threw), no
     * longer counted.
     */
    void unsafeAllocated(long address, long bytes, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe} is to free the native memory at {@code address}: allowed where the
     * guest allocated it (or for address 0), which is then no longer its own; else decided as
     * {@code native}.
     *
     * @return the lock that keeps every other access of the guest's native memory out until the
     *         memory is freed, which the caller unlocks
     * @throws SecurityException if refused
     */
    java.util.concurrent.locks.Lock unsafeFreeing(long address, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe} is to reallocate the native memory at {@code address}: allowed as
     * {@link #unsafeFreeing}, but the block stays the guest's until {@link #unsafeReallocated}.
     *
     * @return the lock as {@link #unsafeFreeing} returns it
     * @throws SecurityException if refused
     */
    java.util.concurrent.locks.Lock unsafeResizing(long address, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe} reallocated the block at {@code address} to {@code bytes} bytes at
     * {@code moved} (0 where it freed it, for a size of 0), counted by {@link #unsafeReserving}; or
     * failed, {@code moved} -1, and the block is as it was.
     */
    void unsafeReallocated(long address, long moved, long bytes, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe.invokeCleaner}: whether the JDK frees the direct buffer's memory now,
     * where the guest's policy allows native code; else it is freed as a buffer no one cleans is,
     * once the buffer is collected, so that no access of it afterwards reaches freed memory (or
     * memory another program has since been given).
     *
     * @throws IllegalArgumentException as the JDK does, if {@code buffer} is not direct
     */
    boolean unsafeCleaning(java.nio.ByteBuffer buffer, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe}'s look-up of a field's offset or static base: allowed for a field
     * of the guest's own classes; else decided as {@code native}.
     *
     * @throws SecurityException if refused
     */
    void unsafeField(java.lang.reflect.Field field, Class<?> caller);

    /**
     * {@code sun.misc.Unsafe.allocateInstance}: allowed for the guest's own classes, but for
     * those the JDK never lets exist unconstructed (a class loader, a subclass of a class whose
     * constructors only its own package may call); else decided as {@code native}.
     *
     * @throws SecurityException if refused
     */
    void unsafeInstance(Class<?> type, Class<?> caller);

    /**
     * Called where a member of a class of jvisor's loader is called by reflection, or a handle to
     * it made (the application's own, where jvisor is its agent, pass): refused to a guest's code,
     * which may call jvisor's API alone.
     *
     * @throws SecurityException if refused
     */
    void jvisorMemberReached(java.lang.reflect.Member member);

    /**
     * {@code sun.misc.Unsafe.unpark}: allowed for a thread or {@code null}, as {@code LockSupport}
     * passes; any other object, whose memory the JVM would read as a thread's, decided as
     * {@code native}.
     *
     * @throws SecurityException if refused
     */
    void unsafeUnparking(Object thread, Class<?> caller);

    /**
     * Called at {@code sun.reflect.ReflectionFactory}'s making of a constructor for serialisation
     * (with {@code constructor}, the one it is to call, where given) or of a handle to a class's
     * serialisation methods, for every caller: a guest's is allowed for its own class that may
     * exist unconstructed (see {@link #unsafeInstance}) and a constructor its own code could call
     * (the class's, or a superclass's that a subclass may call); else decided as {@code native}.
     *
     * @param constructor {@code null} where none is given
     * @throws SecurityException if refused
     */
    void serializationAccess(Class<?> type, java.lang.reflect.Constructor<?> constructor);
}
