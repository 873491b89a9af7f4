package io.jvisor.hooks;

/**
 * Entry points for the guards that jvisor's agent weaves into JDK methods themselves (callee side),
 * where every path to a privileged operation must pass, trapped or not. Each forwards to the
 * installed {@link TrapHandler}; before one is installed, the guards are not woven in.
 */
public final class Guards {

    private Guards() {
    }

    /** Entered at the start of {@code Runtime.exit} and {@code Runtime.halt}. */
    public static void exitRequested(int status, boolean halt) {
        Traps.handler().exitRequested(status, halt);
    }

    /** Entered at the start of {@code Runtime.addShutdownHook}; {@code true} skips the JDK's code. */
    public static boolean shutdownHookAdding(Thread hook) {
        return Traps.handler().shutdownHookAdding(hook);
    }

    /** Entered at the start of {@code Runtime.removeShutdownHook}; non-{@code null} skips the JDK's code. */
    public static Boolean shutdownHookRemoving(Thread hook) {
        return Traps.handler().shutdownHookRemoving(hook);
    }

    /**
     * Entered where {@code ProcessBuilder} starts each process; throws if the start is denied.
     * Returns what puts the builder back after the start, or {@code null}.
     */
    public static Runnable processStarting(ProcessBuilder builder) throws java.io.IOException {
        return Traps.handler().processStarting(builder);
    }

    /** Entered as {@code ProcessBuilder.environment()} returns its map. */
    public static void processEnvironmentReturned(ProcessBuilder builder, java.util.Map<String, String> environment) {
        Traps.handler().processEnvironmentReturned(builder, environment);
    }

    /** Entered where every TCP connection is made; throws the ConnectException of a refused one. */
    public static void connecting(java.net.InetAddress address, int port) throws java.io.IOException {
        Traps.handler().connecting(address, port);
    }

    /** Entered where every datagram is sent; throws the SocketException of a refused send. */
    public static void sending(java.net.SocketAddress target) throws java.io.IOException {
        Traps.handler().sending(target);
    }

    /**
     * Left by the getters of the JVM-wide defaults connections use ({@code ProxySelector},
     * {@code CookieHandler}, {@code ResponseCache}, {@code Authenticator} and {@code SSLContext}'s
     * {@code getDefault()}, {@code HttpsURLConnection}'s default hostname verifier and socket
     * factory, {@code HttpURLConnection.getFollowRedirects()}), which the JDK's connections ask
     * too, and by the constructors that copy one: the calling guest's own, or the JVM's
     * ({@code jvms}) for the host.
     *
     * @param method the getter, as {@code java.net.ProxySelector.getDefault}
     */
    public static Object networkDefault(String method, Object jvms) throws java.security.NoSuchAlgorithmException {
        return Traps.handler().networkDefault(method, jvms);
    }

    /**
     * Entered at the JDK's trust anchors of the default trust store ({@code TrustStoreManager}'s
     * {@code getTrustedCerts} and {@code getTrustedKeyStore}), which every default trust manager
     * takes ({@code TrustManagerFactory.init((KeyStore) null)}, an {@code SSLContext} initialised
     * without trust managers): the calling guest's own, as its {@code javax.net.ssl.trustStore}
     * properties name them, or {@code null} to let the JDK read the JVM's.
     *
     * @param method the method entered, {@code getTrustedCerts} or {@code getTrustedKeyStore}
     */
    public static Object ownTrust(String method) throws Exception {
        return Traps.handler().ownTrust(method);
    }

    /**
     * Entered where the JDK makes an {@code SSLContext} of the JVM's default managers (its
     * {@code "Default"} algorithm); throws the SecurityException of a guest that may not have them.
     */
    public static void jvmDefaultSslContextMaking() {
        Traps.handler().jvmDefaultSslContextMaking();
    }

    /**
     * Entered at their setters: {@code true} if it set the calling guest's own (the JDK's code
     * skipped), {@code false} to let the JDK set the JVM's; throws the SecurityException of a
     * refused one.
     *
     * @param method the setter, as {@code java.net.ProxySelector.setDefault}
     */
    public static boolean networkDefaultSetting(String method, Object value) {
        return Traps.handler().networkDefaultSetting(method, value);
    }

    /**
     * Left by {@code URLConnection.getDefaultUseCaches(String)}, which each connection asks as it
     * is made: whether the calling guest's own connections of the protocol use caches, or the
     * JVM's answer ({@code jvms}) for the host.
     */
    public static boolean defaultUseCaches(String protocol, boolean jvms) {
        return Traps.handler().defaultUseCaches(protocol, jvms);
    }

    /**
     * Entered at {@code URLConnection.setDefaultUseCaches(String, boolean)}: {@code true} if it
     * set the calling guest's own (the JDK's code skipped), {@code false} to let the JDK set the
     * JVM's; throws the SecurityException of a refused one.
     */
    public static boolean defaultUseCachesSetting(String protocol, boolean value) {
        return Traps.handler().defaultUseCachesSetting(protocol, value);
    }

    /**
     * Left by {@code ServiceLoader}'s look-up of the providers in the modules the platform loader
     * defines, as it walks up a loader's parents: with the walk's own lookup, the walk, and the
     * providers it found.
     *
     * @return the providers, and first those of the JDK's tool modules for a guest's look-up
     */
    public static java.util.Iterator<?> withJdkToolProviders(java.lang.invoke.MethodHandles.Lookup walkLookup, Object walk,
            java.util.Iterator<?> providers) throws Throwable {
        return Traps.handler().withJdkToolProviders(walkLookup, walk, providers);
    }

    /** {@link #guestPasswordAuthentication}'s answer where the guest's authenticator gives none, or it has none. */
    public static final Object NO_PASSWORD = new Object();

    /**
     * Entered at {@code Authenticator.requestPasswordAuthentication}, with its arguments: on a
     * guest's behalf where no authenticator of the caller's is given, its own default
     * authenticator's answer, or {@link #NO_PASSWORD} (the JVM's default, the host's credentials,
     * is never asked); {@code null} to let the JDK ask (the host's call, or a given authenticator).
     */
    public static Object guestPasswordAuthentication(Object[] arguments) {
        return Traps.handler().guestPasswordAuthentication(arguments);
    }

    /**
     * Left by JDK 17's {@code AuthenticatorKeys.getKey(null)}: the key of the HTTP credentials the
     * JVM's default authenticator gave, which the JDK keeps JVM-wide; for a guest, a key of its own,
     * so that its connections never send the host's.
     */
    public static String defaultCredentialsKey(String jvms) {
        return Traps.handler().defaultCredentialsKey(jvms);
    }

    /**
     * Left by {@code AuthCacheImpl.getDefault()}: the JVM's cache of HTTP credentials for the host,
     * the calling guest's own, or {@code null} where the guest has none yet (the caller makes one
     * and keeps it with {@link #keepDefaultCredentials}).
     */
    public static Object defaultCredentials(Object jvms) {
        return Traps.handler().defaultCredentials(jvms, null);
    }

    /** The guest's cache of HTTP credentials: {@code made}, or the one it kept first. */
    public static Object keepDefaultCredentials(Object made) {
        return Traps.handler().defaultCredentials(null, made);
    }

    /**
     * Entered where the JDK puts an HTTP connection kept alive into its JVM-wide cache, or takes one
     * out, with the key's object (none for HTTP, the socket factory for HTTPS): the key of the
     * calling guest's own connections, so that no program takes another's connection, which skips
     * the connect its policy decides; the same object for the host.
     */
    public static Object connectionCacheKey(Object key) {
        return Traps.handler().connectionCacheKey(key);
    }

    /**
     * Entered where the JDK pools connections JVM-wide with no key of their program (RMI's, JNDI's
     * LDAP pools): whether the calling program may only use connections it opens itself, which its
     * policy decides, and leave none for others (a guest); {@code false} for the host.
     */
    public static boolean ownConnectionsOnly() {
        return Traps.handler().ownConnectionsOnly();
    }

