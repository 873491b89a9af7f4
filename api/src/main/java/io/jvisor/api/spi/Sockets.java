package io.jvisor.api.spi;

import io.jvisor.api.Network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;

/** The {@link Network} devices of a backend over the JDK's sockets. For backends; a guest never uses it. */
public final class Sockets {

    private Sockets() {
    }

    /**
     * A connection over a connected socket; closing it closes the socket and both streams.
     *
     * @param socket the socket, not {@code null}; closed if its streams cannot be had
     * @return the connection
     * @throws IOException if the socket's streams cannot be had
     */
    public static Network.Connection connection(Socket socket) throws IOException {
        return new SocketConnection(Objects.requireNonNull(socket, "socket"));
    }

    /**
     * A listener over a bound server socket; closing it closes the server socket.
     *
     * @param server the server socket, not {@code null}
     * @return the listener, whose connections are {@link #connection} ones
     */
    public static Network.Listener listener(ServerSocket server) {
        Objects.requireNonNull(server, "server");
        return new Network.Listener() {
            @Override
            public int port() {
                return server.getLocalPort();
            }

            @Override
            public Network.Connection accept() throws IOException {
                return connection(server.accept());
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }

    private static final class SocketConnection implements Network.Connection {
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
}
