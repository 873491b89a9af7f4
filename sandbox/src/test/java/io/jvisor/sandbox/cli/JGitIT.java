package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JGit from Maven Central, unmodified, as a guest: its core jar has no main class, so a driver of
 * this project ({@code samples/jgit-driver}) makes a repository with it (init, an executable file
 * and a symbolic link, add, commit, status, a branch, checkouts, a garbage collection, log). JGit
 * works the disk hard: lock files renamed into place, file snapshots by their times, probes of
 * executable bits and links, a subclass of {@code FileInputStream}, its configuration under the
 * home directory. Under {@code jvisor run --disk} it must print the same as natively (the same
 * commit ids: the same trees, modes and link targets), write the same files, all of them on the
 * disk, and nothing outside it.
 *
 * <p>The native run gets the guest's environment, an empty one, and a home of its own: JGit reads
 * both. The build copies JGit and its dependencies into the directory {@code guest.jgit.dir}.
 */
class JGitIT {

    private static final String MAIN = "guest.jgit.JGitDriver";

    @TempDir
    Path dir;

    @Test
    void aRepositoryMadeUnderJvisorHasTheSameCommitsAndFilesAsNativelyAllOnItsDisk() throws IOException {
        Path driver = Launch.property("sample.jgit");
        String jgit = Fixtures.jarsOf("guest.jgit.dir");
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Path disk = dir.resolve("disk");
        Path audit = dir.resolve("audit.jsonl");

        Result nativeRun = Launch.javaWithEnvironment(nativeDir, Map.of(), "-Duser.home=" + nativeDir.resolve("home"),
                "-cp", driver + File.pathSeparator + jgit, MAIN, "repo");
        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "--audit", audit.toString(), "-cp", jgit,
                driver.toString(), "repo");

        String auditLog = Files.readString(audit);
        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertTrue(nativeRun.stdout().contains("100755 run.sh") && nativeRun.stdout().contains("120000 readme-link")
                        && nativeRun.stdout().contains("clean: true"), "the driver made an executable, a link and a clean repository"),
                () -> assertEquals(nativeRun.status(), guest.status()),
                () -> assertEquals(nativeRun.stdout(), guest.stdout(), "the same commits, trees, status and branches"),
                () -> assertEquals(nativeRun.errLines(), guest.errLines()),
                () -> assertFalse(guest.stdout().contains(dir.toString()), "the guest saw a host path"),
                () -> assertEquals(Fixtures.regularFiles(nativeDir).stream().map(f -> f.replaceFirst("^home/", "home/guest/"))
                        .toList(), Fixtures.regularFiles(disk), "the same files, JGit's configuration in the guest's home"),
                () -> assertTrue(Fixtures.regularFiles(disk).stream()
                        .anyMatch(f -> f.matches("repo/\\.git/objects/pack/pack-\\w+\\.pack")), "the garbage collection's pack"),
                () -> assertArrayEquals(Files.readAllBytes(nativeDir.resolve("repo/.git/packed-refs")),
                        Files.readAllBytes(disk.resolve("repo/.git/packed-refs"))),
                () -> assertEquals(Path.of("README.md"), Files.readSymbolicLink(disk.resolve("repo/readme-link")),
                        "the link holds its relative target, as natively"),
                // JGit asks 'sh -c umask' for the bits a new executable gets; the default policy refuses
                // the process, and JGit takes the usual umask instead: the same run.sh, mode 100755.
                () -> assertTrue(auditLog.contains("\"operation\": \"process\", \"argument\": \"sh\", \"decision\": \"deny\""),
                        auditLog),
                () -> assertEquals(List.of("audit.jsonl", "disk", "native"), Fixtures.names(dir), "nothing was written beside the disk"));
    }
}
