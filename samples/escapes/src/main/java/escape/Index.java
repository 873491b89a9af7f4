package escape;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The jar's main class, and harmless: lists the techniques of {@code META-INF/escapes.tsv} (id,
 * door, goal, main class). Run a technique with {@code java -cp escapes.jar CLASS ARGS}.
 */
public final class Index {

    private Index() {
    }

    public static void main(String[] args) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Index.class.getResourceAsStream("/META-INF/escapes.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] c = line.split("\t");
                    System.out.printf("%-42s %-11s %-13s %s%n", c[0], c[2], c[3], c[1]);
                }
            }
        }
    }
}
