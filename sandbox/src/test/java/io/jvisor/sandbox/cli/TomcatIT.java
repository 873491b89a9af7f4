package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Tomcat from Maven Central, unmodified, as a guest: an application of this project
 * ({@code samples/tomcat-driver}) embeds it, as Spring Boot does, with one servlet that answers from
 * a file, and asks it over HTTP. Tomcat installs the JVM's one factory of URL stream handlers and
 * registers its MBeans in the platform MBean server as it starts, which a guest may not do to the
 * JVM: it gets a factory and a server of its own; as it stops, it looks for a class of its own
 * through the system class loader, which is the guest's own too. Under
 * {@code jvisor run --disk}, with a policy that lets it connect to its own server on loopback, it
 * must answer as natively, keep its base directory on the disk, and stop.
 */
class TomcatIT {

    private static final String MAIN = "guest.tomcat.TomcatDriver";

    @TempDir
    Path dir;

    @Test
    void anEmbeddedTomcatAnswersAsNativelyWithItsFilesOnTheDisk() throws IOException {
        Path driver = Launch.property("sample.tomcat");
        String tomcat = Fixtures.jarsOf("guest.tomcat.dir");
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Path disk = dir.resolve("disk");
        Path policy = Files.writeString(dir.resolve("tomcat.policy"), "preset constrained\nallow connect 127.0.0.1:*\n");

        Result nativeRun = Launch.java(nativeDir, "-cp", driver + File.pathSeparator + tomcat, MAIN, "work");
        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--policy", policy.toString(), "-cp", tomcat,
                driver.toString(), "work");

        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertEquals(List.of("200 hello from the disk 0", "200 hello from the disk 1", "200 hello from the disk 2",
                        "stopped"), nativeRun.outLines()),
                () -> assertEquals(nativeRun.status(), guest.status()),
                () -> assertEquals(nativeRun.stdout(), guest.stdout(), "the same answers"),
                () -> assertEquals(complaints(nativeRun), complaints(guest), "Tomcat's warnings and errors, as natively"),
                () -> assertTrue(Files.isDirectory(disk.resolve("work/tomcat/work/Tomcat")), "Tomcat's work directory on the disk"),
                () -> assertEquals(List.of("home", "tmp", "work"), Fixtures.names(disk), "the application's files on the disk"),
                () -> assertEquals(List.of("native", "tomcat.policy"), Fixtures.names(dir).stream()
                        .filter(n -> !n.equals("disk") && !n.equals("home")).toList(), "nothing beside the disk"));
    }

    /** The warnings and errors Tomcat logged ({@code java.util.logging}'s lines of level and message). */
    private static List<String> complaints(Result r) {
        return r.errLines().stream().filter(l -> l.startsWith("WARNING:") || l.startsWith("SEVERE:")).toList();
    }
}
