package guest.compress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A small command line over Apache Commons Compress: in the directory its argument names
 * ({@code work} by default) it writes a tree of files (one executable), packs the tree as a
 * {@code tar.gz} (through streams) and a {@code zip} (through a seekable channel, read back by
 * {@code ZipFile} from its central directory), unpacks each into a directory of its own and prints every file it unpacked with its size, CRC-32
 * and whether it is executable.
 */
public final class CompressDriver {

    private CompressDriver() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "work");
        Path tree = work.resolve("tree");
        write(tree.resolve("a.txt"), "alpha\n");
        write(tree.resolve("dir/b.txt"), "bravo ".repeat(5000) + "\n");
        write(tree.resolve("run.sh"), "#!/bin/sh\necho run\n").toFile().setExecutable(true);
        List<Path> files = regularFiles(tree);
        Path out = Files.createDirectories(work.resolve("out"));

        File tarGz = out.resolve("tree.tar.gz").toFile();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                new BufferedOutputStream(Files.newOutputStream(tarGz.toPath()))))) {
            pack(tar, tree, files, (f, name, mode) -> {
                TarArchiveEntry e = new TarArchiveEntry(f.toFile(), name);
                e.setMode(mode);
                return e;
            });
        }
        File zip = out.resolve("tree.zip").toFile();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
            pack(z, tree, files, (f, name, mode) -> {
                ZipArchiveEntry e = new ZipArchiveEntry(f.toFile(), name);
                e.setUnixMode(mode);
                return e;
            });
        }
        System.out.println("packed " + files.size() + " files as tar.gz and zip");

        try (ArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(new FileInputStream(tarGz))))) {
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                unpack(work.resolve("x/tar"), e.getName(), in, (((TarArchiveEntry) e).getMode() & 0100) != 0);
            }
        }
        try (ZipFile z = new ZipFile(zip)) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                try (InputStream in = z.getInputStream(e)) {
                    unpack(work.resolve("x/zip"), e.getName(), in, (e.getUnixMode() & 0100) != 0);
                }
            }
        }
        for (String kind : List.of("tar", "zip")) {
            Path root = work.resolve("x").resolve(kind);
            for (Path f : regularFiles(root)) {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(f));
                System.out.printf("%s %s %d bytes crc %08x%s%n", kind, name(root, f), Files.size(f), crc.getValue(),
                        Files.isExecutable(f) ? " executable" : "");
            }
        }
    }

    /** An archive's entry for a file, by its name in the archive and its Unix mode. */
    private interface Entries {
        ArchiveEntry of(Path file, String name, int mode);
    }

    /** Adds each file below {@code tree} to an archive, with its mode: executable or not. */
    private static void pack(ArchiveOutputStream out, Path tree, List<Path> files, Entries entries) throws IOException {
        for (Path f : files) {
            out.putArchiveEntry(entries.of(f, name(tree, f), Files.isExecutable(f) ? 0100755 : 0100644));
            Files.copy(f, out);
            out.closeArchiveEntry();
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static String name(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** Writes an entry below a directory, refusing a name that would land outside it (a zip slip). */
    private static void unpack(Path root, String name, InputStream in, boolean executable) throws IOException {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("entry outside the target directory: " + name);
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        if (executable) {
            target.toFile().setExecutable(true);
        }
    }
}
