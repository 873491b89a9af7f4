package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import net.bytebuddy.description.type.TypeDescription;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;


/**
 * The callee-side guards: advice woven into the JDK's choke points by redefinition, so that a
 * privileged operation a guest reaches without passing its trap (reflection, method handles, a
 * dynamic language's runtime, JDK code acting on a guest's behalf) still meets the hypervisor:
 * {@code Runtime.exit}, {@code halt}, {@code addShutdownHook} and {@code removeShutdownHook},
 * {@code System.setIn}, {@code setOut} and {@code setErr}, the start of every process, every
 * connect and bind of a socket, the files of Unix domain sockets, every name lookup, every file the JDK opens or changes, hidden
 * classes and class loaders, native code, the setters of JVM-wide state, the roots of the
 * preferences, where a program finds and configures its loggers, where the JDK lists the
 * JVM's threads, where it tells the heap's size, JDBC's {@code DriverManager}, the JVM's list of
 * security providers, its registry of image readers and writers, AWT's application contexts, Swing's
 * default style context, and
 * where its XML and JNDI read their configuration.
 */
public final class CalleeGuards {

    /** The JDK-internal class where every socket connects and binds (the same in JDK 17 to 25). */
    static final String NET = "sun.nio.ch.Net";
    /** The JDK-internal class where every datagram is sent, DatagramSocket's included (JDK 17 to 25). */
    static final String DATAGRAMS = "sun.nio.ch.DatagramChannelImpl";

    /** The default SSL context's class, whose default a guest's own is given before the JDK makes the JVM's. */
    static final String SSL_CONTEXT = "javax.net.ssl.SSLContext";
    /** Networking's JVM-wide defaults, whose getters and setters a guest finds its own in. */
    static final String[] NETWORK_DEFAULTS = {"java.net.ProxySelector", "java.net.CookieHandler", "java.net.ResponseCache",
        "java.net.Authenticator", SSL_CONTEXT};
    /** Where the JDK reads the trust anchors of the default trust store (JDK 17 to 25). */
    static final String TRUST_STORE = "sun.security.ssl.TrustStoreManager";
    /** The JDK's {@code SSLContext} of the JVM's default managers, its {@code "Default"} algorithm (JDK 17 to 25). */
    static final String DEFAULT_SSL_CONTEXT = "sun.security.ssl.SSLContextImpl$DefaultSSLContext";
    /**
     * Where JDK 17 keys the HTTP credentials its connections used, kept JVM-wide, by the
     * authenticator that gave them (gone in later JDKs).
     */
    static final String AUTHENTICATOR_KEYS = "sun.net.www.protocol.http.AuthenticatorKeys";
    /** Where later JDKs keep those credentials, one cache per authenticator and a default one ({@code getDefault()}). */
    static final String AUTH_CACHE = "sun.net.www.protocol.http.AuthCacheImpl";
    /** Which of the two this JDK has. */
    static final boolean KEYED_CREDENTIALS = isJdkClass(AUTHENTICATOR_KEYS);
    /** The JDK's JVM-wide cache of HTTP connections kept alive (JDK 17 to 25). */
    static final String CONNECTION_CACHE = "sun.net.www.http.KeepAliveCache";
    /** The JDK's JVM-wide cache of the jar files that jar: URLs open, keyed by the URL's text (JDK 17 to 25). */
    static final String JAR_CACHE = "sun.net.www.protocol.jar.JarFileFactory";
    /** Where the JDK counts the native memory of direct buffers against its limit, and what frees a buffer's (JDK 17 to 25). */
    static final String DIRECT_MEMORY = "java.nio.Bits";
    static final String DIRECT_DEALLOCATOR = "java.nio.DirectByteBuffer$Deallocator";
    /** The JDK's socket implementation, where a socket's connect to an unresolved address fails (JDK 17 to 25). */
    static final String SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    /** The JDK-internal class where Unix domain sockets learn their files from the kernel (JDK 17 to 25). */
    static final String UNIX_SOCKETS = "sun.nio.ch.UnixDomainSockets";

