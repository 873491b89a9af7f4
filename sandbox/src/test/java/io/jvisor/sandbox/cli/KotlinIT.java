package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kotlin's compiler from Maven Central, unmodified, as a guest: it compiles a program on the
 * guest's disk, which then runs as a guest of its own. As it starts it turns off the caches of
 * every URL connection (refused as JVM-wide state before a guest's were its own); the IntelliJ
 * core inside it uses {@code sun.misc.Unsafe}, on its own memory, which the default preset
 * allows (before, it could not have it there and failed).
 */
class KotlinIT {

    private static final String PROGRAM = String.join("\n",
            "fun main() {",
            "    val words = listOf(\"hypervisor\", \"guest\", \"trap\")",
            "    println(words.sortedBy { it.length }.joinToString(\" \") + \" \" + words.sumOf { it.length })",
            "}",
            "");
    private static final String COMPILER = "org.jetbrains.kotlin.cli.jvm.K2JVMCompiler";

    @TempDir
    Path dir;

    private static Path jar(String pattern) throws IOException {
        try (Stream<Path> files = Files.list(Launch.property("guest.kotlin.dir"))) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst().orElseThrow();
        }
    }

    private Result compile(Path disk, String... policy) throws IOException {
        Files.createDirectories(disk);
        Files.writeString(disk.resolve("hello.kt"), PROGRAM);
        Path stdlib = jar("kotlin-stdlib-[0-9.]+\\.jar");
        return Launch.jvisor(dir, Stream.of(Stream.of("run"), Stream.of(policy), Stream.of("--disk", disk.toString(),
                        "--mount", stdlib + ":/lib/kotlin-stdlib.jar", "-cp", Fixtures.jarsOf("guest.kotlin.dir"), "--main", COMPILER,
                        jar("kotlin-compiler-embeddable-[0-9.]+\\.jar").toString(), "-no-stdlib", "-no-reflect",
                        "-cp", "/lib/kotlin-stdlib.jar", "-d", "/out", "/hello.kt"))
                .flatMap(s -> s).toArray(String[]::new));
    }

    @Test
    void kotlinsCompilerCompilesAProgramOnTheDiskThatRunsAsAGuest() throws IOException {
        Path policy = Files.writeString(dir.resolve("kotlin.policy"), "preset constrained\nallow native\n");
        Path disk = dir.resolve("disk");

        Result compiled = compile(disk, "--policy", policy.toString());
        Result ran = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk2").toString(), "-cp",
                jar("kotlin-stdlib-[0-9.]+\\.jar").toString(), "--main", "HelloKt", disk.resolve("out").toString());

        assertAll(compiled + "\n" + ran,
                () -> assertEquals(0, compiled.status()),
                () -> assertEquals(List.of(), compiled.stderr().lines().filter(l -> !l.isEmpty() && !l.startsWith("WARNING: "))
                        .collect(Collectors.toList()), "nothing but the JVM's warnings (JDK 24 and later: Unsafe, System.load)"),
                () -> assertTrue(Files.isRegularFile(disk.resolve("out/HelloKt.class")), "the class file on the disk"),
                () -> assertEquals(0, ran.status()),
                () -> assertEquals(List.of("trap guest hypervisor 19"), ran.outLines()));
    }

    @Test
    void underTheDefaultPresetItCompilesWithUnsafeOnItsOwnMemory() throws IOException {
        Path disk = dir.resolve("disk");
        Result compiled = compile(disk);

        assertAll(compiled.toString(),
                () -> assertEquals(0, compiled.status()),
                () -> assertEquals(List.of(), compiled.stderr().lines().filter(l -> !l.isEmpty() && !l.startsWith("WARNING: "))
                        .collect(Collectors.toList()), "nothing but the JVM's warnings"),
                () -> assertTrue(Files.isRegularFile(disk.resolve("out/HelloKt.class")), "the class file on the disk"));
    }
}
