package guest.kv;

import io.jvisor.api.Console;
import io.jvisor.api.Disk;
import io.jvisor.api.Guest;
import io.jvisor.api.Hypercalls;
import io.jvisor.api.Saved;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A paravirtual guest: a key-value store that keeps each value in a file on its disk. It knows it
 * runs under jvisor and uses hypercalls only (the processor fails its build on any direct
 * privileged call), declares the state a snapshot keeps, and asks for its policy and quotas in
 * {@link Guest}, which the processor turns into {@code META-INF/jvisor/guest.properties}.
 *
 * <p>Its arguments are commands, run in order: {@code put KEY VALUE}, {@code get KEY},
 * {@code del KEY}, {@code list}. Keys are letters, digits, {@code .}, {@code _} and {@code -}. Its
 * store is the directory {@code /kv} of its disk, or the one the property {@code kv.root} names. It
 * exits with 1 for a missing key and 2 for a wrong command. Without jvisor, run it in pass-through
 * mode, on a host directory:
 * <pre>{@code
 * java -Djvisor.api.passThrough=true -Dkv.root=/tmp/kv -cp api/target/jvisor-api.jar:samples/paravirtual/target/paravirtual.jar \
 *      guest.kv.KvStore put greeting hello get greeting list
 * }</pre>
 */
@Guest(name = "kv", mode = Guest.Mode.PARAVIRTUAL, preset = "constrained", diskBytes = "1M", threads = 2)
public final class KvStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final Disk disk;
    private final String root;
    @Saved int writes;
    @Saved String lastKey;

    KvStore(Disk disk, String root) {
        this.disk = disk;
        this.root = root;
    }

    private String file(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a key: '" + key + "'");
        }
        return root + "/" + key;
    }

    /** Stores a value under a key, replacing what it held. */
    void put(String key, String value) throws IOException {
        String file = file(key);
        disk.createDirectories(root);
        disk.writeString(file, value);
        writes++;
        lastKey = key;
    }

    /** The value under a key, or {@code null} if there is none. */
    String get(String key) throws IOException {
        String file = file(key);
        return disk.exists(file) ? disk.readString(file) : null;
    }

    /** Removes a key; {@code false} if it was not there. */
    boolean delete(String key) throws IOException {
        boolean deleted = disk.delete(file(key));
        if (deleted) {
            writes++;
            lastKey = key;
        }
        return deleted;
    }

    /** The keys, sorted. */
    List<String> keys() throws IOException {
        return disk.exists(root) ? disk.list(root) : List.of();
    }

    private static String operand(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("'" + args[args.length - 1] + "' lacks an operand");
        }
        return args[i];
    }

    public static void main(String[] args) throws IOException {
        Console console = Hypercalls.console();
        String root = Hypercalls.environment().property("kv.root");
        KvStore store = new KvStore(Hypercalls.disk(), root == null ? "/kv" : root);
        Hypercalls.declareState("kv", KvStore$State.of(store));
        int status = 0;
        try {
            int i = 0;
            while (i < args.length && status == 0) {
                switch (args[i++]) {
                    case "put" -> store.put(operand(args, i++), operand(args, i++));
                    case "get" -> {
                        String key = operand(args, i++);
                        String value = store.get(key);
                        if (value == null) {
                            console.err().println("kv: no key " + key);
                            status = 1;
                        } else {
                            console.out().println(value);
                        }
                    }
                    case "del" -> store.delete(operand(args, i++));
                    case "list" -> store.keys().forEach(console.out()::println);
                    default -> throw new IllegalArgumentException("unknown command '" + args[i - 1] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            console.err().println("kv: " + e.getMessage() + "; usage: [put KEY VALUE | get KEY | del KEY | list]...");
            status = 2;
        }
        if (status != 0) {
            Hypercalls.exit(status);
        }
    }
}
