package io.jvisor.sandbox;

import io.jvisor.api.Hypercalls;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paravirtual guests hosted in this JVM: the key-value store of samples/paravirtual, and guests
 * compiled here, call the hypercall API, which the hypervisor serves with each guest's own devices.
 */
class ParavirtualIT {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    private static Path kv() {
        return Path.of(System.getProperty("sample.paravirtual"));
    }

    private static Path apiJar() {
        return Path.of(System.getProperty("jvisor.jar")).resolveSibling("jvisor-api.jar");
    }

    /** The kv store with its descriptor's name, mode and quotas, on a disk in the test's directory. */
    private GuestSpec.Builder kvStore(String... args) {
        return GuestSpec.builder().classPath(kv()).args(List.of(args)).console(Console.Mode.CAPTURE).disk(dir.resolve("disk"));
    }

    /** Compiles one class against the hypercall API into a directory of its own. */
    private Path compiled(String className, String source) throws Exception {
        return GuestSources.compile(dir.resolve(className), Map.of(className, source), apiJar());
    }

    /** A paravirtual guest of compiled classes, its console captured. */
    private static GuestSpec.Builder paravirtual(String name, Path classes, String mainClass) {
        return GuestSpec.builder(name).classPath(classes).mainClass(mainClass).mode(GuestSpec.Mode.PARAVIRTUAL)
                .console(Console.Mode.CAPTURE);
    }

