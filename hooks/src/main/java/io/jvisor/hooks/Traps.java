package io.jvisor.hooks;

import java.io.Console;
import java.io.File;
import java.io.FileFilter;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.FilenameFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.Channel;
import java.nio.charset.Charset;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Scanner;
import java.util.StringTokenizer;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * The trap entry points: the rewriter replaces each call of a privileged JDK method in guest code
 * with a call of the method here that the critical-instruction catalog names. Every method
 * forwards to the installed {@link TrapHandler}; with none installed it refuses the operation,
 * so rewritten code never runs privileged operations unchecked.
 *
 * <p>This class lives on the bootstrap class path so that all guest class loaders resolve the same
 * copy. It must depend on the JDK only. Guests can see it, so it holds no authority of its own: the
 * handler attributes and checks every call.
 */
public final class Traps {

    private static volatile TrapHandler handler;
    /** The loader of jvisor's own classes, the handler's: set with it. */
    private static volatile ClassLoader handlerLoader;

    private Traps() {
    }

    /**
     * Installs the hypervisor's handler. Called once, by the hypervisor, before any guest class
     * loads; later calls fail so that nothing loaded afterwards can replace it.
     *
     * @param trapHandler the handler, not {@code null}
     * @throws IllegalStateException if a handler is installed already
     */
    public static synchronized void install(TrapHandler trapHandler) {
        if (trapHandler == null) {
            throw new NullPointerException("trapHandler");
        }
        if (handler != null) {
            throw new IllegalStateException("jvisor: a trap handler is installed already");
        }
        handlerLoader = trapHandler.getClass().getClassLoader();
        handler = trapHandler;
    }

    /** The loader of the installed handler's class, jvisor's; {@code null} before one is installed. */
    static ClassLoader handlerLoader() {
        return handlerLoader;
    }

    /** Whether a handler is installed. */
    public static boolean installed() {
        return handler != null;
    }

    static TrapHandler handler() {
        TrapHandler h = handler;
        if (h == null) {
            throw new SecurityException("jvisor: rewritten guest code ran without a hypervisor; "
                    + "privileged operation refused");
        }
        return h;
    }

    private static final MethodHandles.Lookup TRAPS = MethodHandles.lookup();

    /**
     * The bootstrap method of the {@code invokedynamic} sites that the rewriter makes for the traps
     * the catalog binds per class: a call site of trap {@code name} for the class holding it,
     * bound by the installed handler ({@link TrapHandler#bind}); with none installed, the trap
     * itself, which refuses every call.
     *
     * @param caller the lookup of the class holding the site, which the JVM passes
     * @param name   the name of the trap, a method of this class
     * @param type   the trap's type without its last parameter, the calling class
     * @return the call site, never {@code null}
     * @throws NoSuchMethodException  if this class has no such trap
     * @throws IllegalAccessException if the trap is not public
     */
    public static CallSite bind(MethodHandles.Lookup caller, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        Class<?> site = caller.lookupClass();
        MethodHandle trap = MethodHandles.insertArguments(
                TRAPS.findStatic(Traps.class, name, type.appendParameterTypes(Class.class)), type.parameterCount(), site);
        TrapHandler h = handler;
        return h == null ? new ConstantCallSite(trap) : h.bind(site, name, trap);
    }

    // Names and descriptors below are the 'hook' column of the critical-instruction catalog.

    public static void systemExit(int status, Class<?> caller) {
        handler().exit(status, caller);
    }

    public static void runtimeExit(Runtime runtime, int status, Class<?> caller) {
        handler().exit(status, caller);
    }

    public static void runtimeHalt(Runtime runtime, int status, Class<?> caller) {
        handler().halt(status, caller);
    }

