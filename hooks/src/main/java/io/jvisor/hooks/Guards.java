package io.jvisor.hooks;

/**
 * Entry points for the guards that jvisor's agent weaves into JDK methods themselves (callee side),
 * where every path to a privileged operation must pass, trapped or not. Each forwards to the
 * installed {@link TrapHandler}; before one is installed, the guards are not woven in.
 */
public final class Guards {

    private Guards() {
    }

    /** Entered at the start of {@code Runtime.exit} and {@code Runtime.halt}. */
    public static void exitRequested(int status, boolean halt) {
        Traps.handler().exitRequested(status, halt);
    }

    /** Entered at the start of {@code Runtime.addShutdownHook}; {@code true} skips the JDK's code. */
    public static boolean shutdownHookAdding(Thread hook) {
        return Traps.handler().shutdownHookAdding(hook);
    }

    /** Entered at the start of {@code Runtime.removeShutdownHook}; non-{@code null} skips the JDK's code. */
    public static Boolean shutdownHookRemoving(Thread hook) {
        return Traps.handler().shutdownHookRemoving(hook);
    }

    /** Entered where {@code ProcessBuilder} starts each process; throws if the start is denied. */
    public static void processStarting(ProcessBuilder builder) throws java.io.IOException {
        Traps.handler().processStarting(builder);
    }

    /** Entered as {@code ProcessBuilder.environment()} returns its map. */
    public static void processEnvironmentReturned(ProcessBuilder builder, java.util.Map<String, String> environment) {
        Traps.handler().processEnvironmentReturned(builder, environment);
    }

    /** Entered where every TCP connection is made; throws the ConnectException of a refused one. */
    public static void connecting(java.net.InetAddress address, int port) throws java.io.IOException {
        Traps.handler().connecting(address, port);
    }

    /** Entered where every datagram is sent; throws the SocketException of a refused send. */
    public static void sending(java.net.SocketAddress target) throws java.io.IOException {
        Traps.handler().sending(target);
    }

    /**
     * Entered where every name lookup goes to the name service; throws the UnknownHostException of
     * a refused one, returns the addresses of a name the hypervisor answers itself (else {@code null}).
     */
    public static java.net.InetAddress[] resolving(String host) throws java.net.UnknownHostException {
        return Traps.handler().resolving(host);
    }

    /** Entered at {@code InetAddress.getLocalHost()}: the guest's own address, or {@code null} for the host's. */
    public static java.net.InetAddress localHost() throws java.net.UnknownHostException {
        return Traps.handler().localHost();
    }

    /**
     * Entered where every socket is bound; throws the BindException of a refused bind, returns the
     * address to bind.
     */
    public static java.net.InetAddress binding(java.net.InetAddress address, int port) throws java.io.IOException {
        return Traps.handler().binding(address, port);
    }

    /** Entered when a bind succeeded. */
    public static void bound(java.net.InetAddress address, int port) {
        Traps.handler().bound(address, port);
    }

    /** Entered at the start of {@code System.setIn/setOut/setErr}; {@code true} skips the JDK's code. */
    public static boolean stdioReplacing(int stream, Object replacement) {
        return Traps.handler().stdioReplacing(stream, replacement);
    }
}
