package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jvisor.agent.guard.CalleeGuards.AUTHENTICATOR_KEYS;
import static io.jvisor.agent.guard.CalleeGuards.AUTH_CACHE;
import static io.jvisor.agent.guard.CalleeGuards.CHANNEL_GROUP;
import static io.jvisor.agent.guard.CalleeGuards.CHANNEL_PROVIDER;
import static io.jvisor.agent.guard.CalleeGuards.CONFIGURATION_READS;
import static io.jvisor.agent.guard.CalleeGuards.LDAP_POOLS;
import static io.jvisor.agent.guard.CalleeGuards.PRINT_CUPS;
import static io.jvisor.agent.guard.CalleeGuards.RMI_CHANNEL;
import static io.jvisor.agent.guard.CalleeGuards.RMI_SERVER_REF;
import static io.jvisor.agent.guard.CalleeGuards.ATTACH_PROVIDERS;
import static io.jvisor.agent.guard.CalleeGuards.INTEGERS_SHOWN;
import static io.jvisor.agent.guard.CalleeGuards.ENVIRONMENT_READS;
import static io.jvisor.agent.guard.CalleeGuards.CONNECTION_CACHE;
import static io.jvisor.agent.guard.CalleeGuards.JAR_CACHE;
import static io.jvisor.agent.guard.CalleeGuards.DIRECT_DEALLOCATOR;
import static io.jvisor.agent.guard.CalleeGuards.DIRECT_MEMORY;
import static io.jvisor.agent.guard.CalleeGuards.DATAGRAMS;
import static io.jvisor.agent.guard.CalleeGuards.DEFAULT_CHANNEL_GROUP;
import static io.jvisor.agent.guard.CalleeGuards.DRIVER_MANAGER;
import static io.jvisor.agent.guard.CalleeGuards.EXECUTORS;
import static io.jvisor.agent.guard.CalleeGuards.SERVICE_FILES;
import static io.jvisor.agent.guard.CalleeGuards.SERIALIZATION;
import static io.jvisor.agent.guard.CalleeGuards.SIGNALS;
import static io.jvisor.agent.guard.CalleeGuards.FILE_CHANNEL;
import static io.jvisor.agent.guard.CalleeGuards.DIRECTORY_STREAM;
import static io.jvisor.agent.guard.CalleeGuards.FILE_OVER_NATIVES;
import static io.jvisor.agent.guard.CalleeGuards.APP_CONTEXT;
import static io.jvisor.agent.guard.CalleeGuards.STYLE_CONTEXT;
import static io.jvisor.agent.guard.CalleeGuards.CLOSEABLE_DISPOSER_RECORD;
import static io.jvisor.agent.guard.CalleeGuards.FONT_MANAGER_FACTORY;
import static io.jvisor.agent.guard.CalleeGuards.HTTP_CLIENT;
import static io.jvisor.agent.guard.CalleeGuards.RMI_THREADS;
import static io.jvisor.agent.guard.CalleeGuards.IMAGE_IO;
import static io.jvisor.agent.guard.CalleeGuards.IMAGE_REGISTRY;
import static io.jvisor.agent.guard.CalleeGuards.GLOBAL_STATE;
import static io.jvisor.agent.guard.CalleeGuards.JVM_SWITCHES;
import static io.jvisor.agent.guard.CalleeGuards.IO_FILES;
import static io.jvisor.agent.guard.CalleeGuards.JNDI_PROPERTIES;
import static io.jvisor.agent.guard.CalleeGuards.JVM_CONFIGURATION;
import static io.jvisor.agent.guard.CalleeGuards.JVM_REFRESHES;
import static io.jvisor.agent.guard.CalleeGuards.KEYED_CREDENTIALS;
import static io.jvisor.agent.guard.CalleeGuards.LOGGER;
import static io.jvisor.agent.guard.CalleeGuards.LOGGERS;
import static io.jvisor.agent.guard.CalleeGuards.LOGGING_BEAN;
import static io.jvisor.agent.guard.CalleeGuards.LOGGING_PROVIDER;
import static io.jvisor.agent.guard.CalleeGuards.LOG_MANAGERS;
import static io.jvisor.agent.guard.CalleeGuards.MANAGEMENT;
import static io.jvisor.agent.guard.CalleeGuards.MBEAN_SERVERS;
import static io.jvisor.agent.guard.CalleeGuards.PROVIDER_CHANGES;
import static io.jvisor.agent.guard.CalleeGuards.MEMORY_BEAN;
import static io.jvisor.agent.guard.CalleeGuards.NET;
import static io.jvisor.agent.guard.CalleeGuards.DEFAULT_SSL_CONTEXT;
import static io.jvisor.agent.guard.CalleeGuards.NETWORK_DEFAULTS;
import static io.jvisor.agent.guard.CalleeGuards.SSL_CONTEXT;
import static io.jvisor.agent.guard.CalleeGuards.TRUST_STORE;
import static io.jvisor.agent.guard.CalleeGuards.NIO_PATH;
import static io.jvisor.agent.guard.CalleeGuards.NIO_TEMPORARY_FILES;
import static io.jvisor.agent.guard.CalleeGuards.NIO_PROVIDERS;
import static io.jvisor.agent.guard.CalleeGuards.OPENED_RESOURCES;
import static io.jvisor.agent.guard.CalleeGuards.PROPERTIES_SHOWN;
import static io.jvisor.agent.guard.CalleeGuards.PROCESS_HANDLES;
import static io.jvisor.agent.guard.CalleeGuards.RESTRICTED_METHODS;
import static io.jvisor.agent.guard.CalleeGuards.RUNTIME_BEAN;
import static io.jvisor.agent.guard.CalleeGuards.SECURITY_PROVIDERS;
import static io.jvisor.agent.guard.CalleeGuards.SERVICE_WALK;
import static io.jvisor.agent.guard.CalleeGuards.SOCKET_IMPL;
import static io.jvisor.agent.guard.CalleeGuards.THREAD_BEAN;
import static io.jvisor.agent.guard.CalleeGuards.UNIX_SOCKETS;
import static io.jvisor.agent.guard.CalleeGuards.VIRTUAL_THREAD;
import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The guards as Byte Buddy weaves them: which advice goes into which method of which JDK class
 * ({@link CalleeGuards} names the classes). Its classes are loaded only where the guards are
 * woven now: at jvisor's build, and at start-up on a JDK the build did not weave them for (both
 * through {@link WovenGuards}).
 */
