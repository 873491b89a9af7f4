package escape.files;

import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Opens FILE in mode {@code "rw"} as a {@code RandomAccessFile} made by a constructor handle: a
 * file class other than the streams, reached without a {@code new} instruction.
 *
 * <p>Source: JDK API, {@code RandomAccessFile} and {@code Lookup.findConstructor},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/RandomAccessFile.html
 */
public final class RandomAccessByHandle {

    private RandomAccessByHandle() {
    }

    public static void main(String[] args) {
        try {
            MethodHandle open = MethodHandles.publicLookup().findConstructor(RandomAccessFile.class,
                    MethodType.methodType(void.class, String.class, String.class));
            try (RandomAccessFile file = (RandomAccessFile) open.invoke(args[0], "rw")) {
                file.writeBytes("escaped\n");
            }
            System.out.println("file-random-access-method-handle: wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("file-random-access-method-handle: " + t);
        }
    }
}
