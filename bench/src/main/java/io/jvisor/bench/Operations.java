package io.jvisor.bench;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The operations of {@link OperationBenchmark} in plain Java, as a program makes them: the JDK's
 * privileged calls, which a native or SecurityManager fork runs as they are, a jvisor fork traps,
 * and a container's copy of this class (loaded from a jar of its own) runs unchanged. It uses the
 * JDK only, and no class of its own but itself, so that its copy in a container (whose class
 * loader's parent is the platform loader) is this one class, and what crosses back to the
 * benchmark is JDK types.
 */
public final class Operations {

    /** What a console write prints: one short line. */
    static final String LINE = "jvisor benchmark: a short line of output";

    /** How many bytes a file read or write moves, and the size of the file read. */
    static final int SIZE = 4096;

    private static final Runnable NOTHING = () -> { };

    private Operations() {
    }

    /**
     * The operations, by the name of the benchmark method that makes each; a loopback server is
     * opened for the connect, and added to {@code opened} for the caller to close.
     *
     * @param file   a file of {@link #SIZE} bytes, to open and read
     * @param output a file to write (created, then replaced by each write)
     * @param opened what the operations keep open until the caller closes it
     * @return name to operation, in the order of the table
     * @throws IOException if the loopback server cannot be opened
     */
    public static Map<String, Callable<Object>> of(Path file, Path output, List<AutoCloseable> opened) throws IOException {
        File in = file.toFile();
        File out = output.toFile();
        byte[] buffer = new byte[SIZE];
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        opened.add(server);
        Map<String, Callable<Object>> ops = new LinkedHashMap<>();
        ops.put("propertyRead", () -> System.getProperty("java.version"));
        ops.put("consoleWrite", () -> {
            System.out.println(LINE);
            return null;
        });
        ops.put("fileOpenClose", () -> {
            new FileInputStream(in).close();
            return null;
        });
        ops.put("fileRead4k", () -> {
            try (FileInputStream s = new FileInputStream(in)) {
                return s.read(buffer);
            }
        });
        ops.put("fileWrite4k", () -> {
            try (FileOutputStream s = new FileOutputStream(out)) {
                s.write(buffer);
            }
            return null;
        });
        ops.put("fileExists", () -> in.exists());
        ops.put("threadStartJoin", Operations::startAndJoin);
        ops.put("loopbackConnect", () -> connect(server));
        return ops;
    }

    /** Starts a thread that does nothing and waits for its end: plain Java in every mode, paravirtual too. */
    static Object startAndJoin() throws InterruptedException {
        Thread t = new Thread(NOTHING);
        t.start();
        t.join();
        return t;
    }

    /**
     * Connects and accepts on the same thread: the connection waits in the backlog, so no accept
     * queue overflows (which stalls a connect for the 1 s of a SYN retransmission).
     */
    private static Object connect(ServerSocket server) throws IOException {
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            return client.getLocalPort() ^ accepted.getPort();
        }
    }
}
