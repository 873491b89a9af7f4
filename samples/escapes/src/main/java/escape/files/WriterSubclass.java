package escape.files;

import java.io.FileWriter;
import java.io.IOException;

/**
 * Opens the host file FILE through the superclass constructor of a subclass of
 * {@code FileWriter}: the object exists before its constructor runs, so a sandbox that replaces
 * {@code new FileWriter(FILE)} with a stream of its own cannot replace this one, and the JDK's
 * constructor opens the file it is given.
 *
 * <p>Source: JDK API, FileWriter(String), a constructor a subclass calls as {@code super(name)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/FileWriter.html#%3Cinit%3E(java.lang.String)
 */
public final class WriterSubclass {

    private WriterSubclass() {
    }

    public static void main(String[] args) {
        String file = args[0];
        try (HostWriter out = new HostWriter(file)) {
            out.write("escaped\n");
            System.out.println("file-writer-subclass: wrote " + file);
        } catch (Throwable t) {
            System.out.println("file-writer-subclass: " + t);
        }
    }

    private static final class HostWriter extends FileWriter {
        HostWriter(String name) throws IOException {
            super(name);
        }
    }
}
