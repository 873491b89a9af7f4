package io.jvisor.api;

import io.jvisor.api.spi.Backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The backend of pass-through mode: each hypercall made directly with the JDK, on the host. One
 * object is every device, since the host has one of each.
 */
final class PassThrough implements Backend, Console, Disk, Network, Environment, Clock {

    /** The only instance. */
    static final PassThrough JDK = new PassThrough();

    private PassThrough() {
    }

    @Override
    public String toString() {
        return "pass-through to the JDK";
    }

    // Backend

    @Override
    public Console console() {
        return this;
    }

    @Override
    public Disk disk() {
        return this;
    }

    @Override
    public Network network() {
        return this;
    }

    @Override
    public Environment environment() {
        return this;
    }

    @Override
    public Clock clock() {
        return this;
    }

    @Override
    public Quotas quotas() {
        return Quotas.NONE;
    }

    @Override
    public void exit(int status) {
        System.exit(status);
    }

    @Override
    public void declareState(String name, State state) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    // Console

    @Override
    public PrintStream out() {
        return System.out;
    }

    @Override
    public PrintStream err() {
        return System.err;
    }

    @Override
    public InputStream in() {
        return System.in;
    }

    // Disk: guest paths are host paths

    private static Path host(String path) {
        return Path.of(Objects.requireNonNull(path, "path"));
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(host(path));
    }

    @Override
    public void write(String path, byte[] data) throws IOException {
        Files.write(host(path), Objects.requireNonNull(data, "data"));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        try (Stream<Path> entries = Files.list(host(directory))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(host(path));
    }

    @Override
    public boolean delete(String path) throws IOException {
        return Files.deleteIfExists(host(path));
    }

    @Override
    public void createDirectories(String path) throws IOException {
        Files.createDirectories(host(path));
    }

    @Override
    public InputStream openInput(String path) throws IOException {
        return Files.newInputStream(host(path));
    }

    @Override
    public OutputStream openOutput(String path, boolean append) throws IOException {
        return append ? Files.newOutputStream(host(path), StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(host(path));
    }

    // Network

    @Override
    public Connection connect(String host, int port) throws IOException {
        return new SocketConnection(new Socket(Objects.requireNonNull(host, "host"), port));
    }

    @Override
    public Listener listen(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 0, InetAddress.getLoopbackAddress());
        return new Listener() {
            @Override
            public int port() {
                return server.getLocalPort();
            }

            @Override
            public Connection accept() throws IOException {
                return new SocketConnection(server.accept());
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }

    /** A connection over a socket; closing it closes the socket and both streams. */
    private static final class SocketConnection implements Connection {
        private final Socket socket;
        private final InputStream input;
        private final OutputStream output;

        SocketConnection(Socket socket) throws IOException {
            this.socket = socket;
            try {
                this.input = socket.getInputStream();
                this.output = socket.getOutputStream();
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        @Override
        public InputStream input() {
            return input;
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // Environment

    @Override
    public String property(String name) {
        return System.getProperty(name);
    }

    @Override
    public String setProperty(String name, String value) {
        return System.setProperty(name, value);
    }

    @Override
    public String clearProperty(String name) {
        return System.clearProperty(name);
    }

    @Override
    public String getenv(String name) {
        return System.getenv(name);
    }

    // Clock

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
