package escape.classes;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The code that writes the host file: the techniques of this door read this class's bytes from the
 * jar and define them again in a way of their own, then call {@link #run}. Not a technique itself.
 */
public final class Payload {

    private Payload() {
    }

    public static void run(String file) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
