package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ending a guest releases everything it held: after 1,000 guests have started and ended, the
 * JVM's threads, open file descriptors and loaded classes are back where they were.
 */
class GuestReleaseIT {

    private static final int GUESTS = 1_000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aThousandGuestsStartAndEndAndLeaveNothingBehind(@TempDir Path disk) throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "this machine does not list a process's open files in /proc/self/fd");
        Path jar = Path.of(System.getProperty("sample.hello"));
        for (int i = 0; i < 20; i++) {
            runOne(jar, disk, "warm-up-" + i); // the JDK's and jvisor's own first-use state
        }
        Snapshot before = Snapshot.take(fds);
        for (int i = 0; i < GUESTS; i++) {
            runOne(jar, disk, "guest-" + i);
        }
        Snapshot after = Snapshot.settle(fds, before);
        assertTrue(after.threads <= before.threads, "live threads: " + before.threads + " before, " + after.threads + " after");
        assertTrue(after.files <= before.files, "open file descriptors: " + before.files + " before, " + after.files + " after");
        assertTrue(after.classes <= before.classes + 50, "loaded classes: " + before.classes + " before, "
                + after.classes + " after " + GUESTS + " guests, whose classes were unloaded");
    }

    private static void runOne(Path jar, Path disk, String name) throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).classPath(jar).args(List.of("--write=/note.txt=" + name))
                .console(Console.Mode.CAPTURE).disk(disk).build());
        assertNotNull(g.await(PATIENCE), name + " ended");
        assertTrue(g.awaitStopped(PATIENCE), name + "'s threads ended");
    }

    /** What the JVM holds at one moment. */
    private record Snapshot(int threads, long files, int classes) {

        static Snapshot take(Path fds) throws IOException {
            try (Stream<Path> open = Files.list(fds)) {
                return new Snapshot(ManagementFactory.getThreadMXBean().getThreadCount(), open.count(),
                        ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
            }
        }

        /** Collects garbage until the JVM is back at {@code before}, or the time is up; then takes a snapshot. */
        static Snapshot settle(Path fds, Snapshot before) throws IOException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Snapshot now = take(fds);
            while (System.nanoTime() < deadline
                    && (now.threads > before.threads || now.files > before.files || now.classes > before.classes + 50)) {
                System.gc();
                now = take(fds);
            }
            return now;
        }
    }
}