final class GuardWeaving {

    /** The provider's methods that open a channel on their first argument. */
    private static final String[] CHANNELS = {"newByteChannel", "newFileChannel", "newAsynchronousFileChannel"};
    /** The provider's methods that read their first argument and may throw an {@code IOException}. */
    private static final String[] PATH_READS = {"readAttributes", "readAttributesIfExists", "checkAccess", "isSameFile",
        "getFileStore", "newDirectoryStream", "readSymbolicLink", "copy"};
    /** The provider's methods that change their first argument. */
    private static final String[] PATH_WRITES = {"implDelete", "move", "createDirectory", "createSymbolicLink", "createLink",
        "setAttribute"};

    /** Byte Buddy's switch for its use of Unsafe (relocated with Byte Buddy in the shaded jars). */
    private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";

    private GuardWeaving() {
    }

    /**
     * {@code start(ThreadContainer)} (JDK 21 and later), where the JDK starts the threads of a
     * container apart from {@code Thread.start()} (a fork-join pool's workers, a thread-per-task
     * executor's threads) and where {@code VirtualThread.start()} ends.
     */
    private static ElementMatcher.Junction<MethodDescription> inContainer() {
        return takesArguments(1).and(takesArgument(0, named("jdk.internal.vm.ThreadContainer")));
    }

    /** Methods of these names with code of their own (a native or abstract method cannot carry advice). */
    private static ElementMatcher.Junction<MethodDescription> woven(String... names) {
        return namedOneOf(names).and(not(isNative())).and(not(isAbstract())).and(not(isStatic()));
    }

    /**
     * The methods of {@code java.io.File} that call a native method of the file system on JDK 17 to
     * 20, which no advice enters (from JDK 21 Java methods wrap those, guarded as the others): the
     * file guard goes on {@code File} there. {@code createNewFile} passes a name, not a file: left
     * to its trap, as on every JDK.
     */
    private static ElementMatcher.Junction<MethodDescription> fileMethodsOverNatives() {
        java.util.Set<String> names = new java.util.HashSet<>(Guards.FILE_QUERIES_OVER_NATIVES);
        names.addAll(Guards.FILE_CHANGES_OVER_NATIVES);
        // the forms Guards.fileMethodOn calls: setWritable(boolean, boolean), not setWritable(boolean), ...
        return namedOneOf(names.toArray(new String[0])).and(not(isStatic()))
                .and(takesArguments(0).or(takesArguments(long.class)).or(takesArguments(boolean.class, boolean.class)));
    }

    /** {@link #woven} methods whose first argument is a path. */
    private static ElementMatcher.Junction<MethodDescription> pathMethod(String... names) {
        return woven(names).and(takesArgument(0, java.nio.file.Path.class));
    }

    /**
     * The writes of a file stream or random access file whose length its arguments tell, metered
     * for the disk's quota of a file the JDK opened for a guest ({@link FileGuard.WriteByte}), and
     * its channel, which writes to the same quota ({@link FileGuard.MeteredChannel}).
     */
    private static <T> DynamicType.Builder<T> writesMetered(DynamicType.Builder<T> builder) {
        return builder
                .visit(Advice.to(FileGuard.MeteredChannel.class).on(named("getChannel").and(takesArguments(0))))
                .visit(Advice.to(FileGuard.WriteByte.class, FileGuard.Written.class).on(named("write").and(takesArguments(int.class))))
                .visit(Advice.to(FileGuard.WriteArray.class, FileGuard.Written.class).on(named("write").and(takesArguments(byte[].class))))
                .visit(Advice.to(FileGuard.WriteRange.class, FileGuard.Written.class)
                        .on(named("write").and(takesArguments(byte[].class, int.class, int.class))));
    }

    /**
     * The classes of rows whose methods the class declares: the XML module's choke points differ
     * from JDK to JDK, in one class and across classes of one name.
     */
    static ElementMatcher<TypeDescription> declaring(Map<String, List<String>> rows) {
        return type -> rows.containsKey(type.getName())
                && !type.getDeclaredMethods().filter(ConfigurationGuard.declared(rows.get(type.getName()))).isEmpty();
    }

    /** Byte Buddy's Unsafe-based class injection is not needed to weave advice, and JDK 24+ warns on its first use of Unsafe. */
    private static void useByteBuddySafely() {
        if (System.getProperty(BYTE_BUDDY_SAFE) == null) {
            System.setProperty(BYTE_BUDDY_SAFE, "true");
        }
    }

