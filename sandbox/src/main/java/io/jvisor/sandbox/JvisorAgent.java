package io.jvisor.sandbox;

import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.policy.PolicyException;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;

/**
 * jvisor's agent entry points, named in the manifest of jvisor.jar.
 *
 * <ul>
 *   <li>{@code premain}: {@code java -javaagent:jvisor.jar[=OPTIONS] -jar app.jar}: the application
 *       becomes the guest, under the {@code trusted} preset unless OPTIONS say otherwise.
 *       OPTIONS, comma-separated: {@code policy=FILE}, {@code preset=NAME}, {@code audit=FILE}
 *       (denials as JSON lines; with {@code audit-all} every decision), {@code disk=DIR} (the
 *       application's files are on a disk of its own in DIR; its system properties stay the JVM's),
 *       {@code verbose}.</li>
 *   <li>{@code agentmain}: as {@code Launcher-Agent-Class} of {@code java -jar jvisor.jar}, before
 *       jvisor's main: the hypervisor owns the JVM and runs guests in loaders of their own; and as
 *       {@code Agent-Class}, attached at run time by {@link Jvisor#attach()} to a JVM that
 *       embeds jvisor, the same hypervisor.</li>
 * </ul>
 */
public final class JvisorAgent {

    /** The exit status of a JVM whose jvisor options are wrong. */
    static final int BAD_OPTIONS = 125;

    /** The preset of an application that -javaagent makes a guest, unless an option names another. */
    static final String APPLICATION_PRESET = "trusted";

    /**
     * The jars that go on the bootstrap class path, each with a class of it as a resource name
     * (looked up without loading it): the trap entry points and the hypercall API.
     */
    private static final Map<String, String> BOOT_JARS = Map.of(
            "jvisor-hooks.jar", "io/jvisor/hooks/Traps.class",
            "jvisor-api.jar", "io/jvisor/api/spi/Backends.class");

    /** The option {@link #attachToThisJvm()} gives {@code agentmain}: report a failure, do not exit the host. */
    private static final String ATTACHED = "attached";

    /** Why the agent attached at run time could not start the hypervisor, or {@code null}. */
    private static volatile String attachFailure;

    /** Whether the hypervisor runs: known without loading it, whose classes need jvisor-hooks.jar. */
    private static volatile boolean started;

    /** The instrumentation of an agent given at launch whose hypervisor has not started yet; guarded by the class. */
    private static Instrumentation launched;

    private JvisorAgent() {
    }

