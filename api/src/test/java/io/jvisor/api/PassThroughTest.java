package io.jvisor.api;

import io.jvisor.api.spi.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pass-through chosen by the program: each hypercall is the JDK's own operation on the host. */
class PassThroughTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void choosePassThrough() {
        Hypercalls.passThrough();
    }

    private String at(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void choosingItAgainChangesNothing() {
        Hypercalls.passThrough();
        assertSame(PassThrough.JDK, Backends.installed().orElseThrow());
        assertFalse(Hypercalls.virtualised());
    }

    @Test
    void aBackendCannotBeInstalledAfterIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.install(PassThrough.JDK));
        assertEquals("jvisor: hypercalls are bound already, to pass-through to the JDK", e.getMessage());
    }

    @Test
    void theConsoleIsTheJvmsStandardStreams() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Hypercalls.console().out().print("to standard output");
        } finally {
            System.setOut(original);
        }
        assertEquals("to standard output", captured.toString(StandardCharsets.UTF_8));
        assertSame(System.err, Hypercalls.console().err());
        assertSame(System.in, Hypercalls.console().in());
    }

    @Test
    void bytesAndTextGoToHostFiles() throws IOException {
        Disk disk = Hypercalls.disk();
        disk.write(at("a.bin"), new byte[] {1, 2, 3});
        disk.writeString(at("b.txt"), "grüße");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("a.bin")));
        assertEquals("grüße", Files.readString(dir.resolve("b.txt")));
        assertArrayEquals(new byte[] {1, 2, 3}, disk.read(at("a.bin")));
        assertEquals("grüße", disk.readString(at("b.txt")));
    }

    @Test
    void directoriesAreCreatedListedAndDeleted() throws IOException {
        Disk disk = Hypercalls.disk();
        disk.createDirectories(at("x/y"));
        disk.writeString(at("x/b"), "");
        disk.writeString(at("x/a"), "");
        assertEquals(List.of("a", "b", "y"), disk.list(at("x")));
        assertTrue(disk.exists(at("x/y")));
        assertTrue(disk.delete(at("x/y")));
        assertFalse(disk.exists(at("x/y")));
        assertFalse(disk.delete(at("x/y")));
        assertThrows(NoSuchFileException.class, () -> disk.read(at("x/y")));
    }

    @Test
    void streamsAppendOrReplace() throws IOException {
        Disk disk = Hypercalls.disk();
        try (OutputStream out = disk.openOutput(at("log"), false)) {
            out.write("one ".getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = disk.openOutput(at("log"), true)) {
            out.write("two".getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = disk.openInput(at("log"))) {
            assertEquals("one two", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (OutputStream out = disk.openOutput(at("log"), false)) {
            out.write('3');
        }
        assertEquals("3", disk.readString(at("log")));
    }

    @Test
    void propertiesAreTheJvmsAndTheEnvironmentIsTheProcesss() {
        Environment env = Hypercalls.environment();
        assertNull(env.setProperty("jvisor.api.test", "1"));
        assertEquals("1", System.getProperty("jvisor.api.test"));
        assertEquals("1", env.property("jvisor.api.test"));
        assertEquals("1", env.clearProperty("jvisor.api.test"));
        assertNull(env.property("jvisor.api.test"));
        assertEquals(System.getenv("PATH"), env.getenv("PATH"));
        assertThrows(NullPointerException.class, () -> env.setProperty("jvisor.api.test", null));
    }

    @Test
    void aConnectionReachesAListenerOnLoopback() throws Exception {
        Network network = Hypercalls.network();
        try (Network.Listener listener = network.listen(0)) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Network.Connection c = listener.accept()) {
                    return new String(c.input().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Network.Connection c = network.connect("localhost", listener.port())) {
                c.output().write("ping".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("ping", received.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theClockIsTheJvms() {
        long before = System.currentTimeMillis();
        long millis = Hypercalls.clock().currentTimeMillis();
        assertTrue(millis >= before && millis <= System.currentTimeMillis());
        long nanos = Hypercalls.clock().nanoTime();
        assertTrue(Hypercalls.clock().nanoTime() >= nanos);
    }

    @Test
    void nothingIsMeteredOrLimited() {
        assertEquals(Quotas.NONE, Hypercalls.quotas());
        assertFalse(Hypercalls.quotas().diskBytes().limited());
    }

    @Test
    void declaringStateChecksItsArguments() {
        assertThrows(NullPointerException.class, () -> Hypercalls.declareState("s", null));
    }
}