    /**
     * Entered where the JDK's native code is to connect to a server of the host's configuration
     * (the CUPS server {@code javax.print} asks for printers): whether the calling program's policy
     * allows that connect, as its own; {@code true} for the host.
     */
    public static boolean nativeConnectAllowed(String host, int port) {
        return Traps.handler().nativeConnectAllowed(host, port);
    }

    /**
     * Entered at RMI's {@code TCPChannel.newConnection()}, with the endpoint's free connections: for
     * a guest ({@link #ownConnectionsOnly}), those connections, taken out of the list while it
     * makes a connection of its own (the JDK would hand it another program's, skipping the connect
     * its policy decides); {@code null} for the host, which takes them as they are.
     */
    public static java.util.List<Object> pooledConnectionsHidden(java.util.List<Object> free) {
        if (!ownConnectionsOnly()) {
            return null;
        }
        synchronized (free) {
            java.util.List<Object> hidden = new java.util.ArrayList<>(free);
            free.clear();
            return hidden;
        }
    }

    /** Left by RMI's {@code TCPChannel.newConnection()}: the free connections {@link #pooledConnectionsHidden} took out, back. */
    public static void pooledConnectionsRestored(java.util.List<Object> free, java.util.List<Object> hidden) {
        synchronized (free) {
            free.addAll(0, hidden);
        }
    }

    /**
     * Left where the JDK makes the key under which it keeps the jar file a jar: URL opened, JVM-wide:
     * the key of the calling guest's own jars, so that no program finds another's file (or the
     * host's) by the same URL; the same key for the host.
     */
    public static String jarCacheKey(String key) {
        return Traps.handler().jarCacheKey(key);
    }

    /**
     * Entered where a {@code FileHandler} makes a log file's path of its pattern: the pattern with
     * the directory its last {@code %t} or {@code %h} stands for (all before it the JDK drops) put in
     * as the calling guest's temporary or home directory, its own {@code java.io.tmpdir} or
     * {@code user.home}, where the JDK would put the JVM's; the same pattern for the host.
     */
    public static String logFilePattern(String pattern) {
        int at = -1;
        char kind = 0;
        for (int i = 0; pattern != null && i + 1 < pattern.length(); i++) {
            if (pattern.charAt(i) == '%') {
                char next = Character.toLowerCase(pattern.charAt(++i));
                if (next == 't' || next == 'h') {
                    at = i - 1;
                    kind = next;
                }
            }
        }
        if (at < 0) {
            return pattern;
        }
        java.util.Properties own = Traps.handler().jdkPropertiesFor(false);
        if (own == null) {
            return pattern;
        }
        String dir = kind == 't' ? own.getProperty("java.io.tmpdir") : null;
        if (dir == null) {
            dir = own.getProperty("user.home");
        }
        if (dir == null) {
            return pattern;
        }
        String rest = pattern.substring(at + 2);
        return dir.replace("%", "%%") + (rest.isEmpty() || rest.startsWith("/") ? "" : "/") + rest;
    }

    /**
     * Entered at {@code Preferences.userRoot()} and {@code systemRoot()}: the calling guest's own
     * tree, or {@code null} for the JVM's.
     */
    public static java.util.prefs.Preferences preferencesRoot(boolean user) {
        return Traps.handler().preferencesRoot(user);
    }

    /**
     * Left by the JDK's refusal to connect to an address it could not resolve ({@code UnknownHostException}
     * of a socket's connect, {@code UnresolvedAddressException} of a channel's): where that was
     * because jvisor refused this thread the look-up of the name (which {@code InetSocketAddress}
     * swallows), the exception says so; else the same.
     */
    public static Throwable unresolvedAddressFailed(Throwable thrown, java.net.SocketAddress address) {
        if (!(address instanceof java.net.InetSocketAddress) || !((java.net.InetSocketAddress) address).isUnresolved()
                || !(thrown instanceof java.net.UnknownHostException || thrown instanceof java.nio.channels.UnresolvedAddressException)) {
            return thrown;
        }
        String refusal = Traps.handler().lookupRefused(((java.net.InetSocketAddress) address).getHostString());
        if (refusal == null) {
            return thrown;
        }
        java.net.UnknownHostException refused = new java.net.UnknownHostException(refusal);
        refused.setStackTrace(thrown.getStackTrace());
        if (thrown instanceof java.net.UnknownHostException) {
            return refused;
        }
        if (thrown.getCause() == null) {
            thrown.initCause(refused);
        }
        return thrown;
    }

    /**
     * Entered where every name lookup goes to the name service; throws the UnknownHostException of
     * a refused one, returns the addresses of a name the hypervisor answers itself (else {@code null}).
     */
    public static java.net.InetAddress[] resolving(String host) throws java.net.UnknownHostException {
        return Traps.handler().resolving(host);
    }

    /** Entered where a direct buffer's native memory is counted against the JVM's limit, before it is allocated. */
    public static void directMemoryReserving(long size) {
        Traps.handler().directMemoryReserving(size);
    }

    /** Left where a direct buffer's native memory was allocated, at its address. */
    public static void directMemoryAllocated(long address, long size) {
        Traps.handler().directMemoryAllocated(address, size);
    }

    /** Entered where a direct buffer's native memory is freed, on whichever thread frees it. */
    public static void directMemoryFreed(long address) {
        Traps.handler().directMemoryFreed(address);
    }

    /** Left by a lookup the name service answered, with its addresses. */
    public static void resolved(String host, java.net.InetAddress[] addresses) {
        Traps.handler().resolved(host, addresses);
    }

    /**
     * Entered where the JDK looks up an address's name: {@code null} to look it up, or the
     * address's text where the guest may not (what a failed lookup gives).
     */
    public static String reverseResolving(java.net.InetAddress address) {
        return Traps.handler().reverseResolving(address);
    }

    /** Entered at {@code InetAddress.getLocalHost()}: the guest's own address, or {@code null} for the host's. */
    public static java.net.InetAddress localHost() throws java.net.UnknownHostException {
        return Traps.handler().localHost();
    }

    /**
     * Entered where every socket is bound; throws the BindException of a refused bind, returns the
     * address to bind.
     */
    public static java.net.InetAddress binding(java.net.InetAddress address, int port) throws java.io.IOException {
        return Traps.handler().binding(address, port);
    }

    /** Left by a bind that succeeded, with the lookup of the class that binds and the socket's descriptor. */
    public static void bound(java.lang.invoke.MethodHandles.Lookup net, java.io.FileDescriptor fd, java.net.InetAddress address,
            int port) {
        Traps.handler().bound(net, fd, address, port);
    }

    /** Entered at the start of {@code System.setIn/setOut/setErr}; {@code true} skips the JDK's code. */
    public static boolean stdioReplacing(int stream, Object replacement) {
        return Traps.handler().stdioReplacing(stream, replacement);
    }

    /**
     * Entered where the JDK opens or changes a file by a {@code java.io.File}: the file to use
     * instead (a guest's path on its disk), or the same file. Throws the exception of a refused access.
     */
    public static java.io.File fileAccess(java.io.File file, boolean write) throws java.io.IOException {
        return file == null ? null : Traps.handler().fileAccess(file, write);
    }

    /**
     * Entered as {@code FileOutputStream(File, boolean)} and {@code RandomAccessFile(File, String)}
     * open a file for writing, after {@link #fileAccess} chose it: what will count the writes of a
     * file the JDK opens for a guest on its disk against the disk's quota, or {@code null}.
     *
     * @param truncates whether opening it empties the file (a stream that does not append)
     */
    public static Object fileWriteMeter(java.io.File file, boolean truncates) throws java.io.FileNotFoundException {
        return file == null ? null : Traps.handler().fileWriteMeter(file, truncates);
    }

