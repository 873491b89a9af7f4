package guest.kv;

import io.jvisor.api.Hypercalls;
import io.jvisor.api.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key-value guest, built with the processor by Maven, run in pass-through mode on a host directory. */
class KvStoreTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void passThrough() {
        Hypercalls.passThrough();
    }

    private KvStore store() {
        return new KvStore(Hypercalls.disk(), dir.resolve("kv").toString());
    }

    @Test
    void theBuildWroteTheGuestsDescriptor() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = KvStore.class.getResourceAsStream("/META-INF/jvisor/guest.properties")) {
            descriptor.load(in);
        }
        assertEquals(Map.of("name", "kv", "main", "guest.kv.KvStore", "mode", "paravirtual", "preset", "constrained",
                "quota.threads", "2", "quota.diskBytes", "1048576"), descriptor);
    }

    @Test
    void valuesAreFilesOnTheDisk() throws IOException {
        KvStore store = store();
        store.put("b", "2");
        store.put("a", "1");
        assertEquals("1", Files.readString(dir.resolve("kv/a")));
        assertEquals("2", store.get("b"));
        assertEquals(List.of("a", "b"), store.keys());
        assertTrue(store.delete("a"));
        assertFalse(store.delete("a"));
        assertNull(store.get("a"));
    }

    @Test
    void theGeneratedStateKeepsTheCounters() throws IOException {
        KvStore store = store();
        store.put("k", "v");
        store.put("last", "v");
        Map<String, byte[]> saved = KvStore$State.save(store);
        KvStore restored = store();
        State state = KvStore$State.of(restored);
        state.restore(saved);
        assertEquals(2, restored.writes);
        assertEquals("last", restored.lastKey);
    }

    @Test
    void mainRunsItsCommandsOnTheConsole() throws IOException {
        System.setProperty("kv.root", dir.resolve("main").toString());
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            KvStore.main(new String[] {"put", "greeting", "hello", "put", "x", "1", "del", "x", "get", "greeting", "list"});
        } finally {
            System.setOut(original);
            System.clearProperty("kv.root");
        }
        assertEquals("hello\ngreeting\n", out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
