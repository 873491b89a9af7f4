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
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What jvisor says when it cannot do what was asked: status 125 and one clear line on standard
 * error, no stack trace unless {@code --verbose}, nothing on standard output; status 2 for a wrong
 * command line.
 */
class BadInputIT {

    @TempDir
    static Path dir;

    @BeforeAll
    static void buildBrokenGuests() throws IOException {
        Files.write(dir.resolve("zero-bytes.jar"), new byte[0]);
        Files.writeString(dir.resolve("text.jar"), "This is a text file, not a zip file.\n");
        Fixtures.emptyZip(dir.resolve("no-entries.jar"));
        Fixtures.withoutMainClass(Fixtures.helloJar(), dir.resolve("no-main-class.jar"));
        Fixtures.withManifestAttribute(Fixtures.helloJar(), "Launcher-Agent-Class", "guest.hello.Hello", dir.resolve("launcher-agent.jar"));
        Fixtures.withClassVersion(Fixtures.helloJar(), "guest/hello/Hello.class", 70, dir.resolve("version-70.jar"));
        // the main class's methods need this class: the JVM loads it as it links the main class
        Fixtures.withoutEntry(Fixtures.kvJar(), "guest/store/Kv$Misuse.class", dir.resolve("missing-class.jar"));
        Files.writeString(dir.resolve("unknown-operation.policy"), "# a policy with one mistake\nallow exit\nallow exitt\ndeny stdin\n");
    }

    /** A jvisor command line that cannot be carried out, and what its message must contain. */
    static Stream<Arguments> failures() {
        String hello = Fixtures.helloJar().toString();
        return Stream.of(
                failure("a jar that does not exist", List.of("run", "no-such.jar"), "no-such.jar", "does not exist"),
                failure("an empty file", List.of("run", "zero-bytes.jar"), "zero-bytes.jar", "empty"),
                failure("a text file named .jar", List.of("run", "text.jar"), "text.jar", "not a jar"),
                failure("a jar without entries", List.of("run", "no-entries.jar"), "no-entries.jar", "empty"),
                failure("a jar without Main-Class and no --main", List.of("run", "no-main-class.jar"),
                        "no-main-class.jar", "Main-Class", "--main"),
                failure("a jar whose manifest asks java -jar to start an agent", List.of("run", "launcher-agent.jar"),
                        "launcher-agent.jar", "Launcher-Agent-Class", "guest.hello.Hello", "--main"),
                failure("--add-exports without a package", List.of("run", "--add-exports", "java.base", hello),
                        "--add-exports java.base", "MODULE/PACKAGE"),
                failure("--add-opens of a module this JVM does not have", List.of("run", "--add-opens", "jdk.nothing/a.b", hello),
                        "--add-opens jdk.nothing/a.b", "no module jdk.nothing"),
                failure("--main naming a class that does not exist", List.of("run", "--main", "no.such.Main", hello),
                        "no.such.Main"),
                failure("a main class of class-file version 70", List.of("run", "version-70.jar"),
                        "guest.hello.Hello", "version 70"),
                failure("a main class that needs a class missing from the jar", List.of("run", "missing-class.jar"),
                        "guest.store.Kv", "cannot be linked", "Kv$Misuse", "-cp"),
                failure("a policy with an unknown operation on line 3",
                        List.of("run", "--policy", "unknown-operation.policy", hello), "unknown-operation.policy:3:", "exitt"),
                failure("a policy file that does not exist", List.of("run", "--policy", "no-such.policy", hello),
                        "no-such.policy", "does not exist"),
                failure("an unknown preset", List.of("run", "--preset", "lenient", hello), "lenient"),
                failure("a guest named '..', whose default disk would be ~/.jvisor, every other guest's disk below it",
                        List.of("run", "--name", "..", hello), "guest name '..'", "the first not a dot"),
                failure("both --policy and --preset",
                        List.of("run", "--policy", "unknown-operation.policy", "--preset", "trusted", hello), "--policy", "--preset"),
                failure("scan of a path that does not exist", List.of("scan", "no-such.jar"), "no-such.jar"),
                failure("scan of a text file named .jar", List.of("scan", "text.jar"), "text.jar"),
                failure("policy show of a policy file that does not exist",
                        List.of("policy", "show", "--policy", "no-such.policy"), "no-such.policy"));
    }

