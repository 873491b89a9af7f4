package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jvisor run}: the sample guests under the shaded jvisor.jar, compared with running them natively. */
class RunCommandIT {

    /** What each trick of the misbehaving sample ends with, run natively and under jvisor alike. */
    private static final Map<String, Integer> TRICK_STATUS =
            Map.of("stdout", 0, "swallow", 7, "reference", 13, "reflection", 11, "handle", 12, "thread", 9, "all", 7);

    @TempDir
    Path dir;

    @Test
    void helloPrintsItsGreetingAndArgumentsAndEndsWithStatusZero() {
        Result r = Launch.jvisor(dir, "run", Fixtures.helloJar().toString(), "one", "two words");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "argument: one", "argument: two words"), r.outLines()),
                () -> assertEquals(List.of("(this line went to standard error)"), r.errLines()));
    }

    /** jvisor's own jars on the bootstrap class path hold a manifest too, which is none of the guest's. */
    @Test
    void aGuestFindsItsOwnManifestAndOnlyWhatItFindsNatively() {
        Result nativeRun = Launch.java(dir, "-jar", Fixtures.helloJar().toString(), "--manifest");
        Result r = Launch.jvisor(dir, "run", Fixtures.helloJar().toString(), "--manifest");

        assertAll(nativeRun + "\n" + r,
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().contains("manifest Main-Class: guest.hello.Hello"), "its own manifest"),
                () -> assertTrue(r.outLines().contains("manifests found and opened: 1"), "no manifest of jvisor's"),
                () -> assertEquals(nativeRun.stdout(), r.stdout()));
    }

    /** Outside jvisor the system class loader is the loader of a program's class path: so is it for a guest. */
    @Test
    void aGuestsSystemClassLoaderAndTheParentOfItsLoadersAreItsOwnLoader() {
        Result nativeRun = Launch.java(dir, "-jar", Fixtures.helloJar().toString(), "--system-loader");
        Result r = Launch.jvisor(dir, "run", Fixtures.helloJar().toString(), "--system-loader");

        assertAll(nativeRun + "\n" + r,
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "the system class loader is its own: true",
                        "a system resource of its own: true", "loaders made without a parent find its class: true"), r.outLines()),
                () -> assertEquals(nativeRun.stdout(), r.stdout()));
    }

    /** JDK 17's class loaders read a class file's length by a native method of java.io, which no guard enters. */
    @Test
    void aGuestLoadsAClassFromADirectoryOfItsDisk() throws IOException {
        Path disk = dir.resolve("disk");
        Fixtures.classesOf(Fixtures.helloJar(), disk.resolve("classes"));
        Result nativeRun = Launch.java(dir, "-jar", Fixtures.helloJar().toString(),
                "--load=" + disk.resolve("classes") + "=guest.hello.Hello");
        Result r = Launch.jvisor(dir, "run", "--disk", disk.toString(), Fixtures.helloJar().toString(),
                "--load=/classes=guest.hello.Hello");

        assertAll(nativeRun + "\n" + r,
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.",
                        "loaded guest.hello.Hello from its directory: another class than its own true, main true"), r.outLines()),
                () -> assertEquals(nativeRun.stdout(), r.stdout()));
    }

    @Test
    void argumentsAfterTheGuestThatLookLikeJvisorOptionsGoToTheGuest() {
        // As with 'java -jar app.jar ARGS': everything after the guest belongs to the guest.
        Result r = Launch.jvisor(dir, "run", Fixtures.helloJar().toString(), "-v", "--name", "x", "-c", "--", "last");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "argument: -v", "argument: --name", "argument: x",
                        "argument: -c", "argument: --", "argument: last"), r.outLines()),
                () -> assertFalse(r.stderr().contains("jvisor: guest"), "-v went to jvisor, not to the guest"));
    }

    @Test
    void dashDGivesTheGuestASystemPropertyAndTheEnvironmentIsEmptyByDefault() {
        Result r = Launch.jvisor(dir, "run", "-Dgreeting=0x2A", Fixtures.helloJar().toString(), "--get=greeting", "--env=PATH");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "greeting=0x2A (as an integer: 42)",
                        "$PATH=null (0 variables)"), r.outLines()));
    }

    @Test
    void auditWritesEachDenialAsAJsonLine() throws java.io.IOException {
        Path audit = dir.resolve("audit.jsonl");
        Result r = Launch.jvisor(dir, "run", "--audit", audit.toString(), "--name", "misbehaving",
                Fixtures.misbehavingJar().toString(), "process");

        assertEquals(1, r.status(), r::toString);
        List<String> lines = java.nio.file.Files.readAllLines(audit);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains("\"guest\": \"misbehaving\", \"class\": \"guest.misbehaving.Misbehaving\", "
                + "\"method\": \"main\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"operation\": \"process\", \"argument\": \"true\", \"decision\": \"deny\", "
                + "\"rule\": \"'deny process' (preset constrained:"), lines.get(0));
    }

    @Test
    void helloReadsTheStandardInputFedToJvisor() {
        String input = "three\nshort\nlines\n";

        Result r = Launch.jvisorWithInput(dir, input, "run", Fixtures.helloJar().toString(), "--stdin");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "read " + input.length() + " bytes from standard input"),
                        r.outLines()));
    }

    @Test
    void exitSampleEndsWithStatusThreeAfterItsShutdownHookRan() {
        Result r = Launch.jvisor(dir, "run", Fixtures.exitJar().toString());

        assertAll(r.toString(),
                () -> assertEquals(3, r.status()),
                () -> assertEquals(List.of("exiting with status 3", "shutdown hook ran"), r.outLines()),
                () -> assertFalse(r.stdout().contains("never printed")));
    }

    /** A worker with an uncaught-exception handler of its own, still working when the program exits. */
    private static final String HANDLED_WORKER = String.join("\n",
            "public class HandledWorker {",
            "  public static void main(String[] args) throws Exception {",
            "    Thread worker = new Thread(() -> {",
            "      long n = 0;",
            "      while (true) {",
            "        n++;",
            "      }",
            "    }, \"worker\");",
            "    worker.setUncaughtExceptionHandler((t, e) -> System.err.println(\"the worker died: \" + e));",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "    System.out.println(\"exiting\");",
            "    System.exit(5);",
            "  }",
            "}",
            "");

    /** As a JVM halts its threads after its hooks: none of them dies of it visibly, whatever handler it has. */
    @Test
    void theThreadsOfAnExitingGuestEndWithoutAWord() throws IOException {
        Path classes = io.jvisor.sandbox.GuestSources.compile(dir.resolve("worker"), Map.of("HandledWorker", HANDLED_WORKER));

        Result r = Launch.jvisor(dir, "run", "--main", "HandledWorker", classes.toString());

        assertAll(r.toString(),
                () -> assertEquals(5, r.status()),
                () -> assertEquals(List.of("exiting"), r.outLines()),
                () -> assertEquals(List.of(), r.errLines()));
    }

    /** Says it is ready, then waits for ever, a shutdown hook in place. */
    private static final String WAITS = String.join("\n",
            "public class Waits {",
            "  public static void main(String[] args) throws Exception {",
            "    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(\"the hook ran\")));",
            "    System.out.println(\"ready\");",
            "    new java.util.concurrent.CountDownLatch(1).await();",
            "  }",
            "}",
            "");

    /** SIGTERM to jvisor (a container's stop, a service manager's) ends its guest as it would end the program's own JVM. */
    @Test
    void aTerminationSignalRunsTheGuestsShutdownHooks() throws Exception {
        Path classes = io.jvisor.sandbox.GuestSources.compile(dir.resolve("waits"), Map.of("Waits", WAITS));
        Process jvisor = new ProcessBuilder(Launch.jvisorCommand(dir, "run", "--main", "Waits", classes.toString()))
                .directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(jvisor.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine(), "the guest started");
            assertTrue(jvisor.toHandle().destroy(), "SIGTERM sent"); // unlike Process.destroy, leaves its output open to read
            assertTrue(jvisor.waitFor(Launch.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS), "jvisor ended");
            assertAll(Files.readString(dir.resolve("err.txt")),
                    () -> assertEquals(143, jvisor.exitValue()),
                    () -> assertEquals("the hook ran", out.readLine()));
        } finally {
            jvisor.destroyForcibly();
        }
    }

    @Test
    void exitSampleEndsWithTheStatusItIsGiven() {
        Result r = Launch.jvisor(dir, "run", Fixtures.exitJar().toString(), "42");

        assertAll(r.toString(),
                () -> assertEquals(42, r.status()),
                () -> assertEquals(List.of("exiting with status 42", "shutdown hook ran"), r.outLines()));
    }

    @Test
    void aLiveHeapQuotaKillsAGuestThatHoldsMoreWithAReportNamingIt() {
        Result r = Launch.jvisor(dir, "run", "-v", "--live-heap", "8M", Launch.property("sample.busy").toString(), "hoard", "256");

        assertAll(r.toString(),
                () -> assertEquals(137, r.status()),
                () -> assertTrue(r.stderr().contains("was killed over a quota, status 137 (over its live-heap quota: used "),
                        "names the limit"));
    }

    @Test
    void verboseReportsOnStandardErrorThatTheGuestCalledExitAndWhere() {
        int exitLine = Fixtures.sourceLine("exit", "guest/exit/ExitSample.java", "System.exit(");

        Result r = Launch.jvisor(dir, "run", "-v", Fixtures.exitJar().toString());

        List<String> reports = r.errLines().stream().filter(l -> l.startsWith("jvisor: ")).toList();
        assertAll(r.toString(),
                () -> assertEquals(3, r.status()),
                () -> assertEquals(List.of("exiting with status 3", "shutdown hook ran"), r.outLines()),
                () -> assertEquals(1, reports.size(), "one report line"),
                () -> assertTrue(reports.get(0).contains("called exit"), "names how the guest ended"),
                () -> assertTrue(reports.get(0).contains("status 3"), "names the status"),
                () -> assertTrue(reports.get(0).contains("ExitSample.java:" + exitLine), "names the exit site, line " + exitLine));
    }

    @ParameterizedTest(name = "misbehaving {0}")
    @ValueSource(strings = {"stdout", "swallow", "reference", "reflection", "handle", "thread", "all"})
    void misbehavingTrickHasTheSameOutputAndStatusAsRunNatively(String trick) {
        Path jar = Fixtures.misbehavingJar();

        Result natively = Launch.java(dir, "-jar", jar.toString(), trick);
        Result guest = Launch.jvisor(dir, "run", jar.toString(), trick);

        String both = "natively:\n" + natively + "\nunder jvisor:\n" + guest;
        assertAll(both,
                () -> assertEquals((int) TRICK_STATUS.get(trick), natively.status(), "native status"),
                () -> assertEquals(natively.status(), guest.status(), "status under jvisor"),
                () -> assertEquals(natively.outLines(), guest.outLines(), "stdout under jvisor"),
                () -> assertFalse(guest.stdout().contains("swallowed the exit"), "the exit was swallowed"),
                () -> assertFalse(guest.stdout().contains("main thread still running after the exit"),
                        "main went on after another thread's exit"),
                () -> assertFalse(guest.stdout().contains("captured by the guest itself"),
                        "what the guest wrote to its own System.out replacement reached the host"));
    }

    @Test
    void consolePrefixLabelsEveryLineWithTheGuestsName() {
        Result r = Launch.jvisor(dir, "run", "--console", "prefix", "--name", "greeter", Fixtures.helloJar().toString(), "a");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("[greeter] Hello from a jvisor guest.", "[greeter] argument: a"), r.outLines()),
                () -> assertEquals(List.of("[greeter] (this line went to standard error)"), r.errLines()));
    }

    @Test
    void consolePrefixLabelsWithTheJarsNameByDefaultAndLabelsTheShutdownHooksOutputToo() {
        Path jar = Fixtures.exitJar();
        String file = jar.getFileName().toString();
        String name = file.substring(0, file.length() - ".jar".length());

        Result r = Launch.jvisor(dir, "run", "--console", "prefix", jar.toString());

        assertAll(r.toString(),
                () -> assertEquals(3, r.status()),
                () -> assertEquals(List.of("[" + name + "] exiting with status 3", "[" + name + "] shutdown hook ran"),
                        r.outLines()));
    }

    @Test
    void policyThatDeniesExitMakesSystemExitThrowSecurityExceptionNamingTheRuleAndLine() throws IOException {
        Path policy = Files.writeString(dir.resolve("no-exit.policy"),
                "# everything but ending the JVM\nallow *\ndeny exit\n");

        Result r = Launch.jvisor(dir, "run", "--policy", policy.toString(), Fixtures.exitJar().toString());

        assertAll(r.toString(),
                // The exception is uncaught: the guest ends as a program does whose main throws.
                () -> assertEquals(1, r.status()),
                () -> assertEquals("exiting with status 3", r.outLines().get(0)),
                () -> assertFalse(r.stdout().contains("never printed")),
                () -> assertTrue(r.stderr().contains("java.lang.SecurityException"), "SecurityException on stderr"),
                () -> assertTrue(r.stderr().contains("deny exit"), "names the rule"),
                () -> assertTrue(r.stderr().contains("no-exit.policy:3"), "names the file and line of the rule"));
    }

    @Test
    void presetUntrustedDeniesAShutdownHookNamingThePresetRule() {
        Result r = Launch.jvisor(dir, "run", "--preset", "untrusted", Fixtures.exitJar().toString());

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertFalse(r.stdout().contains("shutdown hook ran")),
                () -> assertTrue(r.stderr().contains("java.lang.SecurityException"), "SecurityException on stderr"),
                () -> assertTrue(r.stderr().contains("deny shutdown-hook"), "names the rule"),
                () -> assertTrue(r.stderr().contains("preset untrusted"), "names the preset"));
    }

    @Test
    void presetUntrustedDeniesReplacingSystemOut() {
        Result r = Launch.jvisor(dir, "run", "--preset", "untrusted", Fixtures.misbehavingJar().toString(), "stdout");

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertFalse(r.stdout().contains("main went on")),
                () -> assertTrue(r.stderr().contains("java.lang.SecurityException"), "SecurityException on stderr"),
                () -> assertTrue(r.stderr().contains("deny set-stdio"), "names the rule"));
    }

    @Test
    void presetIsolatedGivesTheGuestEmptyStandardInput() {
        Result r = Launch.jvisorWithInput(dir, "input the guest must not see\n",
                "run", "--preset", "isolated", Fixtures.helloJar().toString(), "--stdin");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("Hello from a jvisor guest.", "read 0 bytes from standard input"), r.outLines()));
    }

    @Test
    void presetTrustedLetsTheGuestExitAndRunItsShutdownHook() {
        Result r = Launch.jvisor(dir, "run", "--preset", "trusted", Fixtures.exitJar().toString());

        assertAll(r.toString(),
                () -> assertEquals(3, r.status()),
                () -> assertEquals(List.of("exiting with status 3", "shutdown hook ran"), r.outLines()));
    }
}
