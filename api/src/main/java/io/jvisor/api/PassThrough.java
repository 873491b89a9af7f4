package io.jvisor.api;

import io.jvisor.api.spi.Backend;
import io.jvisor.api.spi.PathDisk;
import io.jvisor.api.spi.Sockets;
import io.jvisor.api.spi.SystemClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The backend of pass-through mode: each hypercall made directly with the JDK, on the host. One
 * object is most devices, since the host has one of each; the disk is a {@link PathDisk} on host
 * paths, the clock the {@link SystemClock}.
 */
final class PassThrough implements Backend, Console, Network, Environment {

    /** The only instance. */
    static final PassThrough JDK = new PassThrough();

    /** The host's files: guest paths are host paths. */
    private static final Disk HOST_DISK = new PathDisk() {
        @Override
        protected Path path(String guestPath, boolean write) {
            return Path.of(guestPath);
        }
    };

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
        return HOST_DISK;
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
        return SystemClock.INSTANCE;
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

    // Network

    @Override
    public Connection connect(String host, int port) throws IOException {
        return Sockets.connection(new Socket(Objects.requireNonNull(host, "host"), port));
    }

    @Override
    public Listener listen(int port) throws IOException {
        return Sockets.listener(new ServerSocket(port, 0, InetAddress.getLoopbackAddress()));
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
}