    /**
     * The virtual threads' class, which overrides {@code Thread.start()}, and whose initialiser the
     * hypervisor runs on the host's thread (JDK 21 and later).
     */
    public static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    /**
     * Where the RMI runtime makes its threads, for every program's remote objects: the rows of
     * {@code serviceThreadMade} ({@code NewThreadAction.run} to JDK 23, {@code RuntimeUtil.newThread}
     * from JDK 24, whose JDK 17 namesake makes none).
     */
    static final Map<String, List<String>> RMI_THREADS = guardedMethods("serviceThreadMade");
    /**
     * What holds a socket or file open, besides the file streams and channels (a DatagramSocket is
     * a DatagramChannelImpl's adaptor): the asynchronous channels and the ends of a pipe (JDK 17
     * to 25, Linux); every selector: a channel registered with one is closed for good only when
     * the selector lets go of it, which a selector whose thread has ended never does; every zip
     * and jar file (the JDK shares one open file among those of one path); and every watch service,
     * whose thread waits in the kernel for events (Linux).
     */
    static final String[] OPENED_RESOURCES = {"java.net.Socket", "java.net.ServerSocket",
        "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.DatagramChannelImpl",
        "sun.nio.ch.UnixAsynchronousSocketChannelImpl", "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl",
        "sun.nio.ch.SimpleAsynchronousFileChannelImpl", "sun.nio.ch.SourceChannelImpl", "sun.nio.ch.SinkChannelImpl",
        "java.nio.channels.spi.AbstractSelector", "java.util.zip.ZipFile", "sun.nio.fs.LinuxWatchService"};
    /** The class where the JDK makes the JVM's default group of asynchronous channels (JDK 17 to 25, Linux). */
    public static final String CHANNEL_PROVIDER = "sun.nio.ch.LinuxAsynchronousChannelProvider";
    /** The method of {@link #CHANNEL_PROVIDER} that looks the default group up, making it the first time. */
    public static final String DEFAULT_CHANNEL_GROUP = "defaultEventPort";
    /** Where the JVM's signal handlers are installed, {@code sun.misc.Signal}'s too (JDK 17 to 25). */
    static final String SIGNALS = "jdk.internal.misc.Signal";
    /** The pools of threads, whose constructors every pool's construction ends in (JDK 17 to 25). */
    static final String[] EXECUTORS = {"java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool"};
    /** Every group of asynchronous channels, which the guest that makes one owns (JDK 17 to 25). */
    static final String CHANNEL_GROUP = "sun.nio.ch.AsynchronousChannelGroupImpl";
    /** Every file channel, counted as an open file (JDK 17 to 25). */
    static final String FILE_CHANNEL = "sun.nio.ch.FileChannelImpl";
    /**
     * The directory streams of the JDK's file system, each two descriptors held open: the secure
     * one, which its provider makes wherever the system has {@code openat} (JDK 17 to 25, Linux).
     */
    static final String DIRECTORY_STREAM = "sun.nio.fs.UnixSecureDirectoryStream";
    /** Where a program finds a {@code java.util.logging} logger. */
    static final String LOGGER = "java.util.logging.Logger";
    /** The JVM's {@code RuntimeMXBean} (JDK 17 to 25). */
    static final String RUNTIME_BEAN = "sun.management.RuntimeImpl";
    /** Where the JDK keeps the JVM's list of security providers (JDK 17 to 25). */
    static final String SECURITY_PROVIDERS = "sun.security.jca.Providers";
    /** The JVM's registry of image readers and writers (one for the JVM unless applets' contexts divide it). */
    static final String IMAGE_REGISTRY = "javax.imageio.spi.IIORegistry";
    /** Where the JDK keeps the registry it found first, for every program: {@code ImageIO}'s {@code theRegistry}. */
    static final String IMAGE_IO = "javax.imageio.ImageIO";
    /** Swing's default style context, whose pool of attribute sets every text document looks its attributes up in. */
    static final String STYLE_CONTEXT = "javax.swing.text.StyleContext";
    /** What Java2D's disposer calls to close the file of an image stream made of a {@code RandomAccessFile} (JDK 17 to 25). */
    static final String CLOSEABLE_DISPOSER_RECORD = "com.sun.imageio.stream.CloseableDisposerRecord";
    /** The HTTP client, which keeps {@code CompletableFuture}'s default executor it found first (JDK 17 to 25). */
    static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";
    /** Where the JVM's one font manager is made, at the first use of a font (JDK 17 to 25). */
    static final String FONT_MANAGER_FACTORY = "sun.font.FontManagerFactory";
    /**
     * Where AWT, Swing and ImageIO find the context of the application they work for, which keeps
     * what they keep per application (JDK 17 to 25).
     */
    static final String APP_CONTEXT = "sun.awt.AppContext";
    /** Where JDBC keeps the JVM's drivers (loading those of the class path once), its login timeout and its log. */
    static final String DRIVER_MANAGER = "java.sql.DriverManager";
    /** The JVM's {@code MemoryMXBean} (JDK 17 to 25). */
    static final String MEMORY_BEAN = "sun.management.MemoryImpl";
    /** The JVM's {@code ThreadMXBean} (JDK 17 to 25). */
    static final String THREAD_BEAN = "sun.management.ThreadImpl";
    /** Where every process is destroyed (JDK 17 to 25). */
    static final String PROCESS_HANDLES = "java.lang.ProcessHandleImpl";
    /** Where {@code ServiceLoader} walks a loader's parents for the providers of the modules each defines (JDK 17 to 25). */
    static final String SERVICE_WALK = "java.util.ServiceLoader$ModuleServicesLookupIterator";
    /** Where JNDI reads its properties from the system properties (JDK 17 to 25). */
    static final String JNDI_PROPERTIES = "com.sun.naming.internal.VersionHelper";
    /** Where RMI pools the connections of an endpoint for every program. */
    static final String RMI_CHANNEL = "sun.rmi.transport.tcp.TCPChannel";
    /** Where the attach API lists the machine's JVMs (JDK 17 to 25). */
    static final String ATTACH_PROVIDERS = "sun.tools.attach.HotSpotAttachProvider";
    /** Where RMI exports a remote object and dispatches the calls of it (JDK 17 to 25). */
    static final String RMI_SERVER_REF = "sun.rmi.server.UnicastServerRef";
    /** Where {@code javax.print} has the JDK's native code connect to the host's CUPS server (Unix JDKs). */
    static final String PRINT_CUPS = "sun.print.CUPSPrinter";
    /** Where JNDI pools LDAP connections for every program. */
    static final String LDAP_POOLS = "com.sun.jndi.ldap.LdapPoolManager";
    /** {@code java.io}'s file system on Unix, where {@code File}'s queries and changes go (JDK 17 to 25). */
    static final String IO_FILES = "java.io.UnixFileSystem";
    /** The default {@code java.nio.file} file system's paths (JDK 17 to 25, Unix). */
    static final String NIO_PATH = "sun.nio.fs.UnixPath";
    /** Where {@code Files.createTempFile} and {@code createTempDirectory} choose their directory (JDK 17 to 25). */
    static final String NIO_TEMPORARY_FILES = "java.nio.file.TempFileHelper";
    /** The default {@code java.nio.file} provider and its superclasses (JDK 17 to 25, Linux). */
    static final List<String> NIO_PROVIDERS = List.of("sun.nio.fs.AbstractFileSystemProvider",
            "sun.nio.fs.UnixFileSystemProvider", "sun.nio.fs.LinuxFileSystemProvider");

