package escape.files;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a stream onto FILE with {@code Files.copy(InputStream, Path, REPLACE_EXISTING)}, which
 * deletes and recreates the target inside the JDK.
 *
 * <p>Source: JDK API, {@code Files.copy(InputStream, Path, CopyOption...)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/file/Files.html#copy(java.io.InputStream,java.nio.file.Path,java.nio.file.CopyOption...)
 */
public final class CopyReplace {

    private CopyReplace() {
    }

    public static void main(String[] args) {
        try {
            long n = Files.copy(new ByteArrayInputStream("escaped\n".getBytes(StandardCharsets.US_ASCII)),
                    Path.of(args[0]), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("file-copy-replace: copied " + n + " bytes to " + args[0]);
        } catch (Throwable t) {
            System.out.println("file-copy-replace: " + t);
        }
    }
}
