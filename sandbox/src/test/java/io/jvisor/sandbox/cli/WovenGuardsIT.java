package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards woven into the JDK at jvisor's build: a JDK the build wove them for starts jvisor
 * without loading Byte Buddy; one it did not (here: the same jars with the woven guards taken out)
 * is woven by Byte Buddy at start-up, and contains every technique of the escape suite as well.
 */
class WovenGuardsIT {

    /** Where jvisor's jars keep the guards woven for each JDK, by runtime version. */
    private static final String WOVEN = "io/jvisor/agent/guard/woven/";
    /** The package of Byte Buddy's classes in jvisor's jars. */
    private static final String BYTE_BUDDY = " io.jvisor.internal.bytebuddy.";

    @TempDir
    Path dir;

    @Test
    void aJdkTheBuildWoveTheGuardsForStartsAGuestWithoutByteBuddy() throws IOException {
        try (JarFile jar = new JarFile(Launch.jvisorJar().toFile())) {
            assumeTrue(jar.getEntry(WOVEN + Runtime.version() + ".bin") != null,
                    "jvisor's build did not weave the guards for JDK " + Runtime.version());
        }

        Result r = Launch.jvisorFrom(Launch.jvisorJar(), List.of("-verbose:class"), dir, "run", Fixtures.helloJar().toString());

        List<String> byteBuddy = r.outLines().stream().filter(l -> l.contains(BYTE_BUDDY)).toList();
        assertAll(r.toString(),
                () -> assertEquals(0, r.status(), "exit status"),
                () -> assertTrue(r.outLines().contains("Hello from a jvisor guest."), "the guest's output"),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.contains(" io.jvisor.hooks.Guards ")), "the guards loaded"),
                () -> assertEquals(List.of(), byteBuddy, "classes of Byte Buddy loaded"));
    }

    @Test
    void aJdkTheBuildDidNotWeaveTheGuardsForIsWovenByByteBuddyAndContainsTheEscapeSuite() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jvisor"));
        for (String name : List.of("jvisor.jar", "jvisor-hooks.jar", "jvisor-api.jar")) {
            Files.copy(Launch.jvisorJar().resolveSibling(name), jars.resolve(name));
        }
        Path jar = jars.resolve("jvisor.jar");
        try (FileSystem zip = FileSystems.newFileSystem(jar); Stream<Path> woven = Files.list(zip.getPath(WOVEN))) {
            for (Path kept : woven.toList()) {
                Files.delete(kept);
            }
        }

        Result r = Launch.jvisorFrom(jar, List.of("-verbose:class"), dir, "escapes", Launch.property("sample.escapes").toString());

        List<String> summary = r.outLines().stream().filter(l -> l.startsWith("escape suite on JDK ")).toList();
        assertAll(r.toString(),
                () -> assertTrue(r.outLines().stream().anyMatch(l -> l.contains(BYTE_BUDDY + "agent.builder.AgentBuilder ")),
                        "Byte Buddy wove the guards"),
                () -> assertEquals(1, summary.size(), "one summary"),
                () -> assertTrue(summary.get(0).contains(" 0 escaped, 0 inconclusive,"), summary.get(0)),
                () -> assertFalse(r.outLines().stream().anyMatch(l -> l.startsWith("ESCAPED")), "an escaped technique"),
                () -> assertEquals(0, r.status(), "exit status"));
    }
}