    /** Left by those constructors, with {@link #fileWriteMeter}'s answer: the opened file's writes count from now on. */
    public static void fileWriteMetered(Object file, Object meter) {
        Traps.handler().fileWriteMetered(file, meter);
    }

    /**
     * Entered at the writes of {@code FileOutputStream} and {@code RandomAccessFile}: reserves on
     * the quota of a metered file's disk what the write grows the file by.
     *
     * @param overridable whether the method is one a subclass may override (a guest's trap opens
     *                    subclasses that meter their own writes there); {@code false} for
     *                    {@code RandomAccessFile}'s final {@code writeBytes} and {@code writeChars}
     * @return the bytes reserved, 0 for a file nothing meters
     * @throws java.io.IOException "No space left on device", if the quota leaves no room
     */
    public static long fileWriting(Object file, long bytes, boolean overridable) throws java.io.IOException {
        return Traps.handler().fileWriting(file, bytes, overridable);
    }

    /** Left by such a write that failed: gives back what {@link #fileWriting} reserved. */
    public static void fileWriteFailed(Object file, long reserved) {
        Traps.handler().fileWriteFailed(file, reserved);
    }

    /**
     * Entered at ImageIO's {@code CloseableDisposerRecord.dispose()}: whether the file it closes,
     * a guest's own class, was handed to a thread of that guest's to close, off the thread that
     * disposes (Java2D's disposer, one for the JVM); the record then leaves it.
     */
    public static boolean disposerClosing(java.io.Closeable closeable) {
        return Traps.handler().disposerClosing(closeable);
    }

    /**
     * Left by {@code FileOutputStream(FileDescriptor)}: a stream made of the descriptor of a file
     * whose writes count against a disk's quota ({@code new FileOutputStream(out.getFD())}) counts
     * its own there too.
     */
    public static void fileDescriptorShared(Object stream, java.io.FileDescriptor fd) {
        Traps.handler().fileDescriptorShared(stream, fd);
    }

    /**
     * Left by {@code getChannel()} of {@code FileOutputStream} and {@code RandomAccessFile}: the
     * channel of a file the guards meter writes to the same quota.
     */
    public static java.nio.channels.FileChannel fileChannel(Object file, java.nio.channels.FileChannel channel) {
        return Traps.handler().fileChannel(file, channel);
    }

    /** {@link #fileAccess(java.io.File, boolean)} for a path of the default file system. */
    public static java.nio.file.Path pathAccess(java.nio.file.Path path, boolean write) throws java.io.IOException {
        return path == null ? null : Traps.handler().pathAccess(path, write);
    }

    /**
     * Entered where the JDK creates a symbolic link, with its target: a relative target that only
     * {@linkplain #descends descends} names a place below the link's own directory, which
     * {@link #pathAccess} of the link put in the guest's world, and is written as it is, as
     * natively; any other is decided as a path the link leads to.
     */
    public static java.nio.file.Path linkTarget(java.nio.file.Path target) throws java.io.IOException {
        return target != null && descends(target) ? target : pathAccess(target, false);
    }

    /**
     * Whether a path is relative and names neither {@code ..} nor {@code .}: followed from a
     * directory, as the host follows a link's target, it leads only below that directory.
     */
    public static boolean descends(java.nio.file.Path path) {
        return !path.isAbsolute() && !path.startsWith("..") && path.normalize().equals(path);
    }

    /** {@link #pathAccess} for a channel opened with these options, which say whether it writes. */
    public static java.nio.file.Path channelOpening(java.nio.file.Path path, java.util.Set<?> options) throws java.io.IOException {
        return path == null ? null : Traps.handler().channelAccess(path, options);
    }

    /**
     * Entered where the default provider opens a channel on a path of the JDK's own making that
     * {@link #channelOpening} put on a guest's disk ({@code host}): room for the name of the file
     * it creates, to give back if the opening fails, or {@code null}.
     */
    public static Runnable channelNameReserved(java.nio.file.Path host, java.util.Set<?> options) throws java.io.IOException {
        return Traps.handler().channelNameReserved(host, options);
    }

    /** Entered at {@code UnixDomainSockets.bind}: room for the name of the socket's file, to give back if the bind fails, or {@code null}. */
    public static Runnable socketNameReserved(java.nio.file.Path path) throws java.io.IOException {
        return path == null ? null : Traps.handler().socketNameReserved(path);
    }

    /** Left by a change of a file by the default provider, on a path of the JDK's own making that {@link #pathAccess} put on a guest's disk. */
    public static void jdkPathChanged() {
        Traps.handler().jdkPathChanged();
    }

    /** The methods of {@code java.io.File} over a native method of JDK 17's file system that read what they ask of a file. */
    public static final java.util.Set<String> FILE_QUERIES_OVER_NATIVES = java.util.Set.of("length", "lastModified",
            "normalizedList", "canRead", "canWrite", "canExecute", "getTotalSpace", "getFreeSpace", "getUsableSpace");

    /** Those that change a file; each of these names one method of {@link #fileMethodOn}. */
    public static final java.util.Set<String> FILE_CHANGES_OVER_NATIVES = java.util.Set.of("mkdir", "setLastModified",
            "setReadOnly", "setWritable", "setReadable", "setExecutable");

    /**
     * Entered at a method of {@code java.io.File} whose file-system call is native (JDK 17 to 20):
     * {@code null} to let it run, or the file to run it on instead (see {@link #fileMethodOn}).
     */
    public static java.io.File fileOverNative(java.io.File file, String method) {
        java.io.File decided = fileQuery(file, !FILE_QUERIES_OVER_NATIVES.contains(method));
        return decided == file ? null : decided;
    }

    /**
     * The methods of {@code java.io.File} whose file no guard of the file system sees on any JDK:
     * the exclusive creation passes it on as a string, and a deletion at the JVM's exit keeps it
     * for then. Each names one method of {@link #fileMethodOn}.
     */
    public static final java.util.Set<String> FILE_CHANGES_BY_NAME = java.util.Set.of("createNewFile", "deleteOnExit");

    /**
     * Entered at a method of {@link #FILE_CHANGES_BY_NAME}: {@code null} to let it run, or the file
     * to run it on instead (see {@link #fileMethodOn}).
     */
    public static java.io.File fileByName(java.io.File file) {
        java.io.File decided = fileQuery(file, true);
        return decided == file ? null : decided;
    }

    /**
     * Entered where {@code Files.createTempFile} or {@code createTempDirectory} is given no
     * directory: the temporary directory of the guest the JDK works for, as a path of its world,
     * or {@code null} for the JVM's.
     */
    public static java.nio.file.Path temporaryDirectory() {
        String directory = Traps.handler().jdkTemporaryDirectory();
        return directory == null ? null : java.nio.file.Path.of(directory);
    }

    /**
     * Entered at {@code File.createTempFile(prefix, suffix, directory)}, whose creation no guard
     * of the file system sees: {@code null} to let it run, or the file made instead.
     */
    public static java.io.File temporaryFileCreating(String prefix, String suffix, java.io.File directory)
            throws java.io.IOException {
        return Traps.handler().temporaryFileCreating(prefix, suffix, directory);
    }

    /** The method of {@code java.io.File} that {@link #fileOverNative} or {@link #fileByName} names, on another file. */
    public static Object fileMethodOn(java.io.File file, String method, Object[] arguments) throws java.io.IOException {
        switch (method) {
            case "createNewFile": {
                boolean made = file.createNewFile();
                if (made) {
                    Traps.handler().fileCreated(file, null);
                }
                return made;
            }
            case "deleteOnExit":
                file.deleteOnExit();
                return null;
            case "length": return file.length();
            case "lastModified": return file.lastModified();
            case "normalizedList": return file.list();
            case "canRead": return file.canRead();
            case "canWrite": return file.canWrite();
            case "canExecute": return file.canExecute();
            case "getTotalSpace": return file.getTotalSpace();
            case "getFreeSpace": return file.getFreeSpace();
            case "getUsableSpace": return file.getUsableSpace();
            case "mkdir": return file.mkdir();
            case "setLastModified": return file.setLastModified((Long) arguments[0]);
            case "setReadOnly": return file.setReadOnly();
            case "setWritable": return file.setWritable((Boolean) arguments[0], (Boolean) arguments[1]);
            case "setReadable": return file.setReadable((Boolean) arguments[0], (Boolean) arguments[1]);
            case "setExecutable": return file.setExecutable((Boolean) arguments[0], (Boolean) arguments[1]);
            default: throw new IllegalArgumentException("no guarded method of java.io.File: " + method);
        }
    }