    /**
     * The JDK's setters of JVM-wide state, by class: the catalog's guard rows whose hook is
     * {@code globalStateChanging}.
     */
    static final Map<String, List<String>> GLOBAL_STATE = guardedMethods("globalStateChanging");
    /** {@code sun.reflect.ReflectionFactory} and the methods of it that take a class: the rows of {@code serializationAccess}. */
    static final Map<String, List<String>> SERIALIZATION = guardedMethods("serializationAccess");
    /** The JVM-wide switches of the management beans: the rows of {@code jvmSwitching}. */
    static final Map<String, List<String>> JVM_SWITCHES = guardedMethods("jvmSwitching");
    /** The methods that configure a logger: the rows of {@code loggerChanging}. */
    static final Map<String, List<String>> LOGGERS = guardedMethods("loggerChanging");
    /** The methods that configure a {@code LogManager}: the rows of {@code logManagerChanging}. */
    static final Map<String, List<String>> LOG_MANAGERS = guardedMethods("logManagerChanging");
    /** The JVM's logging MXBean, behind {@code LogManager.getLoggingMXBean()} and {@code PlatformLoggingMXBean} (JDK 17 to 25). */
    static final String LOGGING_BEAN = "java.util.logging.Logging";
    /** Where {@code System.getLogger} finds its {@code java.util.logging} logger (JDK 17 to 25). */
    static final String LOGGING_PROVIDER = "sun.util.logging.internal.LoggingProviderImpl";
    /** The public methods that change a security provider's entries: the catalog's rows of {@code securityProviderChanging}. */
    static final Map<String, List<String>> PROVIDER_CHANGES = guardedMethods("securityProviderChanging");
    /** The JVM's MBean servers' changing calls: the catalog's rows of {@code mbeanServerChanging}. */
    static final Map<String, List<String>> MBEAN_SERVERS = guardedMethods("mbeanServerChanging");
    /** The JVM's management entry points that act natively: the catalog's rows of {@code managementCalled}. */
    static final Map<String, List<String>> MANAGEMENT = guardedMethods("managementCalled");

