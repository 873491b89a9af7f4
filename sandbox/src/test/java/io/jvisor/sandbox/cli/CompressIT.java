package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Commons Compress from Maven Central, unmodified, as a guest: a driver of this project
 * ({@code samples/compress-driver}) packs a tree as {@code tar.gz} (streams) and {@code zip} (a
 * seekable channel, read back through the archive's central directory) and unpacks both. Under
 * {@code jvisor run --disk} it must print the same as natively and write the same files, all on the
 * disk; with a disk quota too small for what it unpacks, it must fail as on a full disk, within the
 * quota.
 */
class CompressIT {

    private static final int QUOTA = 50_000;

    @TempDir
    Path dir;

    private static Result underJvisor(Path dir, String... options) {
        List<String> command = new ArrayList<>(List.of("run", "--disk", dir.resolve("disk").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", Launch.property("guest.compress").toString(), Launch.property("sample.compress").toString(),
                "work"));
        return Launch.jvisor(dir, command.toArray(new String[0]));
    }

    @Test
    void archivesPackedAndUnpackedOnTheDiskGiveTheSameFilesAsNatively() throws IOException {
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Result nativeRun = Launch.java(nativeDir, "-cp", Launch.property("sample.compress") + File.pathSeparator
                + Launch.property("guest.compress"), "guest.compress.CompressDriver", "work");
        Result guest = underJvisor(dir);

        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertTrue(nativeRun.stdout().contains("zip run.sh 19 bytes crc b2e6a2bc executable"), "unpacked from the zip"),
                () -> assertEquals(nativeRun.status(), guest.status()),
                () -> assertEquals(nativeRun.stdout(), guest.stdout(), "the same files, sizes, checksums and modes"),
                () -> assertEquals(nativeRun.stderr(), guest.stderr()),
                () -> assertEquals(Fixtures.regularFiles(nativeDir), Fixtures.regularFiles(dir.resolve("disk"))),
                () -> assertEquals(List.of("disk", "native"), Fixtures.names(dir), "nothing was written beside the disk"));
    }

    @Test
    void unpackingPastTheDiskQuotaFailsAsOnAFullDisk() throws IOException {
        Result guest = underJvisor(dir, "--disk-quota", String.valueOf(QUOTA));

        long used = 0;
        for (String f : Fixtures.regularFiles(dir.resolve("disk"))) {
            used += Files.size(dir.resolve("disk").resolve(f));
        }
        long onDisk = used;
        assertAll(guest.toString(),
                () -> assertEquals(1, guest.status()),
                () -> assertTrue(guest.stdout().contains("packed 3 files as tar.gz and zip"), "the archives fit"),
                () -> assertTrue(guest.stderr().contains("java.io.IOException: No space left on device"), "the second copy does not"),
                () -> assertTrue(onDisk <= QUOTA, onDisk + " bytes on the disk"));
    }
}
