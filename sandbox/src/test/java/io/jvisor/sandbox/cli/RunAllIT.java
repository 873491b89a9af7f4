package io.jvisor.sandbox.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jvisor run-all FILE}: a set of guests from one file, run at once, all or none. */
class RunAllIT {

    @Test
    void runsEveryGuestOfTheFileAtOnceAndExitsWithTheFirstFailingStatus(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("guests.txt");
        Files.writeString(file, String.join("\n",
                "# a fully virtualised guest and a container",
                "--name greeter --disk " + dir.resolve("disk") + " " + Launch.property("sample.hello") + " 'a b' --write=/note.txt=hi",
                "--name leaver --mode container " + Launch.property("sample.exit") + " 3   # exits with 3",
                ""));
        Launch.Result r = Launch.jvisor(dir, "run-all", file.toString());
        assertEquals(3, r.status(), r.toString());
        assertTrue(r.outLines().containsAll(List.of("[greeter] Hello from a jvisor guest.", "[greeter] argument: a b",
                "[leaver] exiting with status 3")), r.toString());
        assertEquals("hi", Files.readString(dir.resolve("disk/note.txt")).trim(), "the greeter wrote on its own disk");
    }

    @Test
    void aWrongLineStartsNoGuestAndNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("guests.txt");
        Files.writeString(file, String.join("\n",
                "--name writer --disk " + dir.resolve("disk") + " " + Launch.property("sample.hello") + " --write=/note.txt=hi",
                "--name slow --cpu-time 2x " + Launch.property("sample.hello"),
                ""));
        Launch.Result r = Launch.jvisor(dir, "run-all", file.toString());
        assertEquals(FailedException.STATUS, r.status(), r.toString());
        assertEquals(List.of("jvisor: " + file + ":2: --cpu-time 2x: '2x' is not a time (such as 500ms, 2s or 1m)"), r.errLines(),
                r.toString());
        assertFalse(Files.exists(dir.resolve("disk/note.txt")), "the first guest did not run either");
    }

    @Test
    void twoGuestsOfOneNameAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("guests.txt");
        String hello = Launch.property("sample.hello").toString();
        Files.writeString(file, "--name twin " + hello + "\n--name twin " + hello + "\n");
        Launch.Result r = Launch.jvisor(dir, "run-all", file.toString());
        assertEquals(FailedException.STATUS, r.status(), r.toString());
        assertEquals(List.of("jvisor: " + file + ":2: a second guest named 'twin': give each its own with --name"), r.errLines());
    }

    @Test
    void twoGuestsOfOneDiskAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("guests.txt");
        String hello = Launch.property("sample.hello").toString();
        Path shared = dir.resolve("shared");
        // each wrote the other's files before (audit 20); a disk inside another's is the same
        Files.writeString(file, "--name a --disk " + shared + " " + hello + "\n--name b --disk " + shared.resolve("b") + " " + hello + "\n");
        Launch.Result r = Launch.jvisor(dir, "run-all", file.toString());
        assertEquals(FailedException.STATUS, r.status(), r.toString());
        assertEquals(List.of("jvisor: " + file + ":2: the disks of guest 'a' (" + shared + ") and guest 'b' (" + shared.resolve("b")
                + ") overlap, where each would write the other's files: give each its own with --disk"), r.errLines());
        assertFalse(Files.exists(shared), "no guest ran");
    }
}