    /** Where the JDK reads its configuration for the program it acts for: the catalog's rows of {@code configurationProperty}. */
    static final Map<String, List<String>> CONFIGURATION_READS = guardedMethods("configurationProperty");
    /** Where it hands a property's value to a program's code: the rows of {@code propertyShown}. */
    static final Map<String, List<String>> PROPERTIES_SHOWN = guardedMethods("propertyShown");
    /** Where it hands a property's value to a program as a number: the rows of {@code integerShown}. */
    static final Map<String, List<String>> INTEGERS_SHOWN = guardedMethods("integerShown");
    /** Where it makes configuration it keeps for the JVM: the rows of {@code jvmConfigurationEntered}. */
    static final Map<String, List<String>> JVM_CONFIGURATION = guardedMethods("jvmConfigurationEntered");
    /** Where it re-reads a configuration, which may be the one it keeps for the JVM: the rows of {@code jvmConfigurationRefreshing}. */
    static final Map<String, List<String>> JVM_REFRESHES = guardedMethods("jvmConfigurationRefreshing");
    /** Where it reads a file of service providers, which may be one of the JVM's class path: the rows of {@code jvmServiceFileReading}. */
    static final Map<String, List<String>> SERVICE_FILES = guardedMethods("jvmServiceFileReading");
    /** Where it reads an environment variable a program's configuration names: the rows of {@code environmentShown}. */
    static final Map<String, List<String>> ENVIRONMENT_READS = guardedMethods("environmentShown");

    /**
     * Whether the JDK checks a caller's native access in {@code Module.ensureNativeAccess}, where
     * the foreign-function API's restricted methods and JNI's loading arrive (JDK 22 and later).
     */
    static final boolean RESTRICTED_METHODS = java.util.Arrays.stream(Module.class.getDeclaredMethods())
            .anyMatch(m -> m.getName().equals("ensureNativeAccess"));

    /** Whether {@code java.io}'s file system answers by native methods, which no advice enters (JDK 17 to 20). */
    static final boolean FILE_OVER_NATIVES = fileSystemIsNative();

