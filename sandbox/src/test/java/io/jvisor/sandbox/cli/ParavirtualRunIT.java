package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jvisor run} of the key-value store written two ways: the paravirtual guest, run as its
 * descriptor asks, and the ordinary program, run fully virtualised; the same commands give the same
 * output, status and files.
 */
class ParavirtualRunIT {

    private static final String DESCRIPTOR = "META-INF/jvisor/guest.properties";

    /** Every command of the store, its last one a missing key (status 1). */
    private static final List<String> SESSION = List.of("put", "b", "2", "put", "a", "1", "get", "a", "del", "b", "list",
            "put", "c", "3", "list", "get", "zz", "list");

    @TempDir
    Path dir;

    private Result run(String disk, Path jar, List<String> options, List<String> args) {
        List<String> command = new ArrayList<>(List.of("run", "--disk", dir.resolve(disk).toString()));
        command.addAll(options);
        command.add(jar.toString());
        command.addAll(args);
        return Launch.jvisor(dir, command.toArray(new String[0]));
    }

    /** The files under a directory, by relative path, with their text. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }

    @Test
    void theParavirtualStoreRunsAsItsDescriptorAsksWithItsFilesOnItsDisk() throws IOException {
        Result r = run("disk", Fixtures.paravirtualJar(), List.of("-v"), List.of("put", "a", "1", "get", "a", "list"));

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("1", "a"), r.outLines()),
                () -> assertEquals(List.of("jvisor: guest 'kv' returned from main, status 0"), r.errLines()),
                () -> assertEquals(Map.of("kv/a", "1"), files(dir.resolve("disk"))));
    }

    @Test
    void theOrdinaryAndTheParavirtualStoreBehaveAlike() throws IOException {
        Result ordinary = run("ordinary", Fixtures.kvJar(), List.of(), SESSION);
        Result paravirtual = run("paravirtual", Fixtures.paravirtualJar(), List.of(), SESSION);

        assertAll(ordinary + "\n" + paravirtual,
                () -> assertEquals(1, ordinary.status()),
                () -> assertEquals(List.of("1", "a", "a", "c"), ordinary.outLines()),
                () -> assertEquals(List.of("kv: no key zz"), ordinary.errLines()),
                () -> assertEquals(Map.of("kv/a", "1", "kv/c", "3"), files(dir.resolve("ordinary"))),
                () -> assertEquals(ordinary.status(), paravirtual.status()),
                () -> assertEquals(ordinary.stdout(), paravirtual.stdout()),
                () -> assertEquals(ordinary.stderr(), paravirtual.stderr()),
                () -> assertEquals(files(dir.resolve("ordinary")), files(dir.resolve("paravirtual"))));
    }

    @Test
    void aWrongCommandIsStatus2InBothWays() {
        for (Path jar : List.of(Fixtures.kvJar(), Fixtures.paravirtualJar())) {
            Result r = run("disk-" + jar.getFileName(), jar, List.of(), List.of("put", "a"));
            assertAll(r.toString(),
                    () -> assertEquals(2, r.status()),
                    () -> assertEquals(List.of("kv: 'a' lacks an operand; usage: [put KEY VALUE | get KEY | del KEY | list]..."),
                            r.errLines()));
        }
    }

    @Test
    void optionsOverrideTheDescriptor() {
        Result r = run("disk", Fixtures.paravirtualJar(), List.of("-v", "--name", "store", "--mode", "full", "--preset", "isolated"),
                List.of("put", "a", "1"));

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("jvisor: guest 'store' returned from main, status 0"), r.errLines()));
    }

    @Test
    void aCorruptDescriptorIsOneErrorNamingTheFileAndTheKey() throws IOException {
        Path jar = Fixtures.withEntry(Fixtures.paravirtualJar(), DESCRIPTOR,
                old -> "main=guest.kv.KvStore\nmode=fast\n".getBytes(StandardCharsets.ISO_8859_1), dir.resolve("corrupt.jar"));
        Result r = run("disk", jar, List.of(), List.of("list"));

        assertAll(r.toString(),
                () -> assertEquals(FailedException.STATUS, r.status()),
                () -> assertEquals(List.of("jvisor: " + jar + "!/" + DESCRIPTOR + ": mode 'fast': not a mode (full, paravirtual or container)"),
                        r.errLines()));
    }

    @Test
    void anUnknownModeIsAWrongCommandLine() {
        Result r = run("disk", Fixtures.kvJar(), List.of("--mode", "hardware"), List.of("list"));

        assertAll(r.toString(),
                () -> assertEquals(2, r.status()),
                () -> assertTrue(r.stderr().contains("--mode"), r.stderr()));
    }

    @Test
    void javaDashJarAppendsTheHooksAndTheApiToTheBootstrapClassPathItself() {
        Result r = Launch.java(dir, "-Duser.home=" + dir.resolve("home"), "-jar", Launch.jvisorJar().toString(), "run",
                "--disk", dir.resolve("disk").toString(), Fixtures.paravirtualJar().toString(), "put", "a", "1", "get", "a");

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("1"), r.outLines()));
    }
}