    /**
     * {@link #fileAccess} for a method that declares no {@code IOException} (such as
     * {@code File.exists()}, {@code File.delete()}): a refusal is a {@code SecurityException}, as a
     * security manager's was.
     */
    public static java.io.File fileQuery(java.io.File file, boolean write) {
        try {
            return fileAccess(file, write);
        } catch (java.io.IOException e) {
            throw new SecurityException(e.getMessage(), e);
        }
    }

    /**
     * Left by {@code java.io}'s delete, createDirectory and rename that changed a file, with the
     * file as the guards decided it (and the new name of a rename, else {@code null}).
     */
    public static void fileChanged(java.io.File file, java.io.File renamedTo) {
        Traps.handler().fileChanged(file, renamedTo);
    }

    /** {@link #pathAccess} for a method that declares no {@code IOException}: a refusal is a {@code SecurityException}. */
    public static java.nio.file.Path pathQuery(java.nio.file.Path path, boolean write) {
        try {
            return pathAccess(path, write);
        } catch (java.io.IOException e) {
            throw new SecurityException(e.getMessage(), e);
        }
    }

    /**
     * Entered at {@code Method.invoke} and {@code Constructor.newInstanceWithCaller}: {@code null} to let the
     * call go on, or, where the JDK's code calls a trapped JDK member for a guest, what its trap
     * returned, in an array of one.
     *
     * @param target the receiver of an instance method; {@code null} for a constructor
     * @throws InvocationTargetException wrapping the trap's exception, as reflection wraps the member's
     */
    public static Object[] reflectiveCall(java.lang.reflect.Executable member, Object target, Object[] args)
            throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
        // every trapped member is the bootstrap loader's; the calls of the host's own classes end here
        ClassLoader loader = member.getDeclaringClass().getClassLoader();
        if (loader == null) {
            return Traps.handler().jdkReflectiveCall(member, target, args);
        }
        if (loader == Traps.handlerLoader()) {
            Traps.handler().jvisorMemberReached(member);
        }
        return null;
    }

    /**
     * Entered at {@code sun.reflect.ReflectionFactory}'s methods of a class (with the constructor to
     * call, or {@code null}): see {@link TrapHandler#serializationAccess}.
     */
    public static void serializationAccess(Class<?> type, java.lang.reflect.Constructor<?> constructor) {
        Traps.handler().serializationAccess(type, constructor);
    }

    /**
     * Left by a lookup's making of a direct method handle: the handle to use. A lookup of the JDK's
     * own (its reflection's, its method handles' forms) keeps what it made; another, a guest's class's
     * or a public one, which the JDK's code may use for a guest, gives a trapped member's handle
     * bound to its trap where the JDK works for a guest.
     */
    public static java.lang.invoke.MethodHandle lookupHandleMade(java.lang.invoke.MethodHandles.Lookup lookup,
            java.lang.invoke.MethodHandle found) {
        boolean publicOnly = (lookup.lookupModes() & ~(java.lang.invoke.MethodHandles.Lookup.PUBLIC
                | java.lang.invoke.MethodHandles.Lookup.UNCONDITIONAL)) == 0;
        Class<?> looking = lookup.lookupClass();
        return found == null || looking.getClassLoader() == null && looking.getModule().isNamed() && !publicOnly ? found
                : Traps.handler().jdkMethodHandle(publicOnly ? null : lookup.lookupClass(), found);
    }

    /**
     * Entered at {@code Lookup.defineHiddenClass} (which class-file transformers never see): the
     * class file to define, rewritten if the lookup class is a guest's.
     */
    public static byte[] hiddenClassDefining(Class<?> lookupClass, byte[] classFile) {
        return classFile == null ? null : Traps.handler().hiddenClassDefining(lookupClass, classFile);
    }

    /** Entered as a class loader's construction begins with the JVM's system class loader for parent: the parent it gets. */
    public static ClassLoader classLoaderParent(ClassLoader parent) {
        return parent != ClassLoader.getSystemClassLoader() ? parent : Traps.handler().classLoaderParent(parent);
    }

    /**
     * Entered by a class loader's setters of assertion status ({@code method}, "class.name"):
     * whether to skip the setting, a guest's of a loader not its own that its policy does not let
     * change the JVM.
     */
    public static boolean assertionStatusChanging(ClassLoader loader, String method) {
        return Traps.handler().assertionStatusChanging(loader, method);
    }

    /** Entered when a class loader has been constructed: one a guest made belongs to it. */
    public static void classLoaderCreated(ClassLoader loader) {
        Traps.handler().classLoaderCreated(loader);
    }

    /**
     * Entered at {@code Runtime.load0}, where every native library loaded by its path arrives
     * ({@code System.load}, by any way), with the class on whose behalf; throws the
     * SecurityException of a refused load.
     *
     * @return the path the JVM is to load: for a guest with a disk, where the guest's path is on the host
     */
    public static String nativeLibraryFile(Class<?> caller, String file) {
        return Traps.handler().nativeLibraryFile(caller, file);
    }

    /**
     * Entered where every native library is loaded by its name ({@code loadLibrary}, by any way),
     * with the class on whose behalf; throws the SecurityException of a refused load.
     */
    public static void nativeAccess(Class<?> caller, String what) {
        Traps.handler().nativeAccess(caller, what);
    }

    /**
     * Entered where the JDK checks native access for a restricted method of the foreign-function
     * API, with the class that called it; throws the IllegalCallerException of a refused call.
     */
    public static void restrictedMethod(Class<?> caller, String what) {
        Traps.handler().restrictedMethod(caller, what);
    }

    /**
     * Entered at the JDK's setters of state every program in the JVM shares (content and socket
     * factories, security providers ...); throws the SecurityException of a refused change.
     */
    public static void globalStateChanging(String method) {
        Traps.handler().globalStateChanging(method);
    }

    /**
     * Entered at a JVM-wide switch of the management beans: a measurement ({@code set...Enabled})
     * may be switched on, which jvisor's quotas need on anyway, and a log ({@code setVerbose}) off;
     * the other way is a change of the JVM ({@link #globalStateChanging}).
     */
    public static void jvmSwitching(String method, boolean on) {
        if (on != method.endsWith("Enabled")) {
            Traps.handler().globalStateChanging(method);
        }
    }

    /** Entered at {@code FileInputStream(FileDescriptor)} and {@code FileOutputStream(FileDescriptor)}. */
    public static void descriptorOpening(java.io.FileDescriptor fd) {
        Traps.handler().descriptorOpening(fd);
    }

    /**
     * Entered where {@code setAccessible}/{@code trySetAccessible} check the caller, with the
     * member, and at {@code MethodHandles.privateLookupIn}, with none; throws the SecurityException
     * of a refused access.
     */
    public static void accessChecking(Class<?> caller, Class<?> declaringClass, Object member) {
        Traps.handler().accessChecking(caller, declaringClass, member);
    }

    /**
     * Left where the JDK makes a relative path of its default file system absolute
     * ({@code UnixPath.toAbsolutePath()}, {@code java.io}'s {@code resolve(File)}), against the
     * JVM's working directory: on a guest's behalf, against the guest's own (a guest path, which the
     * file guards put on its disk); else {@code jvms}.
     */
    public static String absolutePath(String relative, String jvms) {
        String own = Traps.handler().workingDirectoryFor();
        return own == null ? jvms : own.endsWith("/") ? own + relative : own + "/" + relative;
    }

    /**
     * Entered at {@code UnixPath.toRealPath}, which resolves a path of the JDK's default file
     * system by the kernel: on a guest's behalf, its real path on the guest's disk, as a guest
     * path (the JDK's code skipped); else {@code null}, for the JDK to resolve.
     */
    public static java.nio.file.Path realPath(java.nio.file.Path path, java.nio.file.LinkOption[] options) throws java.io.IOException {
        return Traps.handler().realPath(path, options);
    }

    /** {@link #absolutePath} for a path of the JDK's default file system. */
    public static java.nio.file.Path absolutePath(java.nio.file.Path relative, java.nio.file.Path jvms) {
        String own = Traps.handler().workingDirectoryFor();
        return own == null ? jvms : java.nio.file.Path.of(own).resolve(relative.toString());
    }

    /**
     * Entered at {@code UnixDomainSocketAddress.of(Path)}, which takes only a path of the JDK's
     * default file system: a path of a guest's own file system as the default file system's path
     * of the same name (the guards put it on the guest's disk where a socket is bound or connected
     * by it); any other path the same.
     */
    public static java.nio.file.Path socketPathGiven(java.nio.file.Path path) {
        return path == null || path.getFileSystem() == java.nio.file.FileSystems.getDefault() ? path
                : Traps.handler().defaultFileSystemPath(path);
    }

    /**
     * Left by {@code UnixDomainSockets.localAddress}, where the JDK learns from the kernel the file
     * a Unix domain socket is bound to: the address as the guest sees it (its path a guest path).
     */
    public static java.net.UnixDomainSocketAddress socketAddressShown(java.net.UnixDomainSocketAddress address) {
        String path = address.getPath().toString();
        String shown = path.isEmpty() ? path : Traps.handler().hostPathShown(path);
        return shown.equals(path) ? address : java.net.UnixDomainSocketAddress.of(shown);
    }

    /** Left by {@code UnixDomainSockets.accept}: the file the peer's socket is bound to (or none), as the guest sees it. */
    public static void socketPeerShown(String[] paths) {
        if (paths[0] != null && !paths[0].isEmpty()) {
            paths[0] = Traps.handler().hostPathShown(paths[0]);
        }
    }

    /**
     * Entered where a guarded file operation of the JDK ends by an exception: the exception as the
     * guest sees it (with its guest paths), or the same.
     */
    public static Throwable fileFailed(Throwable thrown) {
        return thrown instanceof java.io.IOException ? Traps.handler().fileFailed((java.io.IOException) thrown) : thrown;
    }

    /**
     * Entered at the JVM's management entry points that act natively on it or on another JVM
     * (diagnostic commands, heap dumps, VM flags, the attach API); throws the SecurityException of
     * a refused call.
     */
    public static void managementCalled(String method) {
        Traps.handler().managementCalled(method);
    }

    /**
     * Entered at the methods of {@code java.util.logging.Logger} that configure a logger; {@code
     * argument} is the method's one argument (boxed), for {@code setParent} the new parent. A
     * guest configures its own loggers only; throws the SecurityException of a refused change.
     */
    public static void loggerChanging(java.util.logging.Logger logger, Object argument, String method) {
        Traps.handler().loggerChanging(logger, argument, method);
    }

    /**
     * Entered at {@code LogManager}'s {@code reset}, {@code readConfiguration} and {@code
     * updateConfiguration}: a guest's call on its own manager acts on its own loggers; on the
     * JVM's, it is decided as JVM-wide state. Throws the SecurityException of a refused call.
     */
    public static void logManagerChanging(java.util.logging.LogManager manager, String method) {
        Traps.handler().logManagerChanging(manager, method);
    }

    /**
     * Entered where {@code Logger.getLogger} finds or makes a named logger for its caller: the
     * guest's own logger of that name, or {@code null} to let the JDK find the JVM's.
     */
    public static java.util.logging.Logger loggerDemanded(String name, Class<?> caller) {
        return Traps.handler().loggerDemanded(name, caller);
    }

    /**
     * Entered where the JDK's {@code System.LoggerFinder} finds the {@code java.util.logging}
     * logger behind a {@code System.Logger} for a module: the guest's own logger of that name, or
     * {@code null} to let the JDK find the JVM's.
     */
    public static java.util.logging.Logger julLoggerDemanded(String name, Module module) {
        return Traps.handler().julLoggerDemanded(name, module);
    }

    /** Left by {@code LogManager.getLogManager()}: the guest's own manager, or {@code jvms}. */
    public static java.util.logging.LogManager logManager(java.util.logging.LogManager jvms) {
        return Traps.handler().logManager(jvms);
    }

    /** Left by {@code Logger.getGlobal()}: the guest's own global logger, or {@code jvms}. */
    public static java.util.logging.Logger globalLogger(java.util.logging.Logger jvms) {
        return Traps.handler().globalLogger(jvms);
    }

    /** Left by {@code Logger.getAnonymousLogger}: a guest's anonymous logger is moved under its own root logger. */
    public static void anonymousLoggerMade(java.util.logging.Logger logger) {
        Traps.handler().anonymousLoggerMade(logger);
    }

    /**
     * Entered at the JVM's logging MXBean's methods: a guest's answer from its own loggers, in an
     * array of one, or {@code null} for the JVM's (see {@link TrapHandler#loggingBeanAsked}).
     */
    public static Object[] loggingBeanAsked(String method, String name, String level) {
        return Traps.handler().loggingBeanAsked(method, name, level);
    }

    /** Entered when {@code ProcessBuilder} has started a process. */
    public static void processStarted(Process process) {
        if (process != null) {
            Traps.handler().processStarted(process);
        }
    }

    /** Entered where every process is destroyed; throws the SecurityException of a refused destroy. */
    public static void processDestroying(ProcessHandle process) {
        Traps.handler().processDestroying(process);
    }

    /** Left when a file stream, channel or socket has been made, on the thread that made it. */
    public static void resourceOpened(java.io.Closeable opened) {
        Traps.handler().resourceOpened(opened);
    }

    /** Left when a directory stream has been closed, on the thread that closed it. */
    public static void resourceClosed(java.io.Closeable closed) {
        Traps.handler().resourceClosed(closed);
    }

    /**
     * Entered when a thread is started, on the thread that starts it: whether it is to forget the
     * inheritable thread-local values it took from the thread that made it.
     */
    public static boolean threadStarting(Thread started) {
        return Traps.handler().threadStarting(started);
    }

    /** Left by the RMI runtime's making of a thread of its own. */
    public static void serviceThreadMade(Thread made) {
        if (made != null) {
            Traps.handler().serviceThreadMade(made);
        }
    }

    /** Entered where the JDK looks up the JVM's default group of asynchronous channels, making it the first time. */
    public static void defaultChannelGroupNeeded() {
        Traps.handler().defaultChannelGroupNeeded();
    }

    /**
     * Entered at the JDK's installation of a signal handler ({@code jdk.internal.misc.Signal.handle},
     * where {@code sun.misc.Signal}'s arrives): {@code null} to let the JDK install it for the JVM's
     * process (the host's call; a guest's its policy allows global-state), or, where it goes among
     * a guest's own signals, the guest's handler it replaced, in an array of one. {@code signals} is
     * that class's own lookup.
     */
    public static Object[] signalHandling(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler) {
        return Traps.handler().signalHandling(signals, signal, handler);
    }

    /**
     * Entered at {@code jdk.internal.misc.Signal.raise}: whether the signal went to a guest's own
     * signals, and the JVM's process is not to be signalled.
     */
    public static boolean signalRaising(java.lang.invoke.MethodHandles.Lookup signals, Object signal) {
        return Traps.handler().signalRaising(signals, signal);
    }

    /**
     * Left by the JDK's installation of a signal handler ({@code jdk.internal.misc.Signal.handle},
     * where {@code sun.misc.Signal}'s arrives), which the JDK allowed: {@code signals} is that
     * class's own lookup, to put {@code replaced} back for the signal when the guest that installed
     * {@code handler} ends.
     */
    public static void signalHandled(java.lang.invoke.MethodHandles.Lookup signals, Object signal, Object handler,
            Object replaced) {
        Traps.handler().signalHandled(signals, signal, handler, replaced);
    }

    /** Left by {@code FileSystemProvider.installedProviders()}: on a guest's behalf, those of its class path besides the JVM's. */
    public static java.util.List<java.nio.file.spi.FileSystemProvider> installedFileSystemProviders(
            java.util.List<java.nio.file.spi.FileSystemProvider> jvms) {
        return Traps.handler().installedFileSystemProviders(jvms);
    }

    /** Left when a pool of threads has been made, on the thread that made it. */
    public static void executorMade(java.util.concurrent.ExecutorService pool) {
        Traps.handler().executorMade(pool);
    }

    /** Left when a timer has been made, on the thread that made it. */
    public static void timerMade(java.util.Timer timer) {
        Traps.handler().timerMade(timer);
    }

    /** Left when a group of asynchronous channels has been made, on the thread that made it. */
    public static void channelGroupMade(java.nio.channels.AsynchronousChannelGroup group) {
        Traps.handler().channelGroupMade(group);
    }

    /**
     * Entered where an MBean server registers, unregisters, sets and invokes, with the server: a
     * guest's call on one the JVM keeps for every program is decided as JVM-wide state
     * ({@link #globalStateChanging}); the JDK's own, and one on a server a program made for itself, pass.
     */
    public static void mbeanServerChanging(String method, javax.management.MBeanServer server) {
        Traps.handler().mbeanServerChanging(method, server);
    }

    /**
     * Called in place of {@code System.getProperty} where the JDK reads its configuration on a
     * program's behalf: where its XML factories find the class a property names, read their limits,
     * their features and the working directory a relative document resolves against (the
     * catalog's rows of {@code configurationProperty}). A guest's own property on its threads, as
     * in a JVM of its own; the JVM's for the host.
     */
    public static String configurationProperty(String key) {
        return propertyFor(key, null, false);
    }

    /** {@link #configurationProperty(String)} with a default, as {@code System.getProperty(key, def)}. */
    public static String configurationProperty(String key, String def) {
        return propertyFor(key, def, false);
    }

    /**
     * Called in place of {@code System.getProperty} where the JDK hands a property's value to a
     * program (XPath's {@code system-property} function): a guest's own, as its policy allows it to
     * read properties; the JVM's for the host.
     *
     * @throws SecurityException if the guest's policy denies reading properties
     */
    public static String propertyShown(String key) {
        return propertyFor(key, null, true);
    }

    /** {@link #propertyShown(String)} with a default, as {@code System.getProperty(key, def)}. */
    public static String propertyShown(String key, String def) {
        return propertyFor(key, def, true);
    }

    /**
     * Called in place of {@code Integer.getInteger(key)} where the JDK hands a program a property
     * as a number ({@code Color.getColor}): as {@code Integer.getInteger}, on a guest's own
     * properties as its policy allows it to read them; on the JVM's for the host.
     *
     * @throws SecurityException if the guest's policy denies reading properties
     */
    public static Integer integerShown(String key) {
        String value = key == null || key.isEmpty() ? null : propertyShown(key);
        try {
            return value == null ? null : Integer.decode(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Left by JNDI's read of one of its properties ({@code java.naming.factory.initial} and the
     * others) from the system properties, as {@code new InitialContext()} makes its environment: the
     * calling guest's own, where JNDI reads the JVM's; the host's unchanged.
     */
    public static String jndiProperty(String key, String jvms) {
        java.util.Properties own = Traps.handler().jdkPropertiesFor(false);
        return own == null ? jvms : own.getProperty(key);
    }

    /** Left by JNDI's read of all its properties at once: {@link #jndiProperty} of each, in the order of {@code keys}. */
    public static String[] jndiProperties(String[] keys, String[] jvms) {
        java.util.Properties own = Traps.handler().jdkPropertiesFor(false);
        if (own == null) {
            return jvms;
        }
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = own.getProperty(keys[i]);
        }
        return values;
    }

    /** A property as the JDK reads it for the calling thread's program: {@code System.getProperty}'s semantics on its properties. */
    private static String propertyFor(String key, String def, boolean shown) {
        Traps.checkKey(key);
        java.util.Properties own = Traps.handler().jdkPropertiesFor(shown);
        return own == null ? System.getProperty(key, def) : own.getProperty(key, def);
    }

    /**
     * Entered by the JDK's look-up of the XML configuration it makes once for the JVM (JDK 24 and
     * later), whose limits and features all its parsers start from: whichever thread asks first,
     * it reads the JVM's properties and files, not a guest's. Returns whether it began that.
     */
    public static boolean jvmConfigurationEntered() {
        return Traps.handler().jvmConfigurationEntered();
    }

    /**
     * Entered by {@code sun.font.FontManagerFactory.getInstance()} while the JVM has no font
     * manager: as {@link #jvmConfigurationEntered}, the manager the JDK makes for the JVM reads
     * (and writes) the fontconfig cache in the JVM's home, not in a guest's disk's, whichever
     * thread uses a font first.
     */
    public static boolean fontManagerMaking() {
        return Traps.handler().jvmConfigurationEntered();
    }

    /** Left by that look-up, with what {@link #jvmConfigurationEntered} returned. */
    public static void jvmConfigurationLeft(boolean entered) {
        Traps.handler().jvmConfigurationLeft(entered);
    }

    /**
     * Entered by {@code refresh()} of the JDK's login configuration and policy, with the
     * configuration: where it is the JVM's and a guest asks, it re-reads the JVM's properties and
     * files, not the guest's. Returns whether it began that; {@link #jvmConfigurationLeft} ends it.
     */
    public static boolean jvmConfigurationRefreshing(Object configuration) {
        return Traps.handler().jvmConfigurationRefreshing(configuration);
    }

    /**
     * Entered by {@code ServiceLoader}'s read of a file of providers, with its URL: where the JVM's
     * class loader found it on the JVM's class path, the read is the JVM's. Returns whether it began
     * that; {@link #jvmConfigurationLeft} ends it.
     */
    public static boolean jvmServiceFileReading(java.net.URL file) {
        return Traps.handler().jvmServiceFileReading(file);
    }

    /**
     * Called in place of {@code System.getenv(name)} where the JDK reads a variable a program's
     * configuration names (a domain key store's {@code keystorePasswordEnv}): a guest's own, as its
     * policy allows it to read the environment; the JVM's for the host.
     *
     * @throws SecurityException if the guest's policy denies reading the environment
     */
    public static String environmentShown(String name) {
        java.util.Map<String, String> own = Traps.handler().jdkEnvironmentFor();
        return own == null ? System.getenv(name) : own.get(java.util.Objects.requireNonNull(name));
    }

    /** Left by {@code Locale.getDefault()} ({@code category} {@code null}) and {@code getDefault(Category)}: the default the calling thread sees. */
    public static java.util.Locale defaultLocale(java.util.Locale.Category category, java.util.Locale jvms) {
        return Traps.handler().defaultLocale(category, jvms);
    }

    /** Entered at {@code Locale.setDefault}; {@code true} skips the JDK's code (a guest's own default was set). */
    public static boolean defaultLocaleSetting(java.util.Locale.Category category, java.util.Locale locale) {
        return Traps.handler().defaultLocaleSetting(category, locale);
    }

    /** Left by {@code TimeZone.getDefaultRef()}: the default the calling thread sees. */
    public static java.util.TimeZone defaultTimeZone(java.util.TimeZone jvms) {
        return Traps.handler().defaultTimeZone(jvms);
    }

    /** Entered at {@code TimeZone.setDefault}; {@code true} skips the JDK's code (a guest's own default was set). */
    public static boolean defaultTimeZoneSetting(java.util.TimeZone zone) {
        return Traps.handler().defaultTimeZoneSetting(zone);
    }

    /** Entered at {@code URL.setURLStreamHandlerFactory}; {@code true} skips the JDK's code (a guest's own factory was set). */
    public static boolean urlHandlerFactorySetting(java.net.URLStreamHandlerFactory factory) {
        return Traps.handler().urlHandlerFactorySetting(factory);
    }

    /** Entered at {@code URL.getURLStreamHandler}: the handler of the calling guest's own factory, or {@code null} for the JDK's. */
    public static java.net.URLStreamHandler urlStreamHandler(String protocol) {
        return Traps.handler().urlStreamHandler(protocol);
    }

    /** Left by {@code Thread.getDefaultUncaughtExceptionHandler()}: the handler the caller sees. */
    public static Thread.UncaughtExceptionHandler defaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler jvms) {
        return Traps.handler().defaultUncaughtExceptionHandler(jvms);
    }

    /** Entered at {@code Thread.setDefaultUncaughtExceptionHandler}; {@code true} skips the JDK's code (a guest's own was set). */
    public static boolean defaultUncaughtExceptionHandlerSetting(Thread.UncaughtExceptionHandler handler) {
        return Traps.handler().defaultUncaughtExceptionHandlerSetting(handler);
    }

    /**
     * Entered where the JVM hands a thread's death to its uncaught-exception handler: {@code true}
     * skips the handler, for a thread of a guest whose code was stopped, unwinding.
     */
    public static boolean uncaughtUnwinding(Thread thread, Throwable error) {
        return Traps.handler().uncaughtUnwinding(thread, error);
    }

    /** Entered at {@code ThreadGroup.uncaughtException}; {@code true} skips the JDK's code (a guest's thread's exception went to the guest). */
    public static boolean uncaughtException(Thread thread, Throwable error) {
        return Traps.handler().uncaughtException(thread, error);
    }

    /** Left by {@code ProcessHandle.info()}: what the caller sees (a guest, of the JVM's process, its own command line). */
    public static ProcessHandle.Info processInfo(ProcessHandle process, ProcessHandle.Info info) {
        return Traps.handler().processInfo(process, info);
    }

    /** Left by the JDK's {@code Providers.getSystemProviderList()}: the list of security providers the caller sees. */
    public static Object securityProviders(Object jvms) {
        return Traps.handler().securityProviders(jvms);
    }

    /** Entered at the JDK's {@code Providers.setSystemProviderList}: {@code true} if the calling guest's own list was set (the JDK's code skipped). */
    public static boolean securityProvidersSetting(Object list) {
        return Traps.handler().securityProvidersSetting(list);
    }

    /** Entered at {@code Security.addProvider}, {@code insertProviderAt} and {@code removeProvider}. */
    public static void securityProvidersChanging(String method) {
        Traps.handler().securityProvidersChanging(method);
    }

    /** Entered at the public methods that change a security provider's entries. */
    public static void securityProviderChanging(java.security.Provider provider, String method) {
        Traps.handler().securityProviderChanging(provider, method);
    }

    /** {@link #ownSingleton}'s answer to a hosted guest that has none of the kind yet: the guard makes one. */
    public static final Object NEW_SINGLETON = new Object();

    /**
     * Entered at the getters of what the JDK keeps one of for the JVM and a hosted guest has its
     * own of, made at its first use as in a JVM of its own ({@code IIORegistry.getDefaultInstance()},
     * {@code StyleContext.getDefaultStyleContext()}): the calling guest's own, {@link #NEW_SINGLETON}
     * for a guest that has none yet, {@code null} for the JVM's.
     *
     * @param type the getter's class, the kind of the object
     */
    public static Object ownSingleton(Class<?> type) {
        return Traps.handler().ownSingleton(type, NEW_SINGLETON);
    }

    /**
     * {@code ImageIO}'s reads of the registry it keeps for the JVM ({@code theRegistry}), made calls
     * of this: the registry the caller sees, by the guarded {@code IIORegistry.getDefaultInstance()}.
     */
    public static javax.imageio.spi.IIORegistry imageIoRegistry() {
        return javax.imageio.spi.IIORegistry.getDefaultInstance();
    }

    /** The object of a kind the guard made for the calling guest: the one it keeps (another thread's, if that was first). */
    public static Object ownSingletonMade(Class<?> type, Object made) {
        return Traps.handler().ownSingletonMade(type, made);
    }

    /** {@link #appContext()}'s answer to a hosted guest without an AWT context yet: the guard has one made. */
    public static final Object NEW_APP_CONTEXT = new Object();

    /**
     * Entered at {@code sun.awt.AppContext.getAppContext()}, where AWT, Swing and ImageIO find what
     * they keep per application (Swing's defaults and look and feel, the event queue, Swing's
     * timers, ImageIO's cache): the calling hosted guest's own context, {@link #NEW_APP_CONTEXT} for
     * one that has none yet, {@code null} for the JVM's (the JDK's code then finds it).
     */
    public static Object appContext() {
        return Traps.handler().appContext(NEW_APP_CONTEXT);
    }

    /**
     * The AWT context made for the calling hosted guest at its first use, by {@code contexts}, the
     * lookup of {@code AppContext} itself (its constructor and the JDK's map of contexts are not
     * exported): the context the guest keeps.
     */
    public static Object appContextMade(java.lang.invoke.MethodHandles.Lookup contexts) {
        return Traps.handler().appContextMade(contexts);
    }

    /**
     * Left by {@code ForkJoinPool.commonPool()}, with the JVM's common pool: the calling hosted
     * guest's own (made at its first use), else {@code jvms}.
     */
    public static java.util.concurrent.ForkJoinPool commonPool(java.util.concurrent.ForkJoinPool jvms) {
        return Traps.handler().commonPool(jvms);
    }

    /** {@link #commonPoolWorkerMaking}'s answers: the pool's own code makes the worker; one was made elsewhere; none could be. */
    public static final int WORKER_HERE = 0;
    public static final int WORKER_MADE = 1;
    public static final int WORKER_FAILED = 2;

    /**
     * Entered at {@code ForkJoinPool.createWorker()}, with the pool's own lookup: whether the worker
     * is made here ({@link #WORKER_HERE}) or was made, or failed, on a thread of the hypervisor's
     * (a worker of the JVM's common pool that a hosted guest's thread would have made in its group).
     */
    public static int commonPoolWorkerMaking(java.util.concurrent.ForkJoinPool pool, java.lang.invoke.MethodHandles.Lookup pools) {
        Boolean made = Traps.handler().commonPoolWorkerMaking(pool, pools);
        return made == null ? WORKER_HERE : made ? WORKER_MADE : WORKER_FAILED;
    }

    /**
     * Called where {@code ForkJoinTask} forks or awaits a task outside a pool's workers, for the
     * common pool: the guarded {@code ForkJoinPool.commonPool()}, the calling hosted guest's own.
     */
    public static java.util.concurrent.ForkJoinPool commonPool() {
        return java.util.concurrent.ForkJoinPool.commonPool();
    }

    /**
     * Called where the HTTP client completes an asynchronous send, for {@code CompletableFuture}'s
     * default executor, which it kept for every program: the calling program's own.
     */
    public static java.util.concurrent.Executor asyncExecutor() {
        return new java.util.concurrent.CompletableFuture<Void>().defaultExecutor();
    }

    /**
     * Entered by {@code CompletableFuture}'s methods that use its default executor, with that
     * executor: the calling hosted guest's own common pool where the default is the JVM's common
     * pool; else {@code null}, the default as it is.
     */
    public static java.util.concurrent.Executor asyncPool(Object jvms) {
        return Traps.handler().asyncPool(jvms);
    }

    /** Entered at RMI's {@code UnicastServerRef.exportObject}: a hosted guest's export is its. */
    public static void remoteObjectExported(Object impl) {
        Traps.handler().remoteObjectExported(impl);
    }

    /**
     * Entered at RMI's {@code UnicastServerRef.dispatch}: a call of a hosted guest's remote object
     * runs as the guest's work; returns what ends that, or {@code null}.
     */
    public static Runnable remoteCallEntered(Object impl) {
        return Traps.handler().remoteCallEntered(impl);
    }

    /**
     * Entered by {@code VirtualThread}'s constructor given no scheduler, on the making thread: the
     * calling hosted guest's own, else {@code null}, the JVM's default.
     */
    public static java.util.concurrent.Executor virtualThreadScheduler() {
        return Traps.handler().virtualThreadScheduler();
    }

    // ---- JDBC's DriverManager: a hosted guest's own (see TrapHandler). Its types are Object here:
    // java.sql belongs to the platform loader, which the bootstrap loader of these classes cannot see ----

    /** Entered at {@code DriverManager.registerDriver}: {@code true} if the driver was registered with its guest (the JDK's code skipped). */
    public static boolean jdbcDriverRegistering(Object driver, Object action) {
        return Traps.handler().jdbcDriverRegistering(driver, action);
    }

    /** Entered at {@code DriverManager.deregisterDriver}: {@code true} if the calling guest's own did it. */
    public static boolean jdbcDriverDeregistering(Object driver) throws Exception {
        return Traps.handler().jdbcDriverDeregistering(driver);
    }

    /** Entered where every {@code DriverManager.getConnection} arrives: the calling guest's connection, or {@code null} for the JDK's. */
    public static Object jdbcConnecting(String url, java.util.Properties info, Class<?> caller) throws Exception {
        return Traps.handler().jdbcConnecting(url, info, caller);
    }

    /** Entered at {@code DriverManager.getDriver}: the calling guest's driver, or {@code null} for the JDK's. */
    public static Object jdbcDriverFor(String url) throws Exception {
        return Traps.handler().jdbcDriverFor(url);
    }

    /** Entered where {@code DriverManager.getDrivers()} and {@code drivers()} arrive: the calling guest's, or {@code null}. */
    public static java.util.List<?> jdbcDrivers(Class<?> caller) {
        return Traps.handler().jdbcDrivers(caller);
    }

    /** Left by {@code DriverManager.getLoginTimeout()}, {@code getLogWriter()} and {@code getLogStream()}: what the caller sees. */
    public static Object jdbcSetting(String method, Object jvms) {
        return Traps.handler().jdbcSetting(method, jvms);
    }

    /** Entered at the setters of those: {@code true} if the calling guest set its own (the JDK's code skipped). */
    public static boolean jdbcSettingChanging(String method, Object value) {
        return Traps.handler().jdbcSettingChanging(method, value);
    }

    /** Entered at {@code DriverManager.println}: {@code true} if the calling guest's own log took it. */
    public static boolean jdbcLogging(String message) {
        return Traps.handler().jdbcLogging(message);
    }

    /** Left by the JVM's {@code MemoryMXBean.getHeapMemoryUsage()}: the heap the caller sees (a guest with a live-heap limit, its own). */
    public static java.lang.management.MemoryUsage heapUsage(java.lang.management.MemoryUsage jvms) {
        return Traps.handler().heapUsage(jvms);
    }

    /** Left by the JVM's {@code RuntimeMXBean} methods of options, paths and properties: what the caller sees. */
    public static Object runtimeInformation(String method, Object value) {
        return Traps.handler().runtimeInformation(method, value);
    }

    /** Left by {@code Throwable.getOurStackTrace()}: the frames the trace shows (a guest's, none of jvisor's). */
    public static StackTraceElement[] stackTraceShown(StackTraceElement[] trace) {
        return trace == null ? null : Traps.handler().stackTraceShown(trace);
    }

    /** Left by {@code Thread.getAllStackTraces()}: the map the caller sees (a guest, its own threads'). */
    public static java.util.Map<Thread, StackTraceElement[]> stackTracesListed(java.util.Map<Thread, StackTraceElement[]> traces) {
        return Traps.handler().stackTracesListed(traces);
    }

    /**
     * Entered at {@code ThreadGroup.activeCount()} ({@code list} {@code null}) and
     * {@code enumerate(Thread[]...)}: the count a guest sees of its own threads in the group, or
     * {@code null} to let the JDK proceed.
     */
    public static Integer threadsInGroup(ThreadGroup group, Thread[] list, boolean recurse) {
        return answer(Traps.handler().threadsInGroup(group, list, recurse));
    }

    /** {@link #threadsInGroup} for {@code activeGroupCount()} and {@code enumerate(ThreadGroup[]...)}. */
    public static Integer groupsInGroup(ThreadGroup group, ThreadGroup[] list, boolean recurse) {
        return answer(Traps.handler().groupsInGroup(group, list, recurse));
    }

    private static Integer answer(int count) {
        return count < 0 ? null : count;
    }

    /** Entered at {@code ThreadGroup.list()}; {@code true} skips the JDK's code (a guest's view was printed). */
    public static boolean threadGroupListing(ThreadGroup group) {
        return Traps.handler().threadGroupListing(group);
    }

    /**
     * Entered at {@code ThreadGroup}'s methods that act on its threads or itself; {@code true} skips
     * the JDK's code (a guest's interrupt went to its own threads), a refused change throws.
     */
    public static boolean threadGroupActing(ThreadGroup group, String method) {
        return Traps.handler().threadGroupActing(group, method);
    }

    /** Left by {@code ThreadMXBean.getAllThreadIds()}: the ids the caller sees. */
    public static long[] threadIdsListed(long[] ids) {
        return ids == null ? null : Traps.handler().threadIdsListed(ids);
    }

    /** Left by {@code ThreadMXBean}'s deadlock searches: the ids the caller sees, {@code null} for none. */
    public static long[] deadlockedThreadsListed(long[] ids) {
        long[] seen = threadIdsListed(ids);
        return seen == null || seen.length == 0 ? null : seen;
    }

    /** Entered where {@code ThreadMXBean} looks threads up by id: the ids to look up. */
    public static long[] threadIdsAsked(long[] ids) {
        return ids == null ? null : Traps.handler().threadIdsAsked(ids);
    }

    /** Left by {@code ThreadMXBean.dumpAllThreads}: the threads the caller sees. */
    public static java.lang.management.ThreadInfo[] threadInfosListed(java.lang.management.ThreadInfo[] infos) {
        return infos == null ? null : Traps.handler().threadInfosListed(infos);
    }

    /** Left by {@code ThreadMXBean.getThreadCount()} and {@code getDaemonThreadCount()}: the count the caller sees. */
    public static int threadCountListed(int count, boolean daemon) {
        return Traps.handler().threadCountListed(count, daemon);
    }

    /** Left by {@code ThreadMXBean.getPeakThreadCount()} and {@code getTotalStartedThreadCount()}: the count the caller sees. */
    public static long threadTotalListed(long count, boolean peak) {
        return Traps.handler().threadTotalListed(count, peak);
    }

    /** Entered at {@code ThreadMXBean.resetPeakThreadCount()}: whether the JVM's own reset is skipped (a guest's is its own). */
    public static boolean threadPeakResetting() {
        return Traps.handler().threadPeakResetting();
    }

    /**
     * Entered where a handle to a process is looked up, or its relatives listed; throws the
     * SecurityException of a refused look.
     *
     * @param itself whether the JVM's own process may be the one (a handle to it, not its relatives)
     */
    public static void processLooking(long pid, boolean itself) {
        Traps.handler().processLooking(pid, itself);
    }
}