    /** The JDK classes the guards are woven into; loaded here, so that all are woven at once. */
    private static final List<String> GUARDED = Stream.of(Stream.of(Runtime.class, ProcessBuilder.class, System.class,
                    java.net.InetAddress.class, jdkClass(NET), jdkClass(DATAGRAMS), java.net.UnixDomainSocketAddress.class,
                    jdkClass(UNIX_SOCKETS), jdkClass(SOCKET_IMPL), jdkClass(NIO_PATH), jdkClass(CONNECTION_CACHE), jdkClass(JAR_CACHE),
                    jdkClass(DIRECT_MEMORY), jdkClass(DIRECT_DEALLOCATOR),
                    java.net.ProxySelector.class, java.net.CookieHandler.class, java.net.ResponseCache.class, java.net.Authenticator.class,
                    javax.net.ssl.SSLContext.class, javax.net.ssl.HttpsURLConnection.class, java.net.HttpURLConnection.class, java.net.URLConnection.class,
                    java.io.FileInputStream.class,
                    java.io.FileOutputStream.class, java.io.RandomAccessFile.class, java.io.File.class, jdkClass(IO_FILES),
                    jdkClass(NIO_TEMPORARY_FILES),
                    java.lang.invoke.MethodHandles.Lookup.class, ClassLoader.class,
                    java.lang.reflect.AccessibleObject.class, java.lang.reflect.Method.class, java.lang.reflect.Constructor.class,
                    java.lang.invoke.MethodHandles.class, jdkClass(PROCESS_HANDLES), jdkClass(SIGNALS),
                    Thread.class, ThreadGroup.class, Throwable.class, jdkClass(THREAD_BEAN), jdkClass(RUNTIME_BEAN), jdkClass(MEMORY_BEAN), jdkClass(DRIVER_MANAGER),
                    jdkClass(SECURITY_PROVIDERS), jdkClass(SERVICE_WALK), java.security.Security.class, java.util.Locale.class,
                    java.util.TimeZone.class, java.util.prefs.Preferences.class, java.util.concurrent.ThreadPoolExecutor.class, java.util.Timer.class,
                    java.util.concurrent.ForkJoinPool.class, java.util.concurrent.ForkJoinTask.class,
                    java.util.concurrent.CompletableFuture.class, java.util.concurrent.SubmissionPublisher.class, java.nio.file.spi.FileSystemProvider.class, java.net.URL.class, java.util.logging.LogManager.class,
                    java.util.logging.FileHandler.class, jdkClass(LOGGING_PROVIDER),
                    jdkClass(LOGGING_BEAN)),
                    Runtime.version().feature() >= 21 ? Stream.of(jdkClass(VIRTUAL_THREAD)) : Stream.<Class<?>>empty(),
                    Stream.of(jdkClass(KEYED_CREDENTIALS ? AUTHENTICATOR_KEYS : AUTH_CACHE)),
                    RESTRICTED_METHODS ? Stream.of(Module.class) : Stream.<Class<?>>empty(),
                    NIO_PROVIDERS.stream().map(CalleeGuards::jdkClass), GLOBAL_STATE.keySet().stream().map(CalleeGuards::jdkClass),
                    JVM_SWITCHES.keySet().stream().map(CalleeGuards::jdkClass), SERIALIZATION.keySet().stream().map(CalleeGuards::jdkClass),
                    MANAGEMENT.keySet().stream().map(CalleeGuards::jdkClass), LOGGERS.keySet().stream().map(CalleeGuards::jdkClass),
                    LOG_MANAGERS.keySet().stream().map(CalleeGuards::jdkClass),
                    MBEAN_SERVERS.keySet().stream().map(CalleeGuards::jdkClass), PROVIDER_CHANGES.keySet().stream().map(CalleeGuards::jdkClass))
            .flatMap(classes -> classes)
            .map(Class::getName).distinct().collect(Collectors.toList());

    /**
     * The JDK classes the guards go into when they are first loaded, which a program may never do
     * (loaded at install, they are woven then): those of this JDK, loaded to find which, as only the
     * build needs to know.
     */
    private static Stream<String> guardedAtLoad() {
        // where the JDK reads configuration (XML's, TLS's) and where RMI makes its threads, which differ from JDK to JDK: those the weaving takes
        Stream<String> configuration = Stream.of(CONFIGURATION_READS, PROPERTIES_SHOWN, INTEGERS_SHOWN, JVM_CONFIGURATION, JVM_REFRESHES, SERVICE_FILES,
                        ENVIRONMENT_READS, RMI_THREADS)
                .flatMap(rows -> rows.keySet().stream().filter(name -> isJdkClass(name)
                        && GuardWeaving.declaring(rows).matches(TypeDescription.ForLoadedType.of(jdkClass(name)))));
        return Stream.of(Stream.of(OPENED_RESOURCES), Stream.of(CHANNEL_PROVIDER, CHANNEL_GROUP, FILE_CHANNEL, DIRECTORY_STREAM, LOGGER,
                        IMAGE_REGISTRY, IMAGE_IO, APP_CONTEXT, STYLE_CONTEXT, CLOSEABLE_DISPOSER_RECORD, FONT_MANAGER_FACTORY, HTTP_CLIENT, JNDI_PROPERTIES, TRUST_STORE, DEFAULT_SSL_CONTEXT,
                        RMI_CHANNEL, RMI_SERVER_REF, LDAP_POOLS, ATTACH_PROVIDERS),
                        Stream.of(PRINT_CUPS).filter(CalleeGuards::isJdkClass),
                        configuration)
                .flatMap(names -> names).filter(name -> !GUARDED.contains(name));
    }

