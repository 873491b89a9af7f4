package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.Console;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest watches its own directories ({@code WatchService}, as servers and build tools watch
 * theirs): the host's watch service watches the directory its disk holds, and what the guest sees
 * names its own paths, and sees what the host makes there. A watch service the guest leaves open
 * is closed at its end, and the JDK's thread that waited for its events ends with it.
 */
class GuestWatchServiceIT {

    private static final String NL = System.lineSeparator();

    /**
     * Watches /work, listens on the port args[0] to say so, and waits for a file there; leaves its
     * watch service open.
     */
    private static final String GUEST = String.join("\n",
            "import java.nio.file.*;",
            "import java.util.concurrent.TimeUnit;",
            "public class Watcher {",
            "  public static void main(String[] args) throws Exception {",
            "    Path dir = Files.createDirectories(Path.of(\"/work\"));",
            "    WatchService watcher = FileSystems.getDefault().newWatchService();",
            "    WatchKey registered = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);",
            "    try (java.net.ServerSocket ready = new java.net.ServerSocket(Integer.parseInt(args[0]))) {",
            "      WatchKey key = watcher.poll(60, TimeUnit.SECONDS);",
            "      WatchEvent<?> event = key.pollEvents().get(0);",
            "      Path made = ((Path) key.watchable()).resolve((Path) event.context());",
            "      System.out.println(event.kind() + \" \" + made + \" \" + Files.readString(made) + \" \" + (key == registered));",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    private static Set<Thread> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("FileSystemWatchService"))
                .collect(Collectors.toSet());
    }

    @Test
    void aGuestWatchesItsOwnDirectoriesByItsOwnPaths() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Watcher", GUEST));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Set<Thread> before = watcherThreads();
        Guest g = Hypervisor.get().start(GuestSpec.builder("watcher").disk(dir.resolve("disk")).classPath(classes)
                .mainClass("Watcher").args(List.of(String.valueOf(port))).console(Console.Mode.CAPTURE).build());
        assertTrue(g.awaitPort(port, Duration.ofSeconds(60)), () -> "the guest watches: " + g.console().capturedErr());
        Set<Thread> watching = watcherThreads();
        watching.removeAll(before);
        // whole when it appears: the event comes at the file's creation, before a write into it
        Files.move(Files.writeString(dir.resolve("disk/made.txt"), "made by the host"), dir.resolve("disk/work/made.txt"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        GuestResult r = g.await(Duration.ofSeconds(60));
        for (Thread t : watching) {
            t.join(Duration.ofSeconds(30).toMillis());
        }

        assertAll(g.console().capturedOut() + g.console().capturedErr(),
                () -> assertEquals(0, r == null ? -1 : r.exitStatus()),
                () -> assertEquals("ENTRY_CREATE /work/made.txt made by the host true" + NL, g.console().capturedOut()),
                () -> assertEquals(1, watching.size(), "the watch service's thread while the guest watched"),
                () -> assertFalse(watching.stream().anyMatch(Thread::isAlive), "the watch service's thread outlived the guest"));
    }
}
