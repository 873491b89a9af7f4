package io.jvisor.hooks;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringTokenizer;
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
        handler = trapHandler;
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

    public static void handlerEntered(Class<?> caller) {
        handler().handlerEntered(caller);
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

    private static void checkKey(String key) {
        if (key == null) {
            throw new NullPointerException("key can't be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key can't be empty");
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