    private static Set<String> filesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace(File.separatorChar, '/'))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void theApiIsTheBootCopyWhichTheHypervisorServes() {
        assertNull(Hypercalls.class.getClassLoader(), "the hypercall API on the bootstrap class path");
        assertTrue(Hypercalls.virtualised());
        IllegalStateException e = assertThrows(IllegalStateException.class, Hypercalls::passThrough);
        assertEquals("jvisor: pass-through is refused: this program runs under a hypervisor, which serves its hypercalls",
                e.getMessage());
        assertEquals(System.getProperty("java.home"), Hypercalls.environment().property("java.home"),
                "the application that owns the JVM has the JVM's properties");
    }

    @Test
    void theKvStoreRunsAsItsDescriptorAsksWithItsFilesOnItsDisk() throws Exception {
        GuestSpec spec = kvStore("put", "b", "2", "put", "a", "1", "get", "a", "list").build();
        assertEquals("kv", spec.name());
        assertEquals(GuestSpec.Mode.PARAVIRTUAL, spec.mode());
        assertEquals(Map.of(Resource.THREADS, Limit.soft(2), Resource.DISK, Limit.soft(1 << 20)), spec.quotas());

        Guest g = Hypervisor.get().start(spec);
        GuestResult result = g.await();
        assertEquals(0, result.exitStatus(), g.console().capturedErr());
        assertEquals(GuestResult.Ending.RETURNED, result.ending());
        assertEquals("1" + NL + "a" + NL + "b" + NL, g.console().capturedOut());
        assertEquals(Set.of("kv/a", "kv/b"), filesUnder(dir.resolve("disk")));
        assertEquals("1", Files.readString(dir.resolve("disk/kv/a")));
        assertFalse(Files.exists(Path.of("kv")) || Files.exists(Path.of("/kv")), "nothing of the store on the host's files");
        assertEquals(Set.of("kv"), g.states().keySet(), "the state the store declared");
        assertEquals(Limit.soft(1 << 20), g.quotas().get(Resource.DISK));
        long names = 3 * io.jvisor.sandbox.device.disk.DiskQuota.NAME_BYTES + "kv".length() + "a".length() + "b".length();
        assertEquals(2 + io.jvisor.sandbox.device.disk.DiskQuota.DIRECTORY_BYTES + names, g.usage(Resource.DISK),
                "the disk quota counts the store's directory and its files, a byte each, and their names");
    }

    @Test
    void anExitStatusComesThroughTheHypercallFromWhereTheGuestCalledIt() throws Exception {
        Guest g = Hypervisor.get().start(kvStore("get", "nothing", "list").build());
        GuestResult result = g.await();
        assertEquals(1, result.exitStatus());
        assertEquals(GuestResult.Ending.EXIT, result.ending());
        assertTrue(result.detail().contains("guest.kv.KvStore.main(KvStore.java:"), result.detail());
        assertEquals("kv: no key nothing" + NL, g.console().capturedErr());
        assertEquals("", g.console().capturedOut());
    }

    @Test
    void aPolicyDenialThroughAHypercallFailsAsTheTrapWould() throws Exception {
        Policy readOnly = Policy.parse("preset constrained\ndeny file-write /\n", "read-only.policy");
        Guest g = Hypervisor.get().start(kvStore("put", "a", "1").policy(readOnly).build());
        assertEquals(1, g.await().exitStatus());
        String err = g.console().capturedErr();
        assertTrue(err.startsWith("Exception in thread \"main\" java.nio.file.AccessDeniedException: /kv: jvisor: guest 'kv' "
                + "may not write it: denied by policy rule 'deny file-write /' (read-only.policy:2)"), err);
        assertEquals(Set.of(), filesUnder(dir.resolve("disk")));
    }

    @Test
    void theKvStoreRunsFullyVirtualisedTooWhereItsClassesAreRewritten() throws Exception {
        Guest g = Hypervisor.get().start(kvStore("put", "a", "1", "get", "a").mode(GuestSpec.Mode.FULL).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals(GuestSpec.Mode.FULL, g.mode());
        assertEquals("1" + NL, g.console().capturedOut());
        assertEquals(List.of(), g.refusedClasses());
    }

    @Test
    void aParavirtualGuestThatCallsSystemExitItselfIsRefused() throws Exception {
        Path classes = compiled("direct.Direct", "package direct;\npublic final class Direct {\n"
                + "    public static void main(String[] args) {\n        System.exit(3);\n    }\n}\n");
        GuestStartException e = assertThrows(GuestStartException.class, () -> Hypervisor.get().start(
                paravirtual("direct", classes, "direct.Direct").build()));
        assertTrue(e.getMessage().startsWith("jvisor refused to load main class direct.Direct: it uses System.exit(int) in main"
                + " at line 4"), e.getMessage());
        assertTrue(e.getMessage().contains("a paravirtual guest calls jvisor's hypercalls (io.jvisor.api.Hypercalls) instead"),
                e.getMessage());
    }

    /** Spins in a loop without a call, catching whatever ends it, after it said it started. */
    private static final String SPINNER = "package spin;\nimport io.jvisor.api.Hypercalls;\npublic final class Spin {\n"
            + "    static volatile long n;\n"
            + "    public static void main(String[] args) {\n"
            + "        Hypercalls.console().out().println(\"started\");\n"
            + "        while (true) {\n            try {\n                while (true) {\n                    n++;\n                }\n"
            + "            } catch (Throwable swallowed) {\n                n = 0;\n            }\n        }\n    }\n}\n";

    /** A paravirtual guest calls no trap, but the hypervisor keeps its hand on it: its classes get safepoints. */
    @Test
    void aParavirtualGuestThatNeverCooperatesIsPausedAndKilled() throws Exception {
        Path classes = compiled("spin.Spin", SPINNER);
        Guest g = Hypervisor.get().start(paravirtual("spin", classes, "spin.Spin").build());
        java.time.Duration patience = java.time.Duration.ofSeconds(30);
        assertTrue(g.console().awaitOut("started", patience), g.console().capturedErr());

        g.pause();
        assertTrue(g.awaitPaused(patience), "its thread stopped at a safepoint");
        g.resume();
        assertTrue(g.kill(), "this call ended the guest");
        assertTrue(g.awaitStopped(patience), "its thread could not swallow its end; alive: " + g.liveThreads());
        assertEquals(GuestResult.Ending.KILLED, g.resultNow().ending());
    }

    @Test
    void aGuestThatBundlesTheApiCallsTheHypervisorsCopyAndCannotChoosePassThrough() throws Exception {
        Path classes = compiled("own.Own", "package own;\nimport io.jvisor.api.Hypercalls;\npublic final class Own {\n"
                + "    public static void main(String[] args) {\n"
                + "        java.io.PrintStream out = Hypercalls.console().out();\n"
                + "        out.println(Hypercalls.class.getClassLoader() == null ? \"boot\" : \"bundled\");\n"
                + "        try {\n            Hypercalls.passThrough();\n            out.println(\"pass-through\");\n"
                + "        } catch (IllegalStateException e) {\n            out.println(e.getMessage());\n        }\n    }\n}\n");
        Guest g = Hypervisor.get().start(paravirtual("own", classes, "own.Own").classPath(apiJar()).build());
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("boot" + NL + "jvisor: pass-through is refused: this program runs under a hypervisor, which serves its"
                + " hypercalls" + NL, g.console().capturedOut());
    }

    private static final String PROPERTIES = "package props;\nimport io.jvisor.api.Environment;\nimport io.jvisor.api.Hypercalls;\n"
            + "public final class Props {\n"
            + "    public static void main(String[] args) {\n"
            + "        Environment env = Hypercalls.environment();\n"
            + "        env.setProperty(\"greeting\", \"hello\");\n"
            + "        for (int i = 0; i < 3; i++) {\n            Hypercalls.console().out().println(env.property(\"greeting\"));\n        }\n"
            + "    }\n}\n";

    @Test
    void aPropertyReadThroughAHypercallIsCountedAndDecidedAsTheTrapIs() throws Exception {
        Path classes = compiled("props.Props", PROPERTIES);
        Guest allowed = Hypervisor.get().start(paravirtual("props", classes, "props.Props").build());
        assertEquals(0, allowed.await().exitStatus(), allowed.console().capturedErr());
        assertEquals("hello" + NL + "hello" + NL + "hello" + NL, allowed.console().capturedOut());
        assertEquals(3L, allowed.decisionCounts().get("property-read"));

        Guest denied = Hypervisor.get().start(paravirtual("no-props", classes, "props.Props")
                .policy(Policy.parse("preset constrained\ndeny property-read\n", "no-read.policy")).build());
        assertEquals(1, denied.await().exitStatus());
        assertTrue(denied.console().capturedErr().startsWith("Exception in thread \"main\" java.lang.SecurityException: jvisor: "
                + "guest 'no-props' may not read system properties: denied by policy rule 'deny property-read' (no-read.policy:2)"),
                denied.console().capturedErr());
    }

    private static final String ECHO = "package net;\nimport io.jvisor.api.Hypercalls;\nimport io.jvisor.api.Network;\n"
            + "public final class Echo {\n"
            + "    public static void main(String[] args) throws Exception {\n"
            + "        Network net = Hypercalls.network();\n"
            + "        try (Network.Listener listener = net.listen(Integer.parseInt(args[0]));\n"
            + "             Network.Connection out = net.connect(args[1], listener.port());\n"
            + "             Network.Connection in = listener.accept()) {\n"
            + "            out.output().write(42);\n            out.output().flush();\n"
            + "            Hypercalls.console().out().println(\"got \" + in.input().read());\n"
            + "        }\n    }\n}\n";

    private Guest echo(Policy policy) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        return Hypervisor.get().start(paravirtual("echo", compiled("net.Echo", ECHO), "net.Echo").policy(policy)
                .args(List.of(String.valueOf(port), "echo.jvisor")).disk(dir.resolve("echo-disk")).build());
    }

    @Test
    void aGuestListensAndReachesItselfByItsNameAsItsPolicyAllows() throws Exception {
        Guest g = echo(Policy.preset("constrained"));
        assertEquals(0, g.await().exitStatus(), g.console().capturedErr());
        assertEquals("got 42" + NL, g.console().capturedOut());
    }

    @Test
    void aListenTheGuestsPolicyDeniesFailsAsItsBindWould() throws Exception {
        Guest g = echo(Policy.preset("untrusted"));
        assertEquals(1, g.await().exitStatus());
        assertTrue(g.console().capturedErr().startsWith("Exception in thread \"main\" java.net.BindException: Cannot bind by jvisor: "),
                g.console().capturedErr());
    }
}