    /**
     * Attaches jvisor's agent, the jar these classes come from, to this running JVM. The JDK lets
     * no JVM attach to itself unless started with {@code -Djdk.attach.allowAttachSelf=true}, so
     * Byte Buddy's agent attacher lets a helper process do it then.
     *
     * @throws IllegalStateException if it cannot be attached or the hypervisor cannot start, saying why
     */
    static void attachToThisJvm() {
        startLaunched();
        if (started) {
            return;
        }
        Path jar;
        try {
            jar = Path.of(JvisorAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate jvisor's jar: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("jvisor's classes come from " + jar + ", not from jvisor.jar or jvisor-agent.jar: "
                    + "put one of them on the class path to attach jvisor at run time");
        }
        try {
            net.bytebuddy.agent.ByteBuddyAgent.attach(jar.toFile(), String.valueOf(ProcessHandle.current().pid()), ATTACHED);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot attach jvisor to this JVM (" + e.getMessage() + "); start it with "
                    + "-javaagent:jvisor-agent.jar instead", e);
        }
        if (attachFailure != null) {
            throw new IllegalStateException(attachFailure);
        }
    }

    /** Entry point of {@code -javaagent:jvisor.jar[=OPTIONS]}. */
    public static void premain(String options, Instrumentation instrumentation) {
        String missing = missingBootJar();
        if (missing != null) {
            // The JVM skips a Boot-Class-Path entry it cannot find; the first class of the jar would fail to load.
            System.err.println("jvisor: " + missing + " is not on the bootstrap class path: keep jvisor-hooks.jar and "
                    + "jvisor-api.jar beside jvisor-agent.jar, whose manifest names them there");
            System.exit(BAD_OPTIONS);
        }
        // The application owns the JVM: it may do what it did before, unless a policy says otherwise.
        Policy policy = Policy.preset(APPLICATION_PRESET);
        boolean verbose = false;
        Path auditFile = null;
        boolean auditAll = false;
        Path disk = null;
        try {
            for (String option : options == null || options.isBlank() ? new String[0] : options.split(",")) {
                String[] kv = option.split("=", 2);
                switch (kv[0].trim()) {
                    case "policy":
                        policy = Policy.load(Path.of(value(kv)));
                        break;
                    case "preset":
                        policy = Policy.preset(value(kv));
                        break;
                    case "verbose":
                        verbose = true;
                        break;
                    case "audit":
                        auditFile = Path.of(value(kv));
                        break;
                    case "audit-all":
                        auditAll = true;
                        break;
                    case "disk":
                        disk = Path.of(value(kv));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + option
                                + "' (known: policy=FILE, preset=NAME, audit=FILE, audit-all, disk=DIR, verbose)");
                }
            }
        } catch (PolicyException | IllegalArgumentException e) {
            System.err.println("jvisor: " + e.getMessage());
            System.err.println("jvisor: usage: -javaagent:jvisor-agent.jar[=policy=FILE|preset=NAME][,audit=FILE[,audit-all]][,disk=DIR][,verbose]");
            System.exit(BAD_OPTIONS);
        }
        AuditLog audit = AuditLog.NONE;
        if (auditFile != null) {
            try {
                audit = AuditLog.open(auditFile, auditAll);
            } catch (IOException e) {
                System.err.println("jvisor: cannot open the audit log " + auditFile + ": " + e.getMessage());
                System.exit(BAD_OPTIONS);
            }
        }
        install(instrumentation, Hypervisor.Mode.AGENT, policy, audit, disk, verbose);
    }

    /** Entry point as {@code Launcher-Agent-Class} of jvisor.jar, and as the {@code Agent-Class} {@link #attachToThisJvm()} attaches. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        if (ATTACHED.equals(options)) {
            try {
                bootJarsOnBootClassPath(instrumentation);
                Hypervisor.install(instrumentation, Hypervisor.Mode.HOSTED, null, AuditLog.NONE, null, false);
                started = true;
            } catch (IOException | RuntimeException e) {
                attachFailure = "jvisor could not start in this JVM: " + e.getMessage();
            }
            return;
        }
        try {
            bootJarsOnBootClassPath(instrumentation);
        } catch (IOException | IllegalStateException e) {
            System.err.println("jvisor: " + e.getMessage());
            System.exit(BAD_OPTIONS);
        }
        // Weaving the guards into the JDK takes the better part of a second: a command that runs
        // no guest (help, scan, policy, guests) does without it. No guest class can load before.
        synchronized (JvisorAgent.class) {
            launched = instrumentation;
        }
    }

    /**
     * Starts the hypervisor of a JVM that the launcher (or a tool) gave jvisor's agent without
     * starting it, when {@link Hypervisor#get()} first asks for it; nothing if there is none.
     *
     * @throws IllegalStateException if it cannot start, saying why
     */
    static synchronized void startLaunched() {
        if (launched != null) {
            Hypervisor.install(launched, Hypervisor.Mode.HOSTED, null, AuditLog.NONE, null, false);
            launched = null;
            started = true;
        }
    }

    /**
     * Puts jvisor-hooks.jar and jvisor-api.jar, found beside jvisor.jar, on the bootstrap class
     * path unless the JVM was started with them there ({@code -Xbootclasspath/a}, as bin/jvisor
     * does). Must run before anything refers to their classes, or the application loader would
     * define a second copy. A run-time append costs the JVM's class-data sharing for other
     * loaders, and it says so.
     */
    private static void bootJarsOnBootClassPath(Instrumentation instrumentation) throws IOException {
        for (Map.Entry<String, String> jar : new TreeMap<>(BOOT_JARS).entrySet()) {
            if (onBootClassPath(jar.getValue())) {
                continue;
            }
            Path file;
            try {
                Path self = Path.of(JvisorAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                file = self.resolveSibling(jar.getKey());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot locate " + jar.getKey() + ": " + e.getMessage());
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: keep " + jar.getKey() + " beside jvisor.jar");
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
        }
    }

    /** The first of the jars that go on the bootstrap class path that is not there, or {@code null}. */
    private static String missingBootJar() {
        return new TreeMap<>(BOOT_JARS).entrySet().stream().filter(jar -> !onBootClassPath(jar.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static boolean onBootClassPath(String resource) {
        // The platform loader's resources include the bootstrap class path, and nothing of jvisor's.
        return ClassLoader.getPlatformClassLoader().getResource(resource) != null;
    }

    private static void install(Instrumentation instrumentation, Hypervisor.Mode mode, Policy policy, AuditLog audit,
            Path disk, boolean verbose) {
        try {
            Hypervisor.install(instrumentation, mode, policy, audit, disk, verbose);
            started = true;
        } catch (IllegalStateException e) {
            System.err.println("jvisor: " + e.getMessage());
            System.exit(BAD_OPTIONS);
        }
    }

    private static String value(String[] kv) {
        if (kv.length < 2 || kv[1].isBlank()) {
            throw new IllegalArgumentException("option '" + kv[0] + "' needs a value");
        }
        return kv[1].trim();
    }
}