    private static Arguments failure(String what, List<String> args, String... mustContain) {
        return Arguments.of(what, args, List.of(mustContain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void cannotRunGivesStatus125AndOneMessageLineWithoutStackTrace(String what, List<String> args, List<String> mustContain) {
        Result r = Launch.jvisor(dir, args.toArray(new String[0]));

        assertAll(what + "\n" + r,
                () -> assertEquals(125, r.status(), "exit status"),
                () -> assertEquals("", r.stdout(), "nothing on standard output"),
                () -> assertEquals(1, r.errLines().size(), "exactly one line on standard error"),
                () -> assertTrue(r.stderr().startsWith("jvisor: "), "the line starts with 'jvisor: '"),
                () -> assertEquals(List.of(), r.stackFrames(), "no stack trace"),
                () -> mustContain.forEach(s -> assertTrue(r.stderr().contains(s), "the message contains '" + s + "'")),
                // a guest that did not start left its default disk made before (audit 20)
                () -> assertEquals(List.of(), disksLeft(), "the disks under ~/.jvisor/disks"));
    }

    private static List<Path> disksLeft() throws IOException {
        Path disks = dir.resolve("home").resolve(".jvisor").resolve("disks");
        if (!Files.isDirectory(disks)) {
            return List.of();
        }
        try (Stream<Path> left = Files.list(disks)) {
            return left.toList();
        }
    }

    /** The JVM passes over a Boot-Class-Path entry it cannot find; the agent must say so, not die of a missing class. */
    @Test
    void anAgentJarWithoutItsBootstrapJarsBesideItSaysWhichIsMissing() throws IOException {
        Path alone = Files.createDirectories(dir.resolve("agent-alone")).resolve("jvisor-agent.jar");
        Files.copy(Launch.jvisorJar().resolveSibling("jvisor-agent.jar"), alone);

        Result r = Launch.java(dir, "-javaagent:" + alone, "-jar", Fixtures.helloJar().toString());

        assertAll(r.toString(),
                () -> assertEquals(125, r.status(), "exit status"),
                () -> assertEquals("", r.stdout(), "the application did not run"),
                () -> assertEquals(List.of("jvisor: jvisor-api.jar is not on the bootstrap class path: keep jvisor-hooks.jar and "
                        + "jvisor-api.jar beside jvisor-agent.jar, whose manifest names them there"), r.errLines()));
    }

    @Test
    void verboseAddsTheStackTraceOfWhatWentWrong() {
        // 'jvisor run --help': "-v, --verbose ... stack traces of jvisor's errors"
        Result r = Launch.jvisor(dir, "run", "--verbose", "text.jar");

        assertAll(r.toString(),
                () -> assertEquals(125, r.status()),
                () -> assertEquals("", r.stdout()),
                () -> assertTrue(r.errLines().get(0).startsWith("jvisor: ") && r.errLines().get(0).contains("text.jar"),
                        "the message comes first"),
                () -> assertFalse(r.stackFrames().isEmpty(), "a stack trace follows"));
    }

    /** Command lines that are wrong: a short usage error, status 2. */
    static Stream<Arguments> usageErrors() {
        String hello = Fixtures.helloJar().toString();
        return Stream.of(
                Arguments.of("no command at all", List.of()),
                Arguments.of("an unknown option", List.of("--frobnicate")),
                Arguments.of("an unknown option of run", List.of("run", "--frobnicate", hello)),
                Arguments.of("run without a guest", List.of("run")),
                Arguments.of("run with an unknown console mode", List.of("run", "--console", "sideways", hello)),
                Arguments.of("scan without a path", List.of("scan")),
                Arguments.of("an unknown command", List.of("launch", hello)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void wrongCommandLineGivesStatus2AndAShortMessageWithoutStackTrace(String what, List<String> args) {
        Result r = Launch.jvisor(dir, args.toArray(new String[0]));

        assertAll(what + "\n" + r,
                () -> assertEquals(2, r.status(), "exit status"),
                () -> assertEquals("", r.stdout(), "nothing on standard output"),
                () -> assertTrue(r.stderr().startsWith("jvisor: "), "says what is wrong on standard error"),
                () -> assertTrue(r.errLines().size() <= 3, "a short message, not the whole usage help"),
                () -> assertEquals(List.of(), r.stackFrames(), "no stack trace"));
    }

    @Test
    void versionPrintsJvisorsVersionAndEndsWithStatusZero() {
        Result r = Launch.jvisor(dir, "--version");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().get(0).startsWith("jvisor "), "first line names jvisor"),
                () -> assertEquals("", r.stderr()));
    }

    @Test
    void helpListsTheCommandsAndEndsWithStatusZero() {
        Result r = Launch.jvisor(dir, "--help");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.strip().startsWith("run ")), "lists run"),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.strip().startsWith("scan ")), "lists scan"),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.strip().startsWith("policy ")), "lists policy"),
                () -> assertEquals("", r.stderr()));
    }
}
