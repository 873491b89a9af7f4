package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jvisor.sandbox.device.Console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nashorn from Maven Central, unmodified, as a guest: its shell runs a script whose calls of Java
 * go through the JDK's {@code jdk.dynalink}, whose code, not the guest's, looks the members up and
 * calls them. Each call of a trapped member reaches its trap as the guest's own call would: the
 * script reads the guest's properties and environment, not the host's, sets a property of its own,
 * not the JVM's, writes its disk and ends only itself.
 */
class NashornIT {

    private static final String SCRIPT = String.join("\n",
            "var System = java.lang.System;",
            "print('user.home: ' + System.getProperty('user.home'));",
            "print('HOME: ' + System.getenv('HOME'));",
            "print('set over: ' + System.setProperty('jvisor.nashorn', 'set by a script'));",
            "print('read back: ' + System.getProperty('jvisor.nashorn'));",
            "var out = new java.io.FileWriter('/out.txt'); out.write('from a script'); out.close();",
            "try { new java.lang.ProcessBuilder('true').start(); print('process started'); }",
            "catch (e) { print('process: ' + e.getClass().getSimpleName()); }",
            "System.exit(3);",
            "print('not reached');",
            "");

    @TempDir
    Path dir;

    @Test
    void aScriptCallsJavaThroughTheJdksLinkerAndMeetsTheTrapsOfItsGuest() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.writeString(disk.resolve("script.js"), SCRIPT);
        GuestSpec.Builder spec = GuestSpec.builder("nashorn").disk(disk).mainClass("org.openjdk.nashorn.tools.Shell")
                .args(List.of("/script.js")).console(Console.Mode.CAPTURE);
        nashorn().forEach(spec::classPath);

        Guest g = Hypervisor.get().start(spec.build());
        GuestResult r = g.await(Duration.ofSeconds(60));

        assertAll(g.console().capturedErr(),
                () -> assertEquals(3, r == null ? -1 : r.exitStatus(), "the script's exit, its guest's"),
                () -> assertEquals(List.of("user.home: /home/guest", "HOME: null", "set over: null", "read back: set by a script",
                        "process: IOException"), g.console().capturedOut().lines().toList()),
                () -> assertNull(System.getProperty("jvisor.nashorn"), "the JVM's properties"),
                () -> assertEquals("from a script", Files.readString(disk.resolve("out.txt"))));
    }

    private static List<Path> nashorn() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("guest.nashorn.dir")))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
