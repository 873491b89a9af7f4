package guest.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * A key-value store that keeps each value in a file: an ordinary Java program, with no knowledge of
 * jvisor. It behaves as the paravirtual guest of {@code samples/paravirtual} does, with the JDK's
 * own calls where that one makes hypercalls: the same commands ({@code put KEY VALUE},
 * {@code get KEY}, {@code del KEY}, {@code list}, run in order), the same store (the directory
 * {@code kv} in its working directory, which is {@code /} on a guest's disk, so {@code /kv} there,
 * as the paravirtual one's; or the directory the property {@code kv.root} names), the same output
 * and exit statuses (1 for a missing key, 2 for a wrong command).
 * <pre>{@code
 * java -Dkv.root=/tmp/kv -jar samples/kv/target/kv.jar put greeting hello get greeting list
 * }</pre>
 */
public final class Kv {

    private static final String USAGE = "usage: [put KEY VALUE | get KEY | del KEY | list]...";

    private final Path dir;

    private Kv(Path dir) {
        this.dir = dir;
    }

    /** A wrong command line: its message says what is wrong. */
    private static final class Misuse extends Exception {
        private static final long serialVersionUID = 1L;

        Misuse(String message) {
            super(message);
        }
    }

    private Path fileOf(String key) throws Misuse {
        boolean valid = !key.isEmpty() && key.charAt(0) != '.'
                && key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'));
        if (!valid) {
            throw new Misuse("not a key: '" + key + "'");
        }
        return dir.resolve(key);
    }

    /** Runs one command; returns the exit status it calls for, 0 to go on. */
    private int run(String command, Deque<String> operands, String last) throws IOException, Misuse {
        if (command.equals("list")) {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(f -> f.getFileName().toString()).sorted().forEach(System.out::println);
                }
            }
            return 0;
        }
        if (!command.equals("put") && !command.equals("get") && !command.equals("del")) {
            throw new Misuse("unknown command '" + command + "'");
        }
        String key = take(operands, last);
        String value = command.equals("put") ? take(operands, last) : null;
        Path file = fileOf(key);
        if (value != null) {
            Files.createDirectories(dir);
            Files.writeString(file, value);
        } else if (command.equals("del")) {
            Files.deleteIfExists(file);
        } else if (Files.exists(file)) {
            System.out.println(Files.readString(file));
        } else {
            System.err.println("kv: no key " + key);
            return 1;
        }
        return 0;
    }

    private static String take(Deque<String> operands, String last) throws Misuse {
        if (operands.isEmpty()) {
            throw new Misuse("'" + last + "' lacks an operand");
        }
        return operands.removeFirst();
    }

    public static void main(String[] args) throws IOException {
        Kv kv = new Kv(Path.of(System.getProperty("kv.root", "kv")));
        Deque<String> words = new ArrayDeque<>(Arrays.asList(args));
        String last = args.length == 0 ? "" : args[args.length - 1];
        int status = 0;
        try {
            while (status == 0 && !words.isEmpty()) {
                status = kv.run(words.removeFirst(), words, last);
            }
        } catch (Misuse e) {
            System.err.println("kv: " + e.getMessage() + "; " + USAGE);
            status = 2;
        }
        if (status != 0) {
            System.exit(status);
        }
    }
}
