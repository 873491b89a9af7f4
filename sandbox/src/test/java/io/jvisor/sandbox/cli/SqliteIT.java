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
 * SQLite's JDBC driver from Maven Central, unmodified, as a guest ({@code samples/sqlite-driver}
 * writes a database and queries it): its jar carries SQLite as native code, which it extracts into
 * the temporary directory and loads with {@code System.load}. Native code is what no policy but
 * one that allows {@code native} lets a guest load (the refusal names the library on the guest's
 * disk; from JDK 24, where {@code System.load} is a restricted method, it is the JDK's own); with it, the library is loaded from where the
 * guest extracted it, on its disk, and SQLite answers as natively, on the files it is given (native
 * code opens the host's files: {@code allow native} trusts it).
 */
class SqliteIT {

    private static final String MAIN = "guest.sqlite.SqliteDriver";

    @TempDir
    Path dir;

    private Result guest(String policy, String database) throws IOException {
        Path file = Files.writeString(dir.resolve("sqlite.policy"), policy);
        return Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(), "--policy", file.toString(),
                "-cp", Launch.property("guest.sqlite").toString(), Launch.property("sample.sqlite").toString(), database);
    }

    @Test
    void withNativeCodeAllowedSqliteLoadsItsLibraryFromTheDiskAndAnswersAsNatively() throws IOException {
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        Result nativeRun = Launch.java(nativeDir, "-cp", Launch.property("sample.sqlite") + File.pathSeparator
                + Launch.property("guest.sqlite"), MAIN, nativeDir.resolve("notes.db").toString());
        Path database = dir.resolve("guest.db");
        Result guest = guest("preset constrained\nallow native\n", database.toString());

        assertAll(nativeRun + "\n" + guest,
                () -> assertEquals(0, nativeRun.status()),
                () -> assertEquals(List.of("1 first", "2 second", "3 third", "database of 8192 bytes"), nativeRun.outLines()),
                () -> assertEquals(0, guest.status()),
                () -> assertEquals(nativeRun.stdout(), guest.stdout(), "the same answers"),
                () -> assertEquals(Files.size(nativeDir.resolve("notes.db")), Files.size(database), "the database native code wrote"));
    }

    @Test
    void byDefaultSqliteMayNotLoadItsLibrary() throws IOException {
        Result guest = guest("preset constrained\n", "/notes.db");
        // from JDK 24, System.load is a restricted method, refused as the JDK refuses one
        String refusal = Runtime.version().feature() >= 24
                ? "java.lang.IllegalCallerException: jvisor: guest '[^']+' may not call the restricted method java.lang.System.load"
                : "java.lang.SecurityException: jvisor: guest '[^']+' may not load the native library /tmp/sqlite-";

        assertAll(guest.toString(),
                () -> assertEquals(1, guest.status()),
                () -> assertEquals("", guest.stdout()),
                () -> assertTrue(guest.stderr().matches("(?s).*" + refusal + ".*"), "the refusal"),
                () -> assertTrue(guest.stderr().contains("denied by policy rule 'deny native' (preset constrained:")),
                () -> assertFalse(Files.exists(dir.resolve("disk/notes.db")), "no database"));
    }
}
