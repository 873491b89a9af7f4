package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Derby (Maven Central, unmodified): its {@code ij} tool runs a script as a guest, against
 * an embedded database on the guest's disk, twice. Derby's files of a database are its own
 * subclass of {@code RandomAccessFile}, opened through its superclass constructor, which a
 * guest's subclass may do as the JDK class's own trap decides; on a disk with a quota, whose
 * meter the subclass's writes would pass, it is refused with the reason.
 */
class DerbyIT {

    /** Creates the table on the first run, adds two rows on each, counts them. */
    private static final String SCRIPT = String.join("\n",
            "connect 'jdbc:derby:/data/db;create=true';",
            "create table runs (id int generated always as identity, name varchar(20));",
            "insert into runs (name) values ('a'), ('b');",
            "select count(*) as rows_now from runs;",
            "disconnect;",
            "exit;",
            "");

    @TempDir
    Path dir;

    private static String derby() {
        return String.join(File.pathSeparator, System.getProperty("guest.derby"), System.getProperty("guest.derbyshared"));
    }

    private Result ij(Path disk, String... options) throws Exception {
        Files.createDirectories(disk);
        Files.writeString(disk.resolve("script.sql"), SCRIPT);
        List<String> args = new java.util.ArrayList<>(List.of("run", "--disk", disk.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("-cp", derby(), "--main", "org.apache.derby.tools.ij", System.getProperty("guest.derbytools"),
                "/script.sql"));
        return Launch.jvisor(dir, args.toArray(new String[0]));
    }

    @Test
    void derbysToolRunsAScriptAgainstADatabaseOnTheGuestsDisk() throws Exception {
        Path disk = dir.resolve("disk");
        Result first = ij(disk);
        Result second = ij(disk);

        assertAll(first + "\n" + second,
                () -> assertEquals(0, first.status()),
                () -> assertTrue(first.stdout().contains("ROWS_NOW   \n-----------\n2          "), "two rows the first time"),
                // the table is there already: its creation fails, the rows are added to it
                () -> assertTrue(second.stdout().contains("Table/View 'RUNS' already exists"), "the database kept"),
                () -> assertTrue(second.stdout().contains("ROWS_NOW   \n-----------\n4          "), "four rows the second time"),
                () -> assertTrue(Files.isRegularFile(disk.resolve("data/db/service.properties")), "the database is on the disk"),
                () -> assertTrue(Files.isRegularFile(disk.resolve("derby.log")), "Derby's log in the guest's working directory"));
    }

    @Test
    void onADiskWithAQuotaDerbysFilesAreRefusedWithTheReason() throws Exception {
        Result r = ij(dir.resolve("disk"), "--disk-quota", "50M");

        assertAll(r.toString(),
                () -> assertTrue(r.stdout().contains("org.apache.derby.impl.io.DirRandomAccessFile extends a JDK class and opens a file "
                        + "for writing as its superclass constructor, whose writes would escape the quota"), "the reason"),
                () -> assertTrue(!r.stdout().contains("ROWS_NOW"), "no database"));
    }
}
