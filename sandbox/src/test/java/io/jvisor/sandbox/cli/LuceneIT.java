package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Apache Lucene from Maven Central, unmodified, as a guest: a driver of this project
 * ({@code samples/lucene-driver}) indexes 20,000 documents in four commits, merges the segments
 * and searches the index. Under {@code jvisor run --disk} it must find what it finds natively and
 * write the same index files, all on the disk.
 *
 * <p>Lucene reads its index through memory it maps where the JVM lets it unmap that memory again:
 * on JDK 17 only with {@code sun.misc.Unsafe.invokeCleaner}, which a guest has (the memory is
 * released when the buffer is collected, so that no read after its unmapping reaches freed memory:
 * before, a guest had no Unsafe, and Lucene fell back to plain reads); on JDK 22 and later through
 * the foreign-memory API, which needs nothing refused. There it also asks for a native function
 * ({@code madvise}) through a restricted method of that API, and takes the JDK's refusal of native
 * access, an {@code IllegalCallerException}, for an answer: so must it take jvisor's (a
 * {@code SecurityException} there failed its class's initialisation, and every index it opened).
 */
class LuceneIT {

    private static final String MAIN = "guest.lucene.LuceneDriver";

    @TempDir
    Path dir;

    @Test
    void anIndexWrittenAndSearchedUnderJvisorFindsWhatItFindsNativelyAllOnItsDisk() throws IOException {
        Path driver = Launch.property("sample.lucene");
        String lucene = Fixtures.jarsOf("guest.lucene.dir");
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Path disk = dir.resolve("disk");

        Result nativeRun = Launch.java(nativeDir, "-cp", driver + File.pathSeparator + lucene, MAIN, "index");
        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), "-cp", lucene, driver.toString(), "index");

        boolean foreignApi = Runtime.version().feature() >= 22;
        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertTrue(nativeRun.stdout().contains("'jumps AND fox' matches 2858"), "the driver's search found the documents"),
                () -> assertEquals(nativeRun.status(), guest.status()),
                () -> assertEquals(withoutFirstLine(nativeRun.stdout()), withoutFirstLine(guest.stdout()), "the same documents found"),
                () -> assertTrue(guest.stdout().startsWith("directory MMapDirectory"), "the directory Lucene chose"),
                () -> assertEquals(foreignApi, guest.stderr().contains("Lucene has no access to native functions"),
                        "what Lucene said of the native access it was refused"),
                () -> assertFalse(guest.stderr().contains("Unmapping is not supported"), "its unmapping, by Unsafe.invokeCleaner"),
                () -> assertEquals(segmentFiles(nativeDir.resolve("index")), segmentFiles(disk.resolve("index")),
                        "the same index files"),
                () -> assertEquals(List.of("home", "index", "tmp"), Fixtures.names(disk), "the index on the disk"),
                () -> assertEquals(List.of("index"), Fixtures.names(nativeDir)));
    }

    private static String withoutFirstLine(String s) {
        return s.substring(s.indexOf('\n') + 1);
    }

    /** The names of an index's files but its write lock, which Lucene leaves behind. */
    private static List<String> segmentFiles(Path index) throws IOException {
        return Fixtures.names(index).stream().filter(n -> !n.equals("write.lock")).toList();
    }
}
