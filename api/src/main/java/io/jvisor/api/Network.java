package io.jvisor.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The network as a guest sees it. Under jvisor a guest reaches what its policy lets it reach, and
 * another guest by the name {@code NAME.jvisor}; in pass-through mode connections are the JDK's
 * sockets, and listeners accept on the loopback address only.
 *
 * <p>Obtained from {@link Hypercalls#network()}; safe to use from any thread of its guest, and may
 * be kept for the guest's lifetime. Every method throws {@link NullPointerException} for a
 * {@code null} host and {@link IllegalArgumentException} for a port outside 0 to 65535.
 */
public interface Network {

    /**
     * Opens a connection.
     *
     * @param host a host name or address
     * @param port the port, 1 to 65535
     * @return the open connection; the caller closes it
     * @throws IOException if it cannot be opened, or the guest may not reach that address
     */
    Connection connect(String host, int port) throws IOException;

    /**
     * Listens for connections on a port.
     *
     * @param port the port, or 0 for any free one
     * @return the listener; the caller closes it
     * @throws IOException if the port is taken, or the guest may not listen on it
     */
    Listener listen(int port) throws IOException;

    /** An open connection: a pair of streams, closed together. */
    interface Connection extends Closeable {

        /** What the other end sends; never {@code null}. */
        InputStream input();

        /** What goes to the other end; never {@code null}. */
        OutputStream output();
    }

    /** A port a guest listens on. */
    interface Listener extends Closeable {

        /** The port it listens on (the one chosen, if 0 was asked for). */
        int port();

        /**
         * Waits for the next connection.
         *
         * @return the accepted connection; the caller closes it
         * @throws IOException if the listener is closed or accepting fails
         */
        Connection accept() throws IOException;
    }
}
