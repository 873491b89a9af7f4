package io.jvisor.sandbox.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jvisor guests}: from another process, the guests of a JVM that runs jvisor are listed,
 * paused, resumed and killed through their MBeans.
 */
class GuestsCommandIT {

    @Test
    void anotherProcessListsPausesResumesAndKillsAGuest(@TempDir Path dir) throws Exception {
        Process host = new ProcessBuilder(Launch.jvisorCommand(dir, "run", "--name", "worker",
                Launch.property("sample.busy").toString(), "spin-catching"))
                .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), Charset.defaultCharset()))) {
            assertEquals("started", out.readLine(), "the guest says so once it runs");
            String pid = Long.toString(host.pid());

            Launch.Result listed = Launch.jvisor(dir, "guests", pid);
            assertEquals(0, listed.status(), listed.toString());
            assertTrue(listed.outLines().get(1).matches(pid + " +worker +RUNNING +FULL +1 +[0-9.]+ s +[0-9.]+ (bytes|KiB) .*"),
                    "its CPU time and live heap: " + listed);

            Launch.Result paused = Launch.jvisor(dir, "guests", pid, "--pause", "worker");
            assertEquals(List.of("paused guest 'worker' in JVM " + pid), paused.outLines().subList(2, 3), paused.toString());
            Launch.Result shown = Launch.jvisor(dir, "guests", pid);
            assertTrue(shown.outLines().get(1).matches(pid + " +worker +PAUSED .*"), shown.toString());
            Launch.Result resumed = Launch.jvisor(dir, "guests", pid, "--resume", "worker");
            assertEquals(0, resumed.status(), resumed.toString());

            Launch.Result killed = Launch.jvisor(dir, "guests", pid, "--kill", "worker");
            assertEquals(0, killed.status(), killed.toString());
            assertTrue(host.waitFor(Launch.TIMEOUT_SECONDS, TimeUnit.SECONDS), "jvisor run ended with its guest");
            assertEquals(137, host.exitValue(), "the status of a killed guest");
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    void aGuestOrJvmThatIsNotThereIsOneClearError(@TempDir Path dir) {
        Launch.Result result = Launch.jvisor(dir, "guests", "1");
        assertEquals(FailedException.STATUS, result.status(), result.toString());
        assertEquals(List.of("jvisor: no JVM of this user has process id 1"), result.errLines(), result.toString());
    }
}