    /** The guards' transformer by Byte Buddy, not installed: for a class file the woven ones do not match. */
    static ClassFileTransformer weaver() {
        useByteBuddySafely();
        List<String> errors = new CopyOnWriteArrayList<>();
        ClassFileTransformer raw = guards(errors).makeRaw();
        return new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                    byte[] classFile) throws IllegalClassFormatException {
                byte[] woven = raw.transform(module, loader, name, redefined, domain, classFile);
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("jvisor could not weave its guards into " + name + ": " + String.join("; ", errors));
                }
                return woven;
            }
        };
    }

    /** The guards' definition; {@code errors} receives what failed. */
    private static AgentBuilder guards(List<String> errors) {
        // Advice goes into the methods a class declares and changes no signature: the graph of
        // every method a class inherits, and the validation of a type's members, are start-up
        // spent on nothing (some 0.05 s of the weaving)
        return new AgentBuilder.Default(new ByteBuddy()
                        .with(TypeValidation.DISABLED)
                        .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
                .disableClassFormatChanges()
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
                        errors.add(typeName + ": " + error);
                    }
                })
                // every guarded class is the JDK's
                .ignore(any(), CalleeGuards::outsideJdk)
                .type(named("java.lang.Runtime"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ExitGuard.class).on(named("exit").or(named("halt")).and(takesArguments(int.class))))
                        .visit(Advice.to(ShutdownHookGuard.class).on(named("addShutdownHook").and(takesArguments(Thread.class))))
                        .visit(Advice.to(ShutdownHookGuard.Removal.class)
                                .on(named("removeShutdownHook").and(takesArguments(Thread.class))))
                        .visit(Advice.to(NativeGuard.Library.class).on(named("loadLibrary0").and(takesArguments(Class.class, String.class))))
                        .visit(Advice.to(NativeGuard.LibraryFile.class).on(named("load0").and(takesArguments(Class.class, String.class)))))
                .type(namedOneOf("java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ResourceGuard.class).on(isConstructor().and(takesArgument(0, java.io.File.class)))))
                .type(namedOneOf(OPENED_RESOURCES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ResourceGuard.class).on(isConstructor())))
                .type(named(CHANNEL_PROVIDER))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ChannelGroupGuard.class).on(named(DEFAULT_CHANNEL_GROUP).and(takesArguments(0)))))
                .type(named(CHANNEL_GROUP))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ChannelGroupGuard.Made.class).on(isConstructor())))
                .type(namedOneOf(EXECUTORS))
                .transform((builder, type, loader, module, domain) -> {
                    boolean forkJoin = type.getName().equals(java.util.concurrent.ForkJoinPool.class.getName());
                    DynamicType.Builder<?> made = builder.visit(Advice.to(ResourceGuard.ExecutorMade.class).on(isConstructor()
                            .and(takesArguments(forkJoin ? 10 : 7))));
                    return !forkJoin ? made : made
                            .visit(Advice.to(CommonPoolGuard.class).on(named("commonPool").and(isStatic()).and(takesArguments(0))))
                            .visit(Advice.to(CommonPoolGuard.JvmWorker.class).on(named("createWorker").and(takesArguments(0))))
                            .visit(CommonPoolGuard.commonReads());
                })
                .type(named("java.util.concurrent.ForkJoinTask"))
                .transform((builder, type, loader, module, domain) -> builder.visit(CommonPoolGuard.taskCommonReads()))
                .type(named("java.util.concurrent.CompletableFuture"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(CommonPoolGuard.DefaultExecutor.class).on(named("defaultExecutor").and(takesArguments(0))))
                        .visit(Advice.to(CommonPoolGuard.OwnAsyncPool.class, CommonPoolGuard.SupplyAsync.class)
                                .on(named("supplyAsync").and(takesArguments(1))))
                        .visit(Advice.to(CommonPoolGuard.OwnAsyncPool.class, CommonPoolGuard.RunAsync.class)
                                .on(named("runAsync").and(takesArguments(1))))
                        .visit(Advice.to(CommonPoolGuard.OwnAsyncPool.class, CommonPoolGuard.DelayedExecutor.class)
                                .on(named("delayedExecutor").and(takesArguments(long.class, java.util.concurrent.TimeUnit.class)))))
                .type(named("java.util.concurrent.SubmissionPublisher"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(CommonPoolGuard.Publisher.class).on(isConstructor()
                                .and(takesArguments(java.util.concurrent.Executor.class, int.class, java.util.function.BiConsumer.class)))))
                .type(named("java.util.Timer"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ResourceGuard.TimerMade.class).on(isConstructor().and(takesArguments(String.class, boolean.class)))))
                .type(named(DIRECTORY_STREAM))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ResourceGuard.class).on(isConstructor()))
                        .visit(Advice.to(ResourceGuard.Closed.class).on(named("close").and(takesArguments(0)))))
                .type(named(FILE_CHANNEL))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(ResourceGuard.FileChannel.advice().on(isConstructor())))
                .type(named("java.lang.Thread"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadGuard.class).on(named("start").and(takesArguments(0).or(inContainer())))))
                .type(named(VIRTUAL_THREAD))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadGuard.Virtual.class).on(named("start").and(inContainer())))
                        .visit(Advice.to(ThreadGuard.Scheduler.class).on(isConstructor().and(takesArguments(
                                java.util.concurrent.Executor.class, String.class, int.class, Runnable.class)))))
                .type(declaring(RMI_THREADS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadGuard.ServiceThread.class).on(ConfigurationGuard.declared(RMI_THREADS.get(type.getName()))
                                .and(returns(Thread.class)).and(not(isAbstract())))))
                .type(named("java.util.Locale"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.GetLocale.class).on(named("getDefault").and(takesArguments(0))))
                        .visit(Advice.to(DefaultsGuard.GetLocaleOf.class).on(named("getDefault")
                                .and(takesArguments(java.util.Locale.Category.class))))
                        .visit(Advice.to(DefaultsGuard.SetLocale.class).on(named("setDefault")
                                .and(takesArguments(java.util.Locale.class))))
                        .visit(Advice.to(DefaultsGuard.SetLocaleOf.class).on(named("setDefault")
                                .and(takesArguments(java.util.Locale.Category.class, java.util.Locale.class)))))
                .type(named("java.util.TimeZone"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.GetTimeZone.class).on(named("getDefaultRef").and(takesArguments(0))))
                        .visit(Advice.to(DefaultsGuard.SetTimeZone.class).on(named("setDefault")
                                .and(takesArguments(java.util.TimeZone.class)))))
                .type(namedOneOf(NETWORK_DEFAULTS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(type.getName().equals(SSL_CONTEXT) ? DefaultsGuard.GetTlsDefault.class
                                : DefaultsGuard.GetNetworkDefault.class).on(named("getDefault").and(isStatic())
                                .and(takesArguments(0))))
                        .visit(Advice.to(DefaultsGuard.SetNetworkDefault.class).on(named("setDefault").and(isStatic())
                                .and(takesArguments(1)))))
                .type(named(TRUST_STORE))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(TlsGuard.OwnTrust.class).on(namedOneOf("getTrustedCerts", "getTrustedKeyStore")
                                .and(isStatic()).and(takesArguments(0)))))
                .type(named(DEFAULT_SSL_CONTEXT))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(TlsGuard.JvmDefaultContext.class).on(isConstructor())))
                .type(named("javax.net.ssl.HttpsURLConnection"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.GetNetworkDefault.class).on(named("getDefaultHostnameVerifier").and(isStatic())))
                        .visit(Advice.to(DefaultsGuard.GetTlsDefault.class).on(named("getDefaultSSLSocketFactory")
                                .and(isStatic())))
                        .visit(Advice.to(DefaultsGuard.SetNetworkDefault.class).on(namedOneOf("setDefaultHostnameVerifier",
                                "setDefaultSSLSocketFactory").and(isStatic())))
                        .visit(Advice.to(DefaultsGuard.HostnameVerifier.class).on(isConstructor())))
                .type(named("java.net.HttpURLConnection"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.GetNetworkDefault.class).on(named("getFollowRedirects").and(isStatic())))
                        .visit(Advice.to(DefaultsGuard.SetNetworkDefault.class).on(named("setFollowRedirects").and(isStatic())))
                        .visit(Advice.to(DefaultsGuard.FollowRedirects.class).on(isConstructor())))
                .type(named("java.net.URLConnection"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.GetNetworkDefault.class).on(namedOneOf("getDefaultUseCaches",
                                "getDefaultAllowUserInteraction").and(takesArguments(0))))
                        .visit(Advice.to(DefaultsGuard.SetNetworkDefault.class).on(namedOneOf("setDefaultUseCaches",
                                "setDefaultAllowUserInteraction").and(takesArguments(boolean.class))))
                        .visit(Advice.to(DefaultsGuard.GetUseCaches.class).on(named("getDefaultUseCaches")
                                .and(takesArguments(String.class))))
                        .visit(Advice.to(DefaultsGuard.SetUseCaches.class).on(named("setDefaultUseCaches")
                                .and(takesArguments(String.class, boolean.class))))
                        .visit(Advice.to(DefaultsGuard.ConnectionDefaults.class).on(isConstructor())))
                .type(named("java.net.Authenticator"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.PasswordRequest.class).on(named("requestPasswordAuthentication")
                                .and(isStatic()))))
                .type(named("java.util.prefs.Preferences"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.PreferencesRoot.class).on(namedOneOf("userRoot", "systemRoot")
                                .and(takesArguments(0)))))
                .type(named("java.net.URL"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DefaultsGuard.SetUrlHandlerFactory.class).on(named("setURLStreamHandlerFactory")
                                .and(takesArguments(java.net.URLStreamHandlerFactory.class))))
                        .visit(Advice.to(DefaultsGuard.GetUrlHandler.class).on(named("getURLStreamHandler").and(isStatic())
                                .and(takesArguments(String.class)))))
                .type(named("java.lang.Thread"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadViewGuard.StackTraces.class).on(named("getAllStackTraces").and(takesArguments(0))))
                        .visit(Advice.to(DefaultsGuard.GetHandler.class).on(named("getDefaultUncaughtExceptionHandler")
                                .and(takesArguments(0))))
                        .visit(Advice.to(DefaultsGuard.SetHandler.class).on(named("setDefaultUncaughtExceptionHandler")
                                .and(takesArguments(Thread.UncaughtExceptionHandler.class))))
                        .visit(Advice.to(DefaultsGuard.UncaughtUnwinding.class).on(named("dispatchUncaughtException")
                                .and(takesArguments(Throwable.class)))))
                .type(named("java.lang.Throwable"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadViewGuard.OwnStackTrace.class).on(named("getOurStackTrace").and(takesArguments(0)))))
                .type(named("java.lang.ThreadGroup"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadViewGuard.Count.class, ThreadViewGuard.Answered.class)
                                .on(named("activeCount").and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.Enumerate.class, ThreadViewGuard.Answered.class)
                                .on(named("enumerate").and(takesArguments(Thread[].class))))
                        .visit(Advice.to(ThreadViewGuard.EnumerateRecursing.class, ThreadViewGuard.Answered.class)
                                .on(named("enumerate").and(takesArguments(Thread[].class, boolean.class))))
                        .visit(Advice.to(ThreadViewGuard.GroupCount.class, ThreadViewGuard.Answered.class)
                                .on(named("activeGroupCount").and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.EnumerateGroups.class, ThreadViewGuard.Answered.class)
                                .on(named("enumerate").and(takesArguments(ThreadGroup[].class))))
                        .visit(Advice.to(ThreadViewGuard.EnumerateGroupsRecursing.class, ThreadViewGuard.Answered.class)
                                .on(named("enumerate").and(takesArguments(ThreadGroup[].class, boolean.class))))
                        .visit(Advice.to(ThreadViewGuard.List.class).on(named("list").and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.Act.class).on(namedOneOf("interrupt", "stop", "suspend", "resume", "destroy")
                                .and(takesArguments(0)).or(named("setMaxPriority").and(takesArguments(int.class)))
                                .or(named("setDaemon").and(takesArguments(boolean.class)))))
                        .visit(Advice.to(DefaultsGuard.Uncaught.class).on(named("uncaughtException")
                                .and(takesArguments(Thread.class, Throwable.class)))))
                .type(named(THREAD_BEAN))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ThreadViewGuard.Ids.class).on(named("getAllThreadIds").and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.Deadlocked.class).on(named("findDeadlockedThreads")
                                .or(named("findMonitorDeadlockedThreads")).and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.Infos.class).on(named("getThreadInfo").and(
                                takesArguments(long[].class, int.class).or(takesArguments(long[].class, boolean.class, boolean.class))
                                        .or(takesArguments(long[].class, boolean.class, boolean.class, int.class)))))
                        .visit(Advice.to(ThreadViewGuard.Dump.class).on(named("dumpAllThreads")
                                .and(takesArguments(boolean.class, boolean.class, int.class))))
                        .visit(Advice.to(ThreadViewGuard.Counts.class).on(named("getThreadCount").or(named("getDaemonThreadCount"))
                                .and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.Peak.class).on(named("getPeakThreadCount").and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.TotalStarted.class).on(named("getTotalStartedThreadCount").and(takesArguments(0))))
                        .visit(Advice.to(ThreadViewGuard.ResetPeak.class).on(named("resetPeakThreadCount").and(takesArguments(0)))))
                .type(named(PROCESS_HANDLES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ProcessGuard.Destroy.class).on(named("destroyProcess").and(takesArguments(boolean.class))))
                        .visit(Advice.to(ProcessGuard.Look.class).on(isStatic().and(named("get").or(named("children")))
                                .and(takesArguments(long.class))))
                        .visit(Advice.to(ProcessGuard.LookAround.class).on(not(isStatic()).and(takesArguments(0))
                                .and(named("parent").or(named("children")).or(named("descendants")))))
                        .visit(Advice.to(ProcessGuard.Info.class).on(named("info").and(takesArguments(0)))))
                .type(named(DRIVER_MANAGER))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(JdbcGuard.Register.class).on(named("registerDriver").and(takesArguments(2))))
                        .visit(Advice.to(JdbcGuard.Deregister.class).on(named("deregisterDriver").and(takesArguments(1))))
                        .visit(Advice.to(JdbcGuard.Connect.class).on(named("getConnection").and(isPrivate()).and(takesArguments(3))))
                        .visit(Advice.to(JdbcGuard.DriverFor.class).on(named("getDriver").and(takesArguments(1))))
                        .visit(Advice.to(JdbcGuard.Drivers.class).on(named("getDrivers").and(isPrivate()).and(takesArguments(1))))
                        .visit(Advice.to(JdbcGuard.Setting.class).on(namedOneOf("getLoginTimeout", "getLogWriter", "getLogStream")
                                .and(takesArguments(0))))
                        .visit(Advice.to(JdbcGuard.SettingChange.class).on(namedOneOf("setLoginTimeout", "setLogWriter",
                                "setLogStream").and(takesArguments(1))))
                        .visit(Advice.to(JdbcGuard.Log.class).on(named("println").and(takesArguments(String.class)))))
                .type(named(SECURITY_PROVIDERS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(SecurityGuard.Read.class).on(named("getSystemProviderList").and(takesArguments(0))))
                        .visit(Advice.to(SecurityGuard.Write.class).on(named("setSystemProviderList").and(takesArguments(1)))))
                .type(namedOneOf(PROVIDER_CHANGES.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(SecurityGuard.ProviderChange.class).on(isPublic().and(not(isStatic())).and(namedOneOf(
                                PROVIDER_CHANGES.get(type.getName()).toArray(new String[0]))))))
                .type(named("java.security.Security"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(SecurityGuard.Change.class).on(namedOneOf("addProvider", "insertProviderAt",
                                "removeProvider"))))
                .type(named(IMAGE_REGISTRY))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ImageIoGuard.class).on(named("getDefaultInstance").and(takesArguments(0)))))
                .type(named(IMAGE_IO))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(ImageIoGuard.registryReads())
                        .visit(ImageIoGuard.registryWrite()))
                .type(named(STYLE_CONTEXT))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(StyleContextGuard.class).on(named("getDefaultStyleContext").and(takesArguments(0)))))
                .type(named(CLOSEABLE_DISPOSER_RECORD))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(DisposerGuard.class).on(named("dispose").and(takesArguments(0)))))
                .type(named(HTTP_CLIENT))
                .transform((builder, type, loader, module, domain) -> builder.visit(CommonPoolGuard.httpClientExecutor()))
                .type(named(FONT_MANAGER_FACTORY))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FontManagerGuard.class).on(named("getInstance").and(isStatic()).and(takesArguments(0)))))
                .type(named(APP_CONTEXT))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(AppContextGuard.class).on(named("getAppContext").and(isStatic()).and(takesArguments(0)))))
                .type(named(MEMORY_BEAN))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(MemoryGuard.class).on(named("getHeapMemoryUsage").and(takesArguments(0)))))
                .type(named(RUNTIME_BEAN))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ProcessGuard.RuntimeBean.class).on(namedOneOf("getInputArguments", "getClassPath",
                                "getLibraryPath", "getSystemProperties").and(takesArguments(0)))))
                .type(named("java.lang.ProcessBuilder"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ProcessGuard.class).on(named("start").and(takesArguments(1)).and(isPrivate())))
                        .visit(Advice.to(ProcessGuard.Environment.class).on(named("environment").and(takesArguments(0)))))
                .type(named(NET))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Connect.class).on(named("connect").and(takesArguments(4))))
                        .visit(Advice.to(NetworkGuard.Bind.class).on(named("bind").and(takesArguments(4))))
                        .visit(Advice.to(NetworkGuard.Unresolved.class).on(named("checkAddress")
                                .and(takesArguments(java.net.SocketAddress.class)))))
                .type(named(AUTHENTICATOR_KEYS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.CredentialsKey.class).on(named("getKey")
                                .and(takesArguments(java.net.Authenticator.class)))))
                .type(KEYED_CREDENTIALS ? none() : named(AUTH_CACHE))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Credentials.class).on(named("getDefault").and(isStatic())
                                .and(takesArguments(0)))))
                .type(named(DIRECT_MEMORY))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(MemoryGuard.DirectReserve.class).on(named("reserveMemory").and(takesArguments(long.class, long.class)))))
                .type(named(DIRECT_DEALLOCATOR))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(MemoryGuard.DirectAllocated.class).on(isConstructor().and(takesArguments(long.class, long.class, int.class))))
                        .visit(Advice.to(MemoryGuard.DirectFreed.class).on(named("run").and(takesArguments(0)))))
                .type(named(JAR_CACHE))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.JarCache.class).on(named("urlKey").and(takesArguments(java.net.URL.class)))))
                .type(named(CONNECTION_CACHE))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.ConnectionCache.class).on(named("put")
                                .and(takesArguments(3)).and(takesArgument(0, java.net.URL.class))
                                .or(named("get").and(takesArguments(java.net.URL.class, Object.class))))))
                .type(named(SOCKET_IMPL))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Unresolved.class).on(named("connect")
                                .and(takesArguments(java.net.SocketAddress.class, int.class)))))
                .type(named(DATAGRAMS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Send.class).on(named("send").and(takesArguments(2)))))
                .type(named("java.net.InetAddress"))
                .transform((builder, type, loader, module, domain) -> builder
                        // before the JDK's cache of lookups: a name the host or another guest looked up is decided too;
                        // the private overload that consults the cache (JDK 17: four arguments, later: two)
                        .visit(Advice.to(NetworkGuard.Resolve.class).on(named("getAllByName0").and(isPrivate())
                                .and(takesArgument(0, String.class)).and(not(takesArguments(1)))))
                        .visit(Advice.to(NetworkGuard.LocalHost.class).on(named("getLocalHost").and(takesArguments(0))))
                        // JDK 17: (InetAddress, boolean), later: (InetAddress)
                        .visit(Advice.to(NetworkGuard.ReverseLookup.class).on(named("getHostFromNameService").and(isStatic())))
                        .visit(Advice.to(NetworkGuard.Reachable.class).on(named("isReachable")
                                .and(takesArguments(java.net.NetworkInterface.class, int.class, int.class)))))
                .type(named("java.lang.System"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(StdioGuard.class).on(named("setIn").or(named("setOut")).or(named("setErr"))
                                .and(takesArguments(1)))))
                .type(namedOneOf("java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.Failure.class).on(named("open").and(isPrivate())
                                .and(takesArgument(0, String.class)))))
                .type(namedOneOf(NIO_PROVIDERS.toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.Failure.class).on(pathMethod(CHANNELS).or(pathMethod(PATH_READS))
                                .or(pathMethod(PATH_WRITES)))))
                .type(named("java.io.FileInputStream"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.Open.class).on(isConstructor().and(takesArguments(java.io.File.class))))
                        .visit(Advice.to(FileGuard.Descriptor.class)
                                .on(isConstructor().and(takesArguments(java.io.FileDescriptor.class)))))
                .type(named("java.io.FileOutputStream"))
                .transform((builder, type, loader, module, domain) -> writesMetered(builder
                        .visit(Advice.to(FileGuard.OpenForWriting.class)
                                .on(isConstructor().and(takesArguments(java.io.File.class, boolean.class))))
                        .visit(Advice.to(FileGuard.Descriptor.class, FileGuard.DescriptorShared.class)
                                .on(isConstructor().and(takesArguments(java.io.FileDescriptor.class))))))
                .type(named("java.io.RandomAccessFile"))
                .transform((builder, type, loader, module, domain) -> writesMetered(builder
                        .visit(Advice.to(FileGuard.RandomAccess.class)
                                .on(isConstructor().and(takesArguments(java.io.File.class, String.class)))))
                        .visit(Advice.to(FileGuard.WriteString.class, FileGuard.Written.class)
                                .on(named("writeBytes").and(takesArguments(String.class))))
                        .visit(Advice.to(FileGuard.WriteChars.class, FileGuard.Written.class)
                                .on(named("writeChars").and(takesArguments(String.class)))))
                .type(named("java.io.File"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.OverNative.class).on(FILE_OVER_NATIVES ? fileMethodsOverNatives() : none()))
                        .visit(Advice.to(FileGuard.ByName.class, FileGuard.OverNative.class).on(namedOneOf(Guards.FILE_CHANGES_BY_NAME.toArray(new String[0]))
                                .and(not(isStatic())).and(takesArguments(0))))
                        .visit(Advice.to(FileGuard.TemporaryFile.class).on(named("createTempFile")
                                .and(takesArguments(String.class, String.class, java.io.File.class)))))
                .type(named(IO_FILES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.Query.class).on(woven("getBooleanAttributes", "hasBooleanAttributes",
                                "checkAccess", "getLastModifiedTime", "getLength", "list", "getSpace")
                                .and(takesArgument(0, java.io.File.class))))
                        .visit(Advice.to(FileGuard.Change.class).on(woven("setLastModifiedTime", "setReadOnly", "setPermission")
                                .and(takesArgument(0, java.io.File.class))))
                        .visit(Advice.to(FileGuard.Change.class, FileGuard.Changed.class).on(woven("delete", "createDirectory")
                                .and(takesArguments(java.io.File.class))))
                        .visit(Advice.to(FileGuard.Rename.class, FileGuard.Changed.class).on(woven("rename")
                                .and(takesArguments(java.io.File.class, java.io.File.class))))
                        .visit(Advice.to(FileGuard.AbsoluteFile.class).on(woven("resolve").and(takesArguments(java.io.File.class)))))
                .type(named(NIO_TEMPORARY_FILES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.TemporaryDirectory.class).on(named("create").and(takesArgument(0, java.nio.file.Path.class)))))
                .type(named(NIO_PATH))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.AbsolutePath.class).on(named("toAbsolutePath").and(takesArguments(0))
                                .and(not(isBridge()))))
                        .visit(Advice.to(FileGuard.RealPath.class).on(named("toRealPath")
                                .and(takesArguments(java.nio.file.LinkOption[].class)))))
                .type(namedOneOf(NIO_PROVIDERS.toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.Channel.class, FileGuard.NameMade.class).on(pathMethod(CHANNELS)
                                .and(takesArgument(1, java.util.Set.class))))
                        .visit(Advice.to(FileGuard.ReadPath.class).on(pathMethod(PATH_READS)))
                        .visit(Advice.to(FileGuard.WritePath.class).on(pathMethod(PATH_WRITES)))
                        .visit(Advice.to(FileGuard.ReadSecondPath.class).on(pathMethod("isSameFile", "createLink")
                                .and(takesArgument(1, java.nio.file.Path.class))))
                        .visit(Advice.to(FileGuard.LinkTarget.class).on(pathMethod("createSymbolicLink")
                                .and(takesArgument(1, java.nio.file.Path.class))))
                        .visit(Advice.to(FileGuard.WriteSecondPath.class).on(pathMethod("copy", "move")
                                .and(takesArgument(1, java.nio.file.Path.class))))
                        .visit(Advice.to(FileGuard.QueryPath.class).on(pathMethod("getFileAttributeView", "isHidden",
                                "isDirectory", "isRegularFile", "exists", "isReadable", "isWritable", "isExecutable")))
                        .visit(Advice.to(FileGuard.SocketFile.class).on(pathMethod("getSunPathForSocketFile"))))
                .type(named("java.net.UnixDomainSocketAddress"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.SocketPath.class).on(named("of").and(isStatic())
                                .and(takesArguments(java.nio.file.Path.class)))))
                .type(named(UNIX_SOCKETS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(FileGuard.SocketAddressShown.class).on(named("localAddress")
                                .and(takesArguments(java.io.FileDescriptor.class))))
                        .visit(Advice.to(FileGuard.SocketBind.class, FileGuard.NameMade.class).on(named("bind").and(isStatic())
                                .and(takesArguments(java.io.FileDescriptor.class, java.nio.file.Path.class))))
                        .visit(Advice.to(FileGuard.SocketPeerShown.class).on(named("accept")
                                .and(takesArguments(java.io.FileDescriptor.class, java.io.FileDescriptor.class, String[].class)))))
                .type(named("java.lang.invoke.MethodHandles$Lookup"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ClassGuard.Hidden.class).on(named("defineHiddenClass")
                                .or(named("defineHiddenClassWithClassData")).and(takesArgument(0, byte[].class))))
                        .visit(Advice.to(ReflectionGuard.LookupHandle.class).on(namedOneOf("findStatic", "findVirtual",
                                "findConstructor", "findSpecial", "findGetter", "findStaticGetter", "bind", "unreflect",
                                "unreflectSpecial", "unreflectConstructor", "unreflectGetter").and(isPublic()))))
                .type(named("java.lang.reflect.Method"))
                .transform((builder, type, loader, module, domain) -> builder
                        // and, from JDK 18, the adapter that reflection and method handles call for the caller-sensitive invoke
                        .visit(Advice.to(ReflectionGuard.Invoke.class).on(named("invoke")
                                .and(takesArguments(Object.class, Object[].class).or(takesArguments(Object.class, Object[].class, Class.class))))))
                .type(named("java.lang.reflect.Constructor"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ReflectionGuard.NewInstance.class, ReflectionGuard.Invoke.class).on(named("newInstanceWithCaller")
                                .and(takesArgument(0, Object[].class)))))
                .type(named("java.lang.reflect.AccessibleObject"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ClassGuard.Accessible.class).on(named("checkCanSetAccessible")
                                .and(takesArguments(Class.class, Class.class, boolean.class)))))
                .type(named("java.lang.invoke.MethodHandles"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ClassGuard.PrivateLookup.class).on(named("privateLookupIn")
                                .and(takesArguments(Class.class, java.lang.invoke.MethodHandles.Lookup.class)))))
                .type(named("java.lang.ClassLoader"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ClassGuard.Loader.class).on(isConstructor().and(isPrivate())
                                .and(takesArguments(Void.class, String.class, ClassLoader.class))))
                        .visit(Advice.to(ClassGuard.AssertionStatus.class).on(namedOneOf("setDefaultAssertionStatus",
                                "setPackageAssertionStatus", "setClassAssertionStatus", "clearAssertionStatus"))))
                .type(named(SERVICE_WALK))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ClassGuard.JdkToolProviders.class).on(named("iteratorFor")
                                .and(takesArguments(ClassLoader.class)))))
                .type(named("java.nio.file.spi.FileSystemProvider"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ClassGuard.FileSystemProviders.class).on(named("installedProviders").and(isStatic())
                                .and(takesArguments(0)))))
                .type(RESTRICTED_METHODS ? named("java.lang.Module") : none())
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NativeGuard.Restricted.class).on(named("ensureNativeAccess")
                                .and(takesArgument(0, Class.class)).and(takesArgument(1, String.class))
                                .and(takesArgument(2, Class.class)))))
                .type(namedOneOf(GLOBAL_STATE.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(GlobalStateGuard.class).on(not(isAbstract()).and(namedOneOf(
                                GLOBAL_STATE.get(type.getName()).toArray(new String[0]))))))
                .type(namedOneOf(JVM_SWITCHES.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(GlobalStateGuard.Switch.class).on(takesArguments(boolean.class).and(namedOneOf(
                                JVM_SWITCHES.get(type.getName()).toArray(new String[0]))))))
                .type(namedOneOf(SERIALIZATION.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ReflectionGuard.SerializationConstructor.class).on(named("newConstructorForSerialization")
                                .and(takesArguments(Class.class, java.lang.reflect.Constructor.class))))
                        .visit(Advice.to(ReflectionGuard.Serialization.class).on(takesArguments(Class.class).and(namedOneOf(
                                SERIALIZATION.get(type.getName()).toArray(new String[0]))))))
                .type(named(SIGNALS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(GlobalStateGuard.SignalHandling.class).on(named("handle").and(isStatic())
                                .and(takesArguments(2))))
                        .visit(Advice.to(GlobalStateGuard.SignalRaising.class).on(named("raise").and(isStatic())
                                .and(takesArguments(1)))))
                .type(namedOneOf(LOGGERS.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.Changing.class).on(not(isStatic()).and(takesArguments(1)).and(namedOneOf(
                                LOGGERS.get(type.getName()).toArray(new String[0]))))))
                .type(namedOneOf(LOG_MANAGERS.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.ManagerChanging.class).on(not(isStatic()).and(namedOneOf(
                                LOG_MANAGERS.get(type.getName()).toArray(new String[0]))))))
                .type(named(LOGGER))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.Demand.class, LoggingGuard.Found.class).on(named("demandLogger")
                                .and(takesArguments(String.class, String.class, Class.class))))
                        .visit(Advice.to(LoggingGuard.Global.class).on(named("getGlobal").and(takesArguments(0))))
                        .visit(Advice.to(LoggingGuard.Anonymous.class).on(named("getAnonymousLogger")
                                .and(takesArguments(String.class)))))
                .type(named("java.util.logging.LogManager"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.Manager.class).on(named("getLogManager").and(takesArguments(0)))))
                .type(named("java.util.logging.FileHandler"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.LogFile.class).on(named("generate").and(isStatic())
                                .and(takesArguments(String.class, int.class, int.class, int.class)))))
                .type(named(LOGGING_BEAN))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.BeanRead.class).on(namedOneOf("getLoggerNames", "getLoggerLevel",
                                "getParentLoggerName")))
                        .visit(Advice.to(LoggingGuard.BeanWrite.class).on(named("setLoggerLevel"))))
                .type(named(LOGGING_PROVIDER))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(LoggingGuard.SystemDemand.class, LoggingGuard.Found.class).on(named("demandJULLoggerFor")
                                .and(takesArguments(String.class, Module.class)))))
                .type(namedOneOf(MBEAN_SERVERS.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(GlobalStateGuard.MBeanServer.class).on(not(isAbstract()).and(isPublic()).and(namedOneOf(
                                MBEAN_SERVERS.get(type.getName()).toArray(new String[0]))))))
                .type(named(ATTACH_PROVIDERS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ProcessGuard.MachineLook.class).on(named("listVirtualMachines").and(takesArguments(0)))))
                .type(named(RMI_SERVER_REF))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.RmiExport.class).on(named("exportObject").and(takesArguments(3))))
                        .visit(Advice.to(NetworkGuard.RmiDispatch.class).on(named("dispatch").and(takesArguments(2)))))
                .type(named(RMI_CHANNEL))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.RmiConnection.class).on(named("newConnection").and(takesArguments(0))))
                        .visit(Advice.to(NetworkGuard.RmiConnectionFreed.class).on(named("free").and(takesArguments(2)))))
                .type(named(PRINT_CUPS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Cups.class).on(named("isCupsRunning").and(takesArguments(0)))))
                .type(named(LDAP_POOLS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.LdapPooling.class).on(named("isPoolingAllowed").and(isStatic()))))
                .type(named(JNDI_PROPERTIES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ConfigurationGuard.JndiProperty.class).on(named("getJndiProperty")
                                .and(takesArguments(int.class))))
                        .visit(Advice.to(ConfigurationGuard.JndiProperties.class).on(named("getJndiProperties")
                                .and(takesArguments(0)))))
                .type(declaring(CONFIGURATION_READS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(ConfigurationGuard.reads("configurationProperty", CONFIGURATION_READS.get(type.getName()))))
                .type(declaring(PROPERTIES_SHOWN))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(ConfigurationGuard.reads("propertyShown", PROPERTIES_SHOWN.get(type.getName()))))
                .type(declaring(INTEGERS_SHOWN))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(ConfigurationGuard.integerReads(INTEGERS_SHOWN.get(type.getName()))))
                .type(declaring(JVM_CONFIGURATION))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ConfigurationGuard.JvmConfiguration.class)
                                .on(ConfigurationGuard.declared(JVM_CONFIGURATION.get(type.getName())))))
                .type(declaring(JVM_REFRESHES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ConfigurationGuard.Refresh.class, ConfigurationGuard.JvmConfiguration.class)
                                .on(ConfigurationGuard.declared(JVM_REFRESHES.get(type.getName())))))
                .type(declaring(SERVICE_FILES))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ConfigurationGuard.JvmServiceFile.class, ConfigurationGuard.JvmConfiguration.class)
                                .on(ConfigurationGuard.declared(SERVICE_FILES.get(type.getName())))))
                .type(declaring(ENVIRONMENT_READS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(ConfigurationGuard.environmentReads(ENVIRONMENT_READS.get(type.getName()))))
                .type(namedOneOf(MANAGEMENT.keySet().toArray(new String[0])))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(GlobalStateGuard.Management.class).on(not(isAbstract()).and(isPublic()).and(namedOneOf(
                                MANAGEMENT.get(type.getName()).toArray(new String[0]))))));
    }
}
