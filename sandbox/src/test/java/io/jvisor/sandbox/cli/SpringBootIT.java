package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot 4 web application, as Spring Boot's own Maven plugin packages one (the executable
 * jar whose launcher reads the libraries nested in it through a class loader and URL handlers of
 * its own, which it names in the system property {@code java.protocol.handler.pkgs}), run
 * unmodified as a guest: {@code samples/spring-app}, a REST service of notes kept in files on an
 * embedded Tomcat, which once up calls itself over HTTP (the JDK's HTTP client) and ends with
 * {@code SpringApplication.exit} and {@code System.exit}. Under {@code jvisor run --disk}, with a
 * policy that lets it connect to its own server on loopback, it must answer as natively, exit with
 * its status, keep its notes and Tomcat's files on the disk, and leave nothing beside it.
 */
class SpringBootIT {

    @TempDir
    Path dir;

    @Test
    void anExecutableSpringBootJarAnswersAsNativelyWithItsFilesOnTheDisk() throws IOException {
        Path app = Launch.property("sample.spring");
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Path nativeTmp = Files.createDirectories(nativeDir.resolve("tmp"));
        Path disk = dir.resolve("disk");
        Path policy = Files.writeString(dir.resolve("spring.policy"), "preset constrained\nallow connect 127.0.0.1:*\n");

        Result nativeRun = Launch.java(nativeDir, "-Djava.io.tmpdir=" + nativeTmp, "-jar", app.toString(), "--exit-status=3");
        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--policy", policy.toString(), app.toString(),
                "--exit-status=3");

        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(3, nativeRun.status()),
                () -> assertEquals(List.of("{\"name\":\"greeting\",\"text\":\"hello from a guest\"}",
                        "{\"name\":\"greeting\",\"text\":\"hello from a guest\"}", "[\"greeting.txt\"]", "404", "closed"),
                        nativeRun.outLines()),
                () -> assertEquals(nativeRun.status(), guest.status(), "the status it exits with"),
                () -> assertEquals(nativeRun.stdout(), guest.stdout(), "the same answers"),
                () -> assertEquals(nativeRun.stderr(), guest.stderr(), "Spring's warnings and errors, as natively"),
                () -> assertEquals("hello from a guest", Files.readString(disk.resolve("notes/greeting.txt")), "the note on the disk"),
                () -> assertTrue(Fixtures.names(disk.resolve("tmp")).stream().anyMatch(n -> n.startsWith("tomcat.")),
                        "Tomcat's directory in the disk's temporary directory"),
                () -> assertEquals(List.of("native", "spring.policy"), Fixtures.names(dir).stream()
                        .filter(n -> !n.equals("disk") && !n.equals("home")).toList(), "nothing beside the disk"));
    }
}