    public static void addShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        handler().addShutdownHook(hook, caller);
    }

    public static boolean removeShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
        return handler().removeShutdownHook(hook, caller);
    }

    public static long runtimeMaxMemory(Runtime runtime, Class<?> caller) {
        return handler().maxMemory(caller);
    }

    public static long runtimeTotalMemory(Runtime runtime, Class<?> caller) {
        return handler().totalMemory(caller);
    }

    public static long runtimeFreeMemory(Runtime runtime, Class<?> caller) {
        return handler().freeMemory(caller);
    }

    public static java.util.logging.Logger globalLoggerField(Class<?> caller) {
        return handler().globalLoggerField(caller);
    }

    public static PrintStream stdout(Class<?> caller) {
        return handler().stdout(caller);
    }

    public static PrintStream stderr(Class<?> caller) {
        return handler().stderr(caller);
    }

    public static InputStream stdin(Class<?> caller) {
        return handler().stdin(caller);
    }

    public static void setOut(PrintStream out, Class<?> caller) {
        handler().setOut(out, caller);
    }

    public static void setErr(PrintStream err, Class<?> caller) {
        handler().setErr(err, caller);
    }

    public static void setIn(InputStream in, Class<?> caller) {
        handler().setIn(in, caller);
    }

    public static Console console(Class<?> caller) {
        return handler().console(caller);
    }

    public static Channel inheritedChannel(Class<?> caller) throws IOException {
        return handler().inheritedChannel(caller);
    }

    /**
     * The safepoint that the code of a guest class polls (see {@link Safepoint}); called once per
     * class, by the synthetic accessor the rewriter adds to it.
     */
    public static Safepoint safepointOf(Class<?> caller) {
        return handler().safepointOf(caller);
    }

    /**
     * The bootstrap of the {@code invokedynamic} poll in the synthetic accessor of a rewritten
     * class of Java 7 or later: linked once to the call site of the safepoint of the class's guest,
     * which every class of the guest shares (see {@link Safepoint}).
     *
     * @param caller the class's own lookup, which the JVM passes
     * @param name   the call's name, unused
     * @param type   {@code ()void}
     * @return the call site, never {@code null}
     */
    public static CallSite bindSafepoint(MethodHandles.Lookup caller, String name, MethodType type) {
        if (!type.equals(MethodType.methodType(void.class))) {
            throw new IllegalArgumentException("a safepoint poll is of type ()void, not " + type);
        }
        return safepointOf(caller.lookupClass()).callSite();
    }

    /** Polls the safepoint of an interface's guest, in a class file too old for the accessor (Java 7 and before). */
    public static void safepoint(Class<?> caller) {
        handler().safepointOf(caller).poll();
    }

    /** {@link Safepoint#pollHandler} of an interface's guest, first in a handler of the interface: what that caught, and the interface. */
    public static void safepointInHandler(Throwable caught, Class<?> caller) {
        handler().safepointOf(caller).pollHandler(caught);
    }

    public static void handlerEntered(Class<?> caller) {
        handler().handlerEntered(caller);
    }

    // The system class loader: the guest's own, with the JDK methods' semantics.

    public static ClassLoader getSystemClassLoader(Class<?> caller) {
        return handler().systemClassLoader(caller);
    }

    public static java.net.URL getSystemResource(String name, Class<?> caller) {
        return handler().systemClassLoader(caller).getResource(name);
    }

    public static java.io.InputStream getSystemResourceAsStream(String name, Class<?> caller) {
        return handler().systemClassLoader(caller).getResourceAsStream(name);
    }

    public static java.util.Enumeration<java.net.URL> getSystemResources(String name, Class<?> caller) throws java.io.IOException {
        return handler().systemClassLoader(caller).getResources(name);
    }

    // The platform MBean server: the guest's own, over the JVM's.

    public static javax.management.MBeanServer getPlatformMBeanServer(Class<?> caller) {
        return handler().platformMBeanServer(caller);
    }

    public static java.util.ArrayList<javax.management.MBeanServer> findMBeanServer(String agentId, Class<?> caller) {
        java.util.List<javax.management.MBeanServer> servers = handler().mbeanServers(caller);
        if (servers == null) {
            return javax.management.MBeanServerFactory.findMBeanServer(agentId);
        }
        java.util.ArrayList<javax.management.MBeanServer> found = new java.util.ArrayList<>();
        for (javax.management.MBeanServer server : servers) {
            try {
                if (agentId == null || agentId.equals(server.getAttribute(javax.management.MBeanServerDelegate.DELEGATE_NAME, "MBeanServerId"))) {
                    found.add(server);
                }
            } catch (javax.management.JMException e) {
                throw new IllegalStateException("the MBean server has no id: " + e, e);
            }
        }
        return found;
    }

    public static javax.management.MBeanServer createDefaultMBeanServer(Class<?> caller) {
        return createMBeanServer(null, caller);
    }

    public static javax.management.MBeanServer createMBeanServer(String domain, Class<?> caller) {
        javax.management.MBeanServer own = handler().mbeanServerCreated(domain, caller);
        return own != null ? own : javax.management.MBeanServerFactory.createMBeanServer(domain);
    }

    public static void releaseMBeanServer(javax.management.MBeanServer server, Class<?> caller) {
        if (!handler().mbeanServerReleased(server, caller)) {
            javax.management.MBeanServerFactory.releaseMBeanServer(server);
        }
    }

    // Properties and environment: the guest's own, with the JDK methods' semantics.

    public static String getProperty(String key, Class<?> caller) {
        checkKey(key);
        return handler().properties(false, caller).getProperty(key);
    }

    public static String getPropertyOrDefault(String key, String def, Class<?> caller) {
        checkKey(key);
        return handler().properties(false, caller).getProperty(key, def);
    }

    public static Properties getProperties(Class<?> caller) {
        return handler().properties(false, caller);
    }

    public static String setProperty(String key, String value, Class<?> caller) {
        checkKey(key);
        return (String) handler().properties(true, caller).setProperty(key, value);
    }

    public static String clearProperty(String key, Class<?> caller) {
        checkKey(key);
        return (String) handler().properties(true, caller).remove(key);
    }

    public static void setProperties(Properties props, Class<?> caller) {
        handler().setProperties(props, caller);
    }

    public static Integer integerProperty(String name, Class<?> caller) {
        return integerPropertyOrDefault(name, null, caller);
    }

    public static Integer integerPropertyOrInt(String name, int def, Class<?> caller) {
        Integer value = integerPropertyOrDefault(name, null, caller);
        return value == null ? Integer.valueOf(def) : value;
    }

    public static Integer integerPropertyOrDefault(String name, Integer def, Class<?> caller) {
        return decoded(name, def, Integer::decode, caller);
    }

    public static Long longProperty(String name, Class<?> caller) {
        return longPropertyOrDefault(name, null, caller);
    }

    public static Long longPropertyOrLong(String name, long def, Class<?> caller) {
        Long value = longPropertyOrDefault(name, null, caller);
        return value == null ? Long.valueOf(def) : value;
    }

    public static Long longPropertyOrDefault(String name, Long def, Class<?> caller) {
        return decoded(name, def, Long::decode, caller);
    }

    public static boolean booleanProperty(String name, Class<?> caller) {
        return Boolean.parseBoolean(propertyOrNull(name, caller));
    }

    // java.awt's font and colour named by a property: the JDK reads the JVM's properties

    public static java.awt.Font fontProperty(String name, Class<?> caller) {
        return fontPropertyOrDefault(name, null, caller);
    }

    public static java.awt.Font fontPropertyOrDefault(String name, java.awt.Font font, Class<?> caller) {
        String value = getProperty(name, caller);
        return value == null ? font : java.awt.Font.decode(value);
    }

    public static java.awt.Color colorProperty(String name, Class<?> caller) {
        return colorPropertyOrDefault(name, null, caller);
    }

    public static java.awt.Color colorPropertyOrDefault(String name, java.awt.Color color, Class<?> caller) {
        Integer value = integerPropertyOrDefault(name, null, caller);
        return value == null ? color : rgbColor(value);
    }

    public static java.awt.Color colorPropertyOrRgb(String name, int rgb, Class<?> caller) {
        return rgbColor(integerPropertyOrInt(name, rgb, caller));
    }

    /** The opaque colour of the low 24 bits, as {@code Color.getColor} makes it. */
    private static java.awt.Color rgbColor(int value) {
        return new java.awt.Color((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
    }

    public static String getenv(String name, Class<?> caller) {
        return handler().environment(caller).get(Objects.requireNonNull(name));
    }

    public static Map<String, String> environment(Class<?> caller) {
        return handler().environment(caller);
    }

    // Processes: every start goes through the guest's policy, with the JDK methods' semantics.

    public static Process startProcess(ProcessBuilder builder, Class<?> caller) throws IOException {
        return handler().startProcess(builder, caller);
    }

    public static List<Process> startPipeline(List<ProcessBuilder> builders, Class<?> caller) throws IOException {
        return handler().startPipeline(builders, caller);
    }

    public static Map<String, String> processEnvironment(ProcessBuilder builder, Class<?> caller) {
        return handler().processEnvironment(builder, caller);
    }

    public static Process exec(Runtime runtime, String command, Class<?> caller) throws IOException {
        return execWithEnvironmentIn(runtime, command, null, null, caller);
    }

    public static Process execWithEnvironment(Runtime runtime, String command, String[] envp, Class<?> caller)
            throws IOException {
        return execWithEnvironmentIn(runtime, command, envp, null, caller);
    }

    public static Process execWithEnvironmentIn(Runtime runtime, String command, String[] envp, File dir, Class<?> caller)
            throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("Empty command");
        }
        StringTokenizer words = new StringTokenizer(command);
        String[] cmdarray = new String[words.countTokens()];
        for (int i = 0; words.hasMoreTokens(); i++) {
            cmdarray[i] = words.nextToken();
        }
        return execArrayWithEnvironmentIn(runtime, cmdarray, envp, dir, caller);
    }

    public static Process execArray(Runtime runtime, String[] cmdarray, Class<?> caller) throws IOException {
        return execArrayWithEnvironmentIn(runtime, cmdarray, null, null, caller);
    }

    public static Process execArrayWithEnvironment(Runtime runtime, String[] cmdarray, String[] envp, Class<?> caller)
            throws IOException {
        return execArrayWithEnvironmentIn(runtime, cmdarray, envp, null, caller);
    }

    /** As {@code Runtime.exec(String[], String[], File)}: a ProcessBuilder, then the trap of its start. */
    public static Process execArrayWithEnvironmentIn(Runtime runtime, String[] cmdarray, String[] envp, File dir,
            Class<?> caller) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(cmdarray).directory(dir);
        if (envp != null) {
            Map<String, String> env = builder.environment();
            env.clear();
            for (String entry : envp) {
                String e = entry.indexOf('\u0000') != -1 ? entry.replaceFirst("\u0000.*", "") : entry;
                int eq = e.indexOf('=');
                if (eq != -1) { // as the JDK: an entry without '=' is ignored
                    env.put(e.substring(0, eq), e.substring(eq + 1));
                }
            }
        }
        return startProcess(builder, caller);
    }

    // Files: java.io and java.nio.file on the guest's disk. A java.io File of a guest holds the
    // guest's path; each trap maps it to the host's file and maps what comes back.

    public static boolean fileExists(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).exists();
    }

    public static boolean fileIsFile(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).isFile();
    }

    public static boolean fileIsDirectory(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).isDirectory();
    }

    public static boolean fileIsHidden(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).isHidden();
    }

    public static boolean fileCanRead(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).canRead();
    }

    public static boolean fileCanWrite(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).canWrite();
    }

    public static boolean fileCanExecute(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).canExecute();
    }

    public static long fileLength(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).length();
    }

    public static long fileLastModified(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).lastModified();
    }

    public static String[] fileList(File f, Class<?> caller) {
        return GuestFiles.list(f, null, caller);
    }

    public static String[] fileListFiltered(File f, FilenameFilter filter, Class<?> caller) {
        return GuestFiles.list(f, filter, caller);
    }

    public static File[] fileListFiles(File f, Class<?> caller) {
        return GuestFiles.listFiles(f, null, null, caller);
    }

    public static File[] fileListFilesByName(File f, FilenameFilter filter, Class<?> caller) {
        return GuestFiles.listFiles(f, filter, null, caller);
    }

    public static File[] fileListFilesFiltered(File f, FileFilter filter, Class<?> caller) {
        return GuestFiles.listFiles(f, null, filter, caller);
    }

    public static long fileTotalSpace(File f, Class<?> caller) {
        return GuestFiles.host(f, false, caller).getTotalSpace();
    }

    public static long fileFreeSpace(File f, Class<?> caller) {
        return Math.min(GuestFiles.host(f, false, caller).getFreeSpace(), handler().diskSpaceLeft(caller));
    }

    public static long fileUsableSpace(File f, Class<?> caller) {
        return Math.min(GuestFiles.host(f, false, caller).getUsableSpace(), handler().diskSpaceLeft(caller));
    }

    public static String fileCanonicalPath(File f, Class<?> caller) throws IOException {
        return fileCanonicalFile(f, caller).getPath();
    }

    public static File fileCanonicalFile(File f, Class<?> caller) throws IOException {
        return GuestFiles.guest(GuestFiles.host(f, false, caller).getCanonicalFile(), caller);
    }

    public static URI fileToUri(File f, Class<?> caller) {
        String path = fileAbsolutePath(f, caller);
        if (!path.endsWith("/") && GuestFiles.host(f, false, caller).isDirectory()) {
            path = path + "/";
        }
        try {
            return new URI("file", null, path.startsWith("//") ? "//" + path : path, null);
        } catch (java.net.URISyntaxException e) {
            throw new Error(e); // as File.toURI: cannot happen for an absolute path
        }
    }

    public static String fileAbsolutePath(File f, Class<?> caller) {
        return handler().absolutePath(f.getPath(), caller);
    }

    public static File fileAbsoluteFile(File f, Class<?> caller) {
        return new File(fileAbsolutePath(f, caller));
    }

    public static Path fileToPath(File f, Class<?> caller) {
        return handler().fileSystem(caller).getPath(f.getPath());
    }

    public static boolean fileDelete(File f, Class<?> caller) {
        File named = GuestFiles.named(f.getPath()); // asked once: a guest's File may name another file at each call
        return GuestFiles.host(named, true, caller) != null && handler().fileDelete(named, caller);
    }

    public static void fileDeleteOnExit(File f, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        if (host != null) {
            host.deleteOnExit();
        }
    }

    public static boolean fileMkdir(File f, Class<?> caller) {
        File named = GuestFiles.named(f.getPath());
        return GuestFiles.host(named, true, caller) != null && handler().fileMakeDirectory(named, false, caller);
    }

    public static boolean fileMkdirs(File f, Class<?> caller) {
        File named = GuestFiles.named(f.getPath());
        return GuestFiles.host(named, true, caller) != null && handler().fileMakeDirectory(named, true, caller);
    }

    public static boolean fileRenameTo(File f, File dest, Class<?> caller) {
        File from = GuestFiles.named(f.getPath());
        File to = GuestFiles.named(java.util.Objects.requireNonNull(dest).getPath());
        return GuestFiles.host(from, true, caller) != null && GuestFiles.host(to, true, caller) != null
                && handler().fileRename(from, to, caller);
    }

    public static boolean fileSetLastModified(File f, long time, Class<?> caller) {
        if (time < 0) {
            throw new IllegalArgumentException("Negative time");
        }
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setLastModified(time);
    }

    public static boolean fileSetReadOnly(File f, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setReadOnly();
    }

    public static boolean fileSetWritableOwner(File f, boolean writable, boolean ownerOnly, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setWritable(writable, ownerOnly);
    }

    public static boolean fileSetWritable(File f, boolean writable, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setWritable(writable);
    }

    public static boolean fileSetReadableOwner(File f, boolean readable, boolean ownerOnly, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setReadable(readable, ownerOnly);
    }

    public static boolean fileSetReadable(File f, boolean readable, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setReadable(readable);
    }

    public static boolean fileSetExecutableOwner(File f, boolean executable, boolean ownerOnly, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setExecutable(executable, ownerOnly);
    }

    public static boolean fileSetExecutable(File f, boolean executable, Class<?> caller) {
        File host = GuestFiles.host(f, true, caller);
        return host != null && host.setExecutable(executable);
    }

    public static boolean fileCreateNewFile(File f, Class<?> caller) throws IOException {
        File host = Traps.handler().hostFile(f, true, caller);
        if (host == null) {
            throw new IOException("Read-only file system");
        }
        try {
            boolean made = host.createNewFile();
            if (made) {
                handler().fileCreated(host, caller);
            }
            return made;
        } catch (IOException e) {
            throw handler().guestException(e, caller);
        }
    }

    public static File fileCreateTempFile(String prefix, String suffix, Class<?> caller) throws IOException {
        return fileCreateTempFileIn(prefix, suffix, null, caller);
    }

    public static File fileCreateTempFileIn(String prefix, String suffix, File dir, Class<?> caller) throws IOException {
        File guestDir = dir != null ? dir : new File(handler().temporaryDirectory(caller));
        try {
            File hostDir = handler().hostFile(guestDir, true, caller);
            if (hostDir == null) {
                throw new IOException("Read-only file system");
            }
            File host = File.createTempFile(prefix, suffix, hostDir);
            handler().fileCreated(host, caller);
            return new File(guestDir, host.getName());
        } catch (IOException e) {
            throw handler().guestException(e, caller);
        }
    }

    public static File[] fileListRoots(Class<?> caller) {
        return new File[] {new File(handler().absolutePath("/", caller))};
    }

    public static FileInputStream newFileInputStreamNamed(String name, Class<?> caller) throws FileNotFoundException {
        return newFileInputStream(GuestFiles.named(name), caller);
    }

    public static FileInputStream newFileInputStream(File file, Class<?> caller) throws FileNotFoundException {
        File host = GuestFiles.forOpen(file, false, caller);
        try {
            return new FileInputStream(host);
        } catch (FileNotFoundException e) {
            throw GuestFiles.mapped(e, FileNotFoundException.class, caller);
        }
    }

    public static FileOutputStream newFileOutputStreamNamed(String name, Class<?> caller) throws FileNotFoundException {
        return handler().openOutput(GuestFiles.named(name), false, caller);
    }

    public static FileOutputStream newFileOutputStreamNamedAppending(String name, boolean append, Class<?> caller)
            throws FileNotFoundException {
        return handler().openOutput(GuestFiles.named(name), append, caller);
    }

    public static FileOutputStream newFileOutputStream(File file, Class<?> caller) throws FileNotFoundException {
        return handler().openOutput(file, false, caller);
    }

    public static FileOutputStream newFileOutputStreamAppending(File file, boolean append, Class<?> caller)
            throws FileNotFoundException {
        return handler().openOutput(file, append, caller);
    }

    /** {@code new FileOutputStream(FileDescriptor.out)} and {@code .err} write to the guest's console. */
    public static FileOutputStream newFileOutputStreamOfDescriptor(java.io.FileDescriptor fd, Class<?> caller) {
        return handler().descriptorOutput(fd, caller);
    }

    /** {@code new FileInputStream(FileDescriptor.in)} reads the guest's standard input. */
    public static FileInputStream newFileInputStreamOfDescriptor(java.io.FileDescriptor fd, Class<?> caller) {
        return handler().descriptorInput(fd, caller);
    }

    public static RandomAccessFile newRandomAccessFileNamed(String name, String mode, Class<?> caller)
            throws FileNotFoundException {
        return handler().openRandomAccess(GuestFiles.named(name), mode, caller);
    }

    public static RandomAccessFile newRandomAccessFile(File file, String mode, Class<?> caller) throws FileNotFoundException {
        return handler().openRandomAccess(file, mode, caller);
    }

    public static java.nio.channels.FileChannel randomAccessFileChannel(RandomAccessFile file, Class<?> caller) {
        return handler().randomAccessChannel(file, caller);
    }

    public static FileReader newFileReaderNamed(String name, Class<?> caller) throws FileNotFoundException {
        return newFileReader(GuestFiles.named(name), caller);
    }

    public static FileReader newFileReader(File file, Class<?> caller) throws FileNotFoundException {
        return newFileReaderWithCharset(file, Charset.defaultCharset(), caller);
    }

    public static FileReader newFileReaderNamedWithCharset(String name, Charset charset, Class<?> caller) throws IOException {
        return newFileReaderWithCharset(GuestFiles.named(name), charset, caller);
    }

    public static FileReader newFileReaderWithCharset(File file, Charset charset, Class<?> caller)
            throws FileNotFoundException {
        java.util.Objects.requireNonNull(charset, "charset");
        File host = GuestFiles.forOpen(file, false, caller);
        try {
            return new FileReader(host, charset);
        } catch (FileNotFoundException e) {
            throw GuestFiles.mapped(e, FileNotFoundException.class, caller);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // FileReader(File, Charset) declares IOException, throws only FNFE
        }
    }

    public static FileWriter newFileWriterNamed(String name, Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(GuestFiles.named(name), Charset.defaultCharset(), false, caller);
    }

    public static FileWriter newFileWriterNamedAppending(String name, boolean append, Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(GuestFiles.named(name), Charset.defaultCharset(), append, caller);
    }

    public static FileWriter newFileWriter(File file, Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(file, Charset.defaultCharset(), false, caller);
    }

    public static FileWriter newFileWriterAppending(File file, boolean append, Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(file, Charset.defaultCharset(), append, caller);
    }

    public static FileWriter newFileWriterNamedWithCharset(String name, Charset charset, Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(GuestFiles.named(name), charset, false, caller);
    }

    public static FileWriter newFileWriterNamedWithCharsetAppending(String name, Charset charset, boolean append,
            Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(GuestFiles.named(name), charset, append, caller);
    }

    public static FileWriter newFileWriterWithCharset(File file, Charset charset, Class<?> caller) throws IOException {
        return newFileWriterWithCharsetAppending(file, charset, false, caller);
    }

    public static FileWriter newFileWriterWithCharsetAppending(File file, Charset charset, boolean append, Class<?> caller)
            throws IOException {
        java.util.Objects.requireNonNull(charset, "charset");
        return new GuestFileWriter(handler().openOutput(file, append, caller), charset);
    }

    public static PrintStream newPrintStreamNamed(String name, Class<?> caller) throws FileNotFoundException {
        return newPrintStreamWithCharset(GuestFiles.named(name), Charset.defaultCharset(), caller);
    }

    public static PrintStream newPrintStreamNamedWithEncoding(String name, String csn, Class<?> caller)
            throws FileNotFoundException, java.io.UnsupportedEncodingException {
        return newPrintStreamWithCharset(GuestFiles.named(name), GuestFiles.charset(csn), caller);
    }

    public static PrintStream newPrintStreamNamedWithCharset(String name, Charset charset, Class<?> caller) throws IOException {
        return newPrintStreamWithCharset(GuestFiles.named(name), charset, caller);
    }

    public static PrintStream newPrintStream(File file, Class<?> caller) throws FileNotFoundException {
        return newPrintStreamWithCharset(file, Charset.defaultCharset(), caller);
    }

    public static PrintStream newPrintStreamWithEncoding(File file, String csn, Class<?> caller)
            throws FileNotFoundException, java.io.UnsupportedEncodingException {
        return newPrintStreamWithCharset(file, GuestFiles.charset(csn), caller);
    }

    public static PrintStream newPrintStreamWithCharset(File file, Charset charset, Class<?> caller)
            throws FileNotFoundException {
        java.util.Objects.requireNonNull(charset, "charset");
        return new PrintStream(handler().openOutput(file, false, caller), false, charset);
    }

    public static PrintWriter newPrintWriterNamed(String name, Class<?> caller) throws FileNotFoundException {
        return newPrintWriterWithCharset(GuestFiles.named(name), Charset.defaultCharset(), caller);
    }

    public static PrintWriter newPrintWriterNamedWithEncoding(String name, String csn, Class<?> caller)
            throws FileNotFoundException, java.io.UnsupportedEncodingException {
        return newPrintWriterWithCharset(GuestFiles.named(name), GuestFiles.charset(csn), caller);
    }

    public static PrintWriter newPrintWriterNamedWithCharset(String name, Charset charset, Class<?> caller) throws IOException {
        return newPrintWriterWithCharset(GuestFiles.named(name), charset, caller);
    }

    public static PrintWriter newPrintWriter(File file, Class<?> caller) throws FileNotFoundException {
        return newPrintWriterWithCharset(file, Charset.defaultCharset(), caller);
    }

    public static PrintWriter newPrintWriterWithEncoding(File file, String csn, Class<?> caller)
            throws FileNotFoundException, java.io.UnsupportedEncodingException {
        return newPrintWriterWithCharset(file, GuestFiles.charset(csn), caller);
    }

    public static PrintWriter newPrintWriterWithCharset(File file, Charset charset, Class<?> caller)
            throws FileNotFoundException {
        java.util.Objects.requireNonNull(charset, "charset");
        return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                handler().openOutput(file, false, caller), charset)), false);
    }

    public static Scanner newScanner(File file, Class<?> caller) throws FileNotFoundException {
        return newScannerWithCharset(file, Charset.defaultCharset(), caller);
    }

    public static Scanner newScannerWithEncoding(File file, String csn, Class<?> caller) throws FileNotFoundException {
        if (csn == null) {
            throw new NullPointerException("charsetName");
        }
        return newScannerWithCharset(file, Charset.forName(csn), caller);
    }

    public static Scanner newScannerWithCharset(File file, Charset charset, Class<?> caller) throws FileNotFoundException {
        java.util.Objects.requireNonNull(charset, "charset");
        return new Scanner(newFileInputStream(file, caller), charset);
    }

    public static InputStream urlOpenStream(URL url, Class<?> caller) throws IOException {
        return urlOpenConnection(url, caller).getInputStream();
    }

    /**
     * A {@code file:} URL (also inside a {@code jar:} URL) names a guest path: the connection is to
     * that file on the guest's disk. Other URLs open as they would.
     */
    public static URLConnection urlOpenConnection(URL url, Class<?> caller) throws IOException {
        String protocol = url.getProtocol().toLowerCase(java.util.Locale.ROOT);
        if (protocol.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
            return hostUrl(url, caller).openConnection();
        }
        String spec = url.toString();
        int separator = spec.indexOf("!/");
        if (protocol.equals("jar") && separator > 0 && spec.regionMatches(true, 4, "file:", 0, 5)) {
            URL file = new URL(spec.substring(4, separator));
            if (file.getHost() == null || file.getHost().isEmpty()) {
                return new URL("jar:" + hostUrl(file, caller) + spec.substring(separator)).openConnection();
            }
        }
        return url.openConnection();
    }

    /** The host's URL of the file a guest's {@code file:} URL names, after its policy allowed reading it. */
    private static URL hostUrl(URL url, Class<?> caller) throws IOException {
        File guest;
        try {
            guest = handler().fileSystem(caller).provider().getPath(url.toURI()).toFile();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new java.net.MalformedURLException("not a file URL jvisor can map: " + url);
        }
        return GuestFiles.forOpen(guest, false, caller).toURI().toURL();
    }

    public static Path pathsGet(String first, String[] more, Class<?> caller) {
        return pathOf(first, more, caller);
    }

    public static Path pathOf(String first, String[] more, Class<?> caller) {
        return handler().fileSystem(caller).getPath(first, more);
    }

    public static Path pathsGetUri(URI uri, Class<?> caller) {
        return pathOfUri(uri, caller);
    }

    public static Path pathOfUri(URI uri, Class<?> caller) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return handler().fileSystem(caller).provider().getPath(uri);
        }
        return Path.of(uri);
    }

    public static FileSystem defaultFileSystem(Class<?> caller) {
        return handler().fileSystem(caller);
    }

    public static Path createTempFile(String prefix, String suffix, FileAttribute<?>[] attrs, Class<?> caller)
            throws IOException {
        return Files.createTempFile(temporaryDirectory(caller), prefix, suffix, attrs);
    }

    public static Path createTempDirectory(String prefix, FileAttribute<?>[] attrs, Class<?> caller) throws IOException {
        return Files.createTempDirectory(temporaryDirectory(caller), prefix, attrs);
    }

    private static Path temporaryDirectory(Class<?> caller) {
        return handler().fileSystem(caller).getPath(handler().temporaryDirectory(caller));
    }

    /**
     * Whether a method or constructor that guest code calls by reflection ({@code Method.invoke},
     * {@code Constructor.newInstance}) is a trapped JDK member: then the rewritten call goes to
     * {@link #invokeTrapped} instead.
     */
    public static boolean isTrapped(Executable member) {
        return handler().isTrapped(member);
    }

    /**
     * Calls a trapped JDK member that guest code called by reflection, through its trap, as the
     * reflective call would: the trap's exceptions wrapped in {@code InvocationTargetException}.
     *
     * @param target the receiver of an instance method; ignored for static methods and constructors
     */
    public static Object invokeTrapped(Executable member, Object target, Object[] args, Class<?> caller)
            throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
        return handler().invokeTrapped(member, target, args, caller);
    }

    // ---- method handles: a handle to a trapped member is a handle to its trap ----

    public static MethodHandle lookupFindStatic(MethodHandles.Lookup lookup, Class<?> refc, String name, MethodType type,
            Class<?> caller) throws NoSuchMethodException, IllegalAccessException {
        return methodHandle(lookup.findStatic(refc, name, type), caller);
    }

    public static MethodHandle lookupFindVirtual(MethodHandles.Lookup lookup, Class<?> refc, String name, MethodType type,
            Class<?> caller) throws NoSuchMethodException, IllegalAccessException {
        return methodHandle(lookup.findVirtual(refc, name, type), caller);
    }

    public static MethodHandle lookupFindConstructor(MethodHandles.Lookup lookup, Class<?> refc, MethodType type,
            Class<?> caller) throws NoSuchMethodException, IllegalAccessException {
        return methodHandle(lookup.findConstructor(refc, type), caller);
    }

    public static MethodHandle lookupFindSpecial(MethodHandles.Lookup lookup, Class<?> refc, String name, MethodType type,
            Class<?> specialCaller, Class<?> caller) throws NoSuchMethodException, IllegalAccessException {
        return methodHandle(lookup.findSpecial(refc, name, type, specialCaller), caller);
    }

    public static MethodHandle lookupFindStaticGetter(MethodHandles.Lookup lookup, Class<?> refc, String name, Class<?> type,
            Class<?> caller) throws NoSuchFieldException, IllegalAccessException {
        return methodHandle(lookup.findStaticGetter(refc, name, type), caller);
    }

    public static MethodHandle lookupUnreflect(MethodHandles.Lookup lookup, java.lang.reflect.Method method, Class<?> caller)
            throws IllegalAccessException {
        return methodHandle(lookup.unreflect(method), caller);
    }

    public static MethodHandle lookupUnreflectConstructor(MethodHandles.Lookup lookup, java.lang.reflect.Constructor<?> constructor,
            Class<?> caller) throws IllegalAccessException {
        return methodHandle(lookup.unreflectConstructor(constructor), caller);
    }

    public static MethodHandle lookupUnreflectSpecial(MethodHandles.Lookup lookup, java.lang.reflect.Method method,
            Class<?> specialCaller, Class<?> caller) throws IllegalAccessException {
        return methodHandle(lookup.unreflectSpecial(method, specialCaller), caller);
    }

    public static MethodHandle lookupUnreflectGetter(MethodHandles.Lookup lookup, java.lang.reflect.Field field, Class<?> caller)
            throws IllegalAccessException {
        return methodHandle(lookup.unreflectGetter(field), caller);
    }

    private static MethodHandle methodHandle(MethodHandle found, Class<?> caller) throws IllegalAccessException {
        return handler().methodHandle(found, caller);
    }

    /**
     * Called where a guest's subclass of {@code FileInputStream} calls {@code super(file)}, and a
     * subclass of {@code FileReader}, which reads through one: the file that the JDK's constructor
     * of that class taking a {@code File} opens instead, the host's file of the guest's path,
     * decided as {@code new FileInputStream(file)} is. Reading needs nothing of the stream itself,
     * so a subclass of it (JGit's {@code SilentFileInputStream}) works as it does natively.
     */
    public static File superFileInputStream(File file, Class<?> caller) throws FileNotFoundException {
        return GuestFiles.forOpen(file, false, caller);
    }

    /** {@link #superFileInputStream} for {@code super(name)}, which the JDK turns into {@code super(new File(name))}. */
    public static File superFileInputStreamNamed(String name, Class<?> caller) throws FileNotFoundException {
        return superFileInputStream(GuestFiles.named(name), caller);
    }

    /** {@link #superFileInputStream} for a reader's {@code super(file, charset)}; the JDK's constructor takes the charset. */
    public static File superFileInputStreamWithCharset(File file, Charset charset, Class<?> caller) throws FileNotFoundException {
        return superFileInputStream(file, caller);
    }

    /** {@link #superFileInputStream} for a reader's {@code super(name, charset)}. */
    public static File superFileInputStreamNamedWithCharset(String name, Charset charset, Class<?> caller)
            throws FileNotFoundException {
        return superFileInputStreamNamed(name, caller);
    }

    /**
     * Called where a guest's subclass of {@code FileOutputStream} calls {@code super(file)}, and a
     * subclass of {@code FileWriter}, {@code PrintStream} or {@code PrintWriter}, which write
     * through one: the file that the JDK's constructor of that class taking a {@code File} opens
     * instead, the host's file of the guest's path, decided as {@code new FileOutputStream(file)}
     * is. What the subclass writes passes the meter of its disk's quota, so on a disk with a quota
     * the call is refused ({@link TrapHandler#subclassWriting}).
     */
    public static File superFileOutputStream(File file, Class<?> caller) throws FileNotFoundException {
        return superOpened(file, true, caller);
    }

    /** {@link #superFileOutputStream} for a writer's {@code super(file, charset)}; the JDK's constructor takes the charset. */
    public static File superFileOutputStreamWithCharset(File file, Charset charset, Class<?> caller) throws FileNotFoundException {
        return superFileOutputStream(file, caller);
    }

    /** {@link #superFileOutputStream} for a writer's {@code super(name, charset)}. */
    public static File superFileOutputStreamNamedWithCharset(String name, Charset charset, Class<?> caller)
            throws FileNotFoundException {
        return superFileOutputStreamNamed(name, caller);
    }

    /** {@link #superFileOutputStream} for a {@code FileWriter}'s {@code super(file, charset, append)}. */
    public static File superFileOutputStreamWithCharsetAppending(File file, Charset charset, boolean append, Class<?> caller)
            throws FileNotFoundException {
        return superFileOutputStream(file, caller);
    }

    /** {@link #superFileOutputStream} for a {@code FileWriter}'s {@code super(name, charset, append)}. */
    public static File superFileOutputStreamNamedWithCharsetAppending(String name, Charset charset, boolean append,
            Class<?> caller) throws FileNotFoundException {
        return superFileOutputStreamNamed(name, caller);
    }

    /**
     * {@link #superFileOutputStream} for a printing stream's or writer's {@code super(file, csn)};
     * the JDK's constructor takes the charset's name, and refuses an unknown one as natively.
     */
    public static File superFileOutputStreamWithEncoding(File file, String csn, Class<?> caller) throws FileNotFoundException {
        return superFileOutputStream(file, caller);
    }

    /** {@link #superFileOutputStreamWithEncoding} for {@code super(name, csn)}. */
    public static File superFileOutputStreamNamedWithEncoding(String name, String csn, Class<?> caller)
            throws FileNotFoundException {
        return superFileOutputStreamNamed(name, caller);
    }

    /** {@link #superFileOutputStream} for {@code super(file, append)}; the JDK's constructor takes {@code append} as it is. */
    public static File superFileOutputStreamAppending(File file, boolean append, Class<?> caller) throws FileNotFoundException {
        return superFileOutputStream(file, caller);
    }

    /** {@link #superFileOutputStream} for {@code super(name)}. */
    public static File superFileOutputStreamNamed(String name, Class<?> caller) throws FileNotFoundException {
        return superFileOutputStream(GuestFiles.named(name), caller);
    }

    /** {@link #superFileOutputStream} for {@code super(name, append)}. */
    public static File superFileOutputStreamNamedAppending(String name, boolean append, Class<?> caller)
            throws FileNotFoundException {
        return superFileOutputStreamNamed(name, caller);
    }

    /**
     * Called where a guest's subclass of {@code RandomAccessFile} (Apache Derby's file of a
     * database) calls {@code super(file, mode)}: the file the JDK's constructor opens instead, in
     * the mode given, decided as {@code new RandomAccessFile(file, mode)} is; a mode that writes as
     * {@link #superFileOutputStream} is.
     */
    public static File superRandomAccessFile(File file, String mode, Class<?> caller) throws FileNotFoundException {
        return superOpened(file, Objects.requireNonNull(mode, "mode").contains("w"), caller);
    }

    /** {@link #superRandomAccessFile} for {@code super(name, mode)}. */
    public static File superRandomAccessFileNamed(String name, String mode, Class<?> caller) throws FileNotFoundException {
        return superRandomAccessFile(GuestFiles.named(name), mode, caller);
    }

    private static File superOpened(File file, boolean write, Class<?> caller) throws FileNotFoundException {
        if (write) {
            handler().subclassWriting(caller);
        }
        return GuestFiles.forOpen(file, write, caller);
    }

    /**
     * Called where a guest's subclass constructor calls any other trapped JDK constructor as
     * {@code super(...)}: that would open a file outside the guest's disk, or write to one past the
     * disk's quota (which the stream that {@code new} gives counts), so it is refused.
     */
    public static void superConstructorRefused(String constructor, Class<?> caller) {
        throw new SecurityException("jvisor: " + caller.getName() + " extends a JDK class and calls " + constructor
                + " as its superclass constructor; a guest's subclass cannot open files that way. "
                + "Construct the JDK class and wrap it instead.");
    }

    /**
     * Refuses a property key as {@code System.getProperty} and its kin do, before anything else:
     * {@code null} with a {@code NullPointerException}, an empty key with an
     * {@code IllegalArgumentException}. Also for the handler's sites bound per class.
     */
    public static void checkKey(String key) {
        if (key == null) {
            throw new NullPointerException("key can't be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key can't be empty");
        }
    }

    // ---- sun.misc.Unsafe: each access checked to lie in the guest's own memory (the catalog's
    // rows of category unsafe); the JDK's accessors then do it. The lock a check returns holds the
    // native memory it checked allocated until the access is done, so that no other thread frees it
    // between. The methods that reach no memory (fences, park, the sizes) are not trapped. ----

    public static boolean unsafeGetBoolean(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'Z', caller);
        try {
            return unsafe.getBoolean(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static boolean unsafeGetBooleanVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'Z', caller);
        try {
            return unsafe.getBooleanVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static byte unsafeGetByte(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'B', caller);
        try {
            return unsafe.getByte(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static byte unsafeGetByteAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'B', caller);
        try {
            return unsafe.getByte(address);
        } finally {
            unlocked(held);
        }
    }

    public static byte unsafeGetByteVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'B', caller);
        try {
            return unsafe.getByteVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static char unsafeGetChar(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'C', caller);
        try {
            return unsafe.getChar(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static char unsafeGetCharAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'C', caller);
        try {
            return unsafe.getChar(address);
        } finally {
            unlocked(held);
        }
    }

    public static char unsafeGetCharVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'C', caller);
        try {
            return unsafe.getCharVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static double unsafeGetDouble(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'D', caller);
        try {
            return unsafe.getDouble(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static double unsafeGetDoubleAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'D', caller);
        try {
            return unsafe.getDouble(address);
        } finally {
            unlocked(held);
        }
    }

    public static double unsafeGetDoubleVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'D', caller);
        try {
            return unsafe.getDoubleVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static boolean unsafeCompareAndSwapInt(sun.misc.Unsafe unsafe, Object base, long offset, int expected, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            return unsafe.compareAndSwapInt(base, offset, expected, value);
        } finally {
            unlocked(held);
        }
    }

    public static boolean unsafeCompareAndSwapLong(sun.misc.Unsafe unsafe, Object base, long offset, long expected, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            return unsafe.compareAndSwapLong(base, offset, expected, value);
        } finally {
            unlocked(held);
        }
    }

    public static boolean unsafeCompareAndSwapObject(sun.misc.Unsafe unsafe, Object base, long offset, Object expected, Object value, Class<?> caller) {
        Lock held = handler().unsafeStore(base, offset, value, caller);
        try {
            return unsafe.compareAndSwapObject(base, offset, expected, value);
        } finally {
            unlocked(held);
        }
    }

    public static int unsafeGetAndAddInt(sun.misc.Unsafe unsafe, Object base, long offset, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            return unsafe.getAndAddInt(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static int unsafeGetAndSetInt(sun.misc.Unsafe unsafe, Object base, long offset, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            return unsafe.getAndSetInt(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static Object unsafeGetAndSetObject(sun.misc.Unsafe unsafe, Object base, long offset, Object value, Class<?> caller) {
        Lock held = handler().unsafeStore(base, offset, value, caller);
        try {
            return unsafe.getAndSetObject(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeGetAndAddLong(sun.misc.Unsafe unsafe, Object base, long offset, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            return unsafe.getAndAddLong(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeGetAndSetLong(sun.misc.Unsafe unsafe, Object base, long offset, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            return unsafe.getAndSetLong(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static float unsafeGetFloat(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'F', caller);
        try {
            return unsafe.getFloat(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static float unsafeGetFloatAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'F', caller);
        try {
            return unsafe.getFloat(address);
        } finally {
            unlocked(held);
        }
    }

    public static float unsafeGetFloatVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'F', caller);
        try {
            return unsafe.getFloatVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static int unsafeGetInt(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            return unsafe.getInt(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static int unsafeGetIntAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'I', caller);
        try {
            return unsafe.getInt(address);
        } finally {
            unlocked(held);
        }
    }

    public static int unsafeGetIntVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            return unsafe.getIntVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static Object unsafeAllocateInstance(sun.misc.Unsafe unsafe, Class type, Class<?> caller) throws InstantiationException {
        handler().unsafeInstance(type, caller);
        return unsafe.allocateInstance(type);
    }

    public static void unsafeUnpark(sun.misc.Unsafe unsafe, Object thread, Class<?> caller) {
        handler().unsafeUnparking(thread, caller);
        unsafe.unpark(thread);
    }

    /** The JVM throws a {@code null} it is given without a check, and crashes: a guest's gets the JDK's usual exception. */
    public static void unsafeThrowException(sun.misc.Unsafe unsafe, Throwable thrown, Class<?> caller) {
        unsafe.throwException(java.util.Objects.requireNonNull(thrown));
    }

    public static Object unsafeGetObject(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'L', caller);
        try {
            return unsafe.getObject(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static Object unsafeGetObjectVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'L', caller);
        try {
            return unsafe.getObjectVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static Object unsafeStaticFieldBase(sun.misc.Unsafe unsafe, java.lang.reflect.Field field, Class<?> caller) {
        handler().unsafeField(field, caller);
        return unsafe.staticFieldBase(field);
    }

    public static long unsafeAllocateMemory(sun.misc.Unsafe unsafe, long bytes, Class<?> caller) {
        handler().unsafeReserving(bytes, caller);
        long address = 0;
        try {
            address = unsafe.allocateMemory(bytes);
            return address;
        } finally {
            handler().unsafeAllocated(address, bytes, caller);
        }
    }

    public static long unsafeGetAddress(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'J', caller);
        try {
            return unsafe.getAddress(address);
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeGetLong(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            return unsafe.getLong(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeGetLongAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'J', caller);
        try {
            return unsafe.getLong(address);
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeGetLongVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            return unsafe.getLongVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeObjectFieldOffset(sun.misc.Unsafe unsafe, java.lang.reflect.Field field, Class<?> caller) {
        handler().unsafeField(field, caller);
        return unsafe.objectFieldOffset(field);
    }

    public static long unsafeReallocateMemory(sun.misc.Unsafe unsafe, long address, long bytes, Class<?> caller) {
        Lock held = handler().unsafeResizing(address, caller);
        try {
            handler().unsafeReserving(bytes, caller);
            long moved = 0;
            boolean done = false;
            try {
                moved = unsafe.reallocateMemory(address, bytes);
                done = true;
                return moved;
            } finally {
                handler().unsafeReallocated(address, done ? moved : -1, bytes, caller);
            }
        } finally {
            unlocked(held);
        }
    }

    public static long unsafeStaticFieldOffset(sun.misc.Unsafe unsafe, java.lang.reflect.Field field, Class<?> caller) {
        handler().unsafeField(field, caller);
        return unsafe.staticFieldOffset(field);
    }

    public static short unsafeGetShort(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'S', caller);
        try {
            return unsafe.getShort(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static short unsafeGetShortAt(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'S', caller);
        try {
            return unsafe.getShort(address);
        } finally {
            unlocked(held);
        }
    }

    public static short unsafeGetShortVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'S', caller);
        try {
            return unsafe.getShortVolatile(base, offset);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafeCopyMemory(sun.misc.Unsafe unsafe, Object srcBase, long srcOffset, Object destBase, long destOffset, long bytes, Class<?> caller) {
        Lock source = handler().unsafeRegion(srcBase, srcOffset, bytes, caller);
        try {
            Lock destination = handler().unsafeRegionWritten(destBase, destOffset, bytes, srcBase instanceof boolean[], caller);
            try {
                unsafe.copyMemory(srcBase, srcOffset, destBase, destOffset, bytes);
            } finally {
                unlocked(destination);
            }
        } finally {
            unlocked(source);
        }
    }

    public static void unsafeCopyMemoryAt(sun.misc.Unsafe unsafe, long srcAddress, long destAddress, long bytes, Class<?> caller) {
        Lock source = handler().unsafeRegion(null, srcAddress, bytes, caller);
        try {
            Lock destination = handler().unsafeRegionWritten(null, destAddress, bytes, false, caller);
            try {
                unsafe.copyMemory(srcAddress, destAddress, bytes);
            } finally {
                unlocked(destination);
            }
        } finally {
            unlocked(source);
        }
    }

    public static void unsafeFreeMemory(sun.misc.Unsafe unsafe, long address, Class<?> caller) {
        Lock held = handler().unsafeFreeing(address, caller);
        try {
            unsafe.freeMemory(address);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafeInvokeCleaner(sun.misc.Unsafe unsafe, java.nio.ByteBuffer buffer, Class<?> caller) {
        if (handler().unsafeCleaning(buffer, caller)) {
            unsafe.invokeCleaner(buffer);
        }
    }

    public static void unsafePutAddress(sun.misc.Unsafe unsafe, long address, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'J', caller);
        try {
            unsafe.putAddress(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutBoolean(sun.misc.Unsafe unsafe, Object base, long offset, boolean value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'Z', caller);
        try {
            unsafe.putBoolean(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutBooleanVolatile(sun.misc.Unsafe unsafe, Object base, long offset, boolean value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'Z', caller);
        try {
            unsafe.putBooleanVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutByte(sun.misc.Unsafe unsafe, Object base, long offset, byte value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'B', caller);
        try {
            unsafe.putByte(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutByteAt(sun.misc.Unsafe unsafe, long address, byte value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'B', caller);
        try {
            unsafe.putByte(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutByteVolatile(sun.misc.Unsafe unsafe, Object base, long offset, byte value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'B', caller);
        try {
            unsafe.putByteVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutChar(sun.misc.Unsafe unsafe, Object base, long offset, char value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'C', caller);
        try {
            unsafe.putChar(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutCharAt(sun.misc.Unsafe unsafe, long address, char value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'C', caller);
        try {
            unsafe.putChar(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutCharVolatile(sun.misc.Unsafe unsafe, Object base, long offset, char value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'C', caller);
        try {
            unsafe.putCharVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutDouble(sun.misc.Unsafe unsafe, Object base, long offset, double value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'D', caller);
        try {
            unsafe.putDouble(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutDoubleAt(sun.misc.Unsafe unsafe, long address, double value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'D', caller);
        try {
            unsafe.putDouble(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutDoubleVolatile(sun.misc.Unsafe unsafe, Object base, long offset, double value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'D', caller);
        try {
            unsafe.putDoubleVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutFloat(sun.misc.Unsafe unsafe, Object base, long offset, float value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'F', caller);
        try {
            unsafe.putFloat(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutFloatAt(sun.misc.Unsafe unsafe, long address, float value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'F', caller);
        try {
            unsafe.putFloat(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutFloatVolatile(sun.misc.Unsafe unsafe, Object base, long offset, float value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'F', caller);
        try {
            unsafe.putFloatVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutInt(sun.misc.Unsafe unsafe, Object base, long offset, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            unsafe.putInt(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutIntAt(sun.misc.Unsafe unsafe, long address, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'I', caller);
        try {
            unsafe.putInt(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutIntVolatile(sun.misc.Unsafe unsafe, Object base, long offset, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            unsafe.putIntVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutLong(sun.misc.Unsafe unsafe, Object base, long offset, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            unsafe.putLong(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutLongAt(sun.misc.Unsafe unsafe, long address, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'J', caller);
        try {
            unsafe.putLong(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutLongVolatile(sun.misc.Unsafe unsafe, Object base, long offset, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            unsafe.putLongVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutObject(sun.misc.Unsafe unsafe, Object base, long offset, Object value, Class<?> caller) {
        Lock held = handler().unsafeStore(base, offset, value, caller);
        try {
            unsafe.putObject(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutObjectVolatile(sun.misc.Unsafe unsafe, Object base, long offset, Object value, Class<?> caller) {
        Lock held = handler().unsafeStore(base, offset, value, caller);
        try {
            unsafe.putObjectVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutOrderedInt(sun.misc.Unsafe unsafe, Object base, long offset, int value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'I', caller);
        try {
            unsafe.putOrderedInt(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutOrderedLong(sun.misc.Unsafe unsafe, Object base, long offset, long value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'J', caller);
        try {
            unsafe.putOrderedLong(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutOrderedObject(sun.misc.Unsafe unsafe, Object base, long offset, Object value, Class<?> caller) {
        Lock held = handler().unsafeStore(base, offset, value, caller);
        try {
            unsafe.putOrderedObject(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutShort(sun.misc.Unsafe unsafe, Object base, long offset, short value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'S', caller);
        try {
            unsafe.putShort(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutShortAt(sun.misc.Unsafe unsafe, long address, short value, Class<?> caller) {
        Lock held = handler().unsafeAccess(null, address, 'S', caller);
        try {
            unsafe.putShort(address, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafePutShortVolatile(sun.misc.Unsafe unsafe, Object base, long offset, short value, Class<?> caller) {
        Lock held = handler().unsafeAccess(base, offset, 'S', caller);
        try {
            unsafe.putShortVolatile(base, offset, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafeSetMemory(sun.misc.Unsafe unsafe, Object base, long offset, long bytes, byte value, Class<?> caller) {
        Lock held = handler().unsafeRegionWritten(base, offset, bytes, value == 0 || value == 1, caller);
        try {
            unsafe.setMemory(base, offset, bytes, value);
        } finally {
            unlocked(held);
        }
    }

    public static void unsafeSetMemoryAt(sun.misc.Unsafe unsafe, long address, long bytes, byte value, Class<?> caller) {
        Lock held = handler().unsafeRegionWritten(null, address, bytes, false, caller);
        try {
            unsafe.setMemory(address, bytes, value);
        } finally {
            unlocked(held);
        }
    }

    private static void unlocked(Lock held) {
        if (held != null) {
            held.unlock();
        }
    }

    /** As Integer.getInteger and Long.getLong: an absent or malformed value gives the default. */
    private static <T> T decoded(String name, T def, Function<String, T> decode, Class<?> caller) {
        String value = propertyOrNull(name, caller);
        if (value != null) {
            try {
                return decode.apply(value);
            } catch (NumberFormatException e) {
                return def;
            }
        }
        return def;
    }

    /** A property as Integer.getInteger and friends read it: a null or empty name reads as absent. */
    private static String propertyOrNull(String name, Class<?> caller) {
        return name == null || name.isEmpty() ? null : getProperty(name, caller);
    }
}