    private CalleeGuards() {
    }

    /** The catalog's guard rows of one hook: method names by JDK class. */
    private static Map<String, List<String>> guardedMethods(String hook) {
        return Catalog.standard().entries().stream()
                .filter(e -> e.kind() == CriticalInstruction.Kind.GUARD && e.hook().equals(hook))
                .collect(Collectors.groupingBy(e -> e.owner().replace('/', '.'), TreeMap::new,
                        Collectors.mapping(CriticalInstruction::name, Collectors.toList())));
    }

    /**
     * Loads (without initialising) a JDK class that is not exported, and so has no class literal
     * here: from the bootstrap loader, else the platform loader (the attach API's).
     *
     * @throws IllegalStateException if this JDK has no such class
     */
    public static Class<?> jdkClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException e2) {
                throw new IllegalStateException("this JDK has no " + name + ", where jvisor guards it", e2);
            }
        }
    }

    /** Whether this JDK has the class (see {@link #jdkClass}). */
    private static boolean isJdkClass(String name) {
        try {
            jdkClass(name);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static boolean fileSystemIsNative() {
        try {
            return java.lang.reflect.Modifier.isNative(jdkClass(IO_FILES).getDeclaredMethod("getLength", java.io.File.class).getModifiers());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this JDK's java.io file system has no getLength(File): " + e, e);
        }
    }

    /** The JDK's own class loaders but the bootstrap: the platform loader and the application's (which defines {@code jdk.attach}). */
    private static final Class<?> BUILTIN_LOADER = jdkClass("jdk.internal.loader.BuiltinClassLoader");

    /** Whether a class loader defines none of the JDK's classes: neither the bootstrap nor a loader of the JDK's own. */
    static boolean outsideJdk(ClassLoader loader) {
        return loader != null && !BUILTIN_LOADER.isInstance(loader);
    }

    /**
     * Weaves the guards into the loaded JDK classes, and into the guarded ones the JDK loads later.
     *
     * <p>Where jvisor's jar holds the guards woven at its build for a JDK whose classes are the
     * same as this one's, by digest ({@link WovenGuards}), those are put in; else Byte Buddy weaves
     * them now, as the build does (most of jvisor's start-up then), and they are put in the same
     * way. Either way the guards' transformer is not
     * retransformable: the JVM keeps what such a transformer made of a class (at its load, or here
     * at its redefinition) under every later retransformation, so another agent's cannot take the
     * guards out, and it is asked in the same call into Java as the rewriter's.
     *
     * @param instrumentation an instrumentation that can redefine classes
     * @throws IllegalStateException if the guard entry points are not on the bootstrap class
     *                               path (the woven JDK code could not reach them), or a JDK class
     *                               cannot be redefined
     */
    public static void install(Instrumentation instrumentation) {
        if (Guards.class.getClassLoader() != null) {
            throw new IllegalStateException("the guard entry points (jvisor-hooks.jar) are not on the bootstrap class path");
        }
        if (!instrumentation.isRedefineClassesSupported()) {
            throw new IllegalStateException("this JVM cannot redefine classes, which jvisor's guards need");
        }
        WovenGuards built = WovenGuards.read(CalleeGuards::outsideJdk, () -> GuardWeaving.weaver());
        if (built != null && built.install(instrumentation, GUARDED)) {
            return;
        }
        if (!WovenGuards.weaveNow(CalleeGuards::outsideJdk, () -> GuardWeaving.weaver()).install(instrumentation, GUARDED)) {
            throw new IllegalStateException("jvisor could not weave its guards into the JDK: a guarded class changed as it was woven");
        }
    }

    /** Every JDK class a guard goes into on this JDK: those woven at install, and those woven when first loaded. */
    static List<String> guardedClasses() {
        return Stream.concat(GUARDED.stream(), guardedAtLoad()).distinct().collect(Collectors.toList());
    }
}
