package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.net.InetAddress;

/**
 * Woven into {@code sun.nio.ch.Net.connect} and {@code bind}, where every TCP connection and
 * every bind of {@code Socket}, {@code ServerSocket}, the NIO channels, {@code DatagramSocket},
 * {@code URL} connections and {@code HttpClient} ends up; into the datagram channel's send; and
 * into the name lookups of {@code InetAddress}.
 */
final class NetworkGuard {

    private NetworkGuard() {
    }

    /** On {@code connect(ProtocolFamily, FileDescriptor, InetAddress, int)}. */
    static final class Connect {

        private Connect() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) throws java.io.IOException {
            Guards.connecting(address, port);
        }
    }

    /** On {@code DatagramChannelImpl.send(ByteBuffer, SocketAddress)}, where every datagram leaves. */
    static final class Send {

        private Send() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) java.net.SocketAddress target) throws java.io.IOException {
            Guards.sending(target);
        }
    }

    /**
     * On {@code InetAddress.getAllByName0(String, ...)}, where every lookup by name starts, before the
     * JDK's cache of lookups. The hypervisor may answer a lookup itself (a guest's name): then the
     * cache and the name service are skipped.
     */
    static final class Resolve {

        private Resolve() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static InetAddress[] enter(@Advice.Argument(0) String host) throws java.net.UnknownHostException {
            return Guards.resolving(host);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) String host, @Advice.Enter InetAddress[] answered,
                @Advice.Return(readOnly = false) InetAddress[] addresses) {
            if (answered != null) {
                addresses = answered;
            } else if (addresses != null) {
                Guards.resolved(host, addresses);
            }
        }
    }

    /**
     * On {@code Net.checkAddress(SocketAddress)} and {@code NioSocketImpl.connect(SocketAddress, int)},
     * where a channel's and a socket's connect to an address that could not be resolved fail: a
     * failure because jvisor refused the look-up says so.
     */
    static final class Unresolved {

        private Unresolved() {
        }

        @Advice.OnMethodExit(onThrowable = Exception.class)
        static void exit(@Advice.Argument(0) java.net.SocketAddress address, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown != null) {
                thrown = Guards.unresolvedAddressFailed(thrown, address);
            }
        }
    }

    /**
     * On {@code KeepAliveCache.put(URL, Object, HttpClient)} and {@code get(URL, Object)}, the JDK's
     * JVM-wide cache of HTTP connections kept alive: a guest's connections are kept under keys of
     * its own.
     */
    static final class ConnectionCache {

        private ConnectionCache() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object key) {
            key = Guards.connectionCacheKey(key);
        }
    }

    /**
     * On RMI's {@code TCPChannel.newConnection()}: a guest takes none of the free connections the
     * JDK keeps per endpoint for every program (another program's, which skip the connect its
     * policy decides); it makes its own.
     */
    static final class RmiConnection {

        private RmiConnection() {
        }

        @Advice.OnMethodEnter
        static java.util.List<Object> enter(@Advice.FieldValue(value = "freeList", typing = Assigner.Typing.DYNAMIC)
                java.util.List<Object> free) {
            return Guards.pooledConnectionsHidden(free);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter java.util.List<Object> hidden,
                @Advice.FieldValue(value = "freeList", typing = Assigner.Typing.DYNAMIC) java.util.List<Object> free) {
            if (hidden != null) {
                Guards.pooledConnectionsRestored(free, hidden);
            }
        }
    }

    /** On RMI's {@code UnicastServerRef.exportObject(Remote, Object, boolean)}: a guest's remote object is its. */
    static final class RmiExport {

        private RmiExport() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object impl) {
            Guards.remoteObjectExported(impl);
        }
    }

    /**
     * On RMI's {@code UnicastServerRef.dispatch(Remote, RemoteCall)}, on the thread that serves the
     * call: a call of a guest's remote object is the guest's work (the JDK's objects it serves too,
     * such as the JVM's MXBeans in an MBean server of its own, which run no code of its).
     */
    static final class RmiDispatch {

        private RmiDispatch() {
        }

        @Advice.OnMethodEnter
        static Runnable enter(@Advice.Argument(0) Object impl) {
            return Guards.remoteCallEntered(impl);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Runnable served) {
            if (served != null) {
                served.run();
            }
        }
    }

    /** On RMI's {@code TCPChannel.free(Connection, boolean)}: a guest's connection is closed after use, left to no other program. */
    static final class RmiConnectionFreed {

        private RmiConnectionFreed() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 1, readOnly = false) boolean reuse) {
            if (reuse && Guards.ownConnectionsOnly()) {
                reuse = false;
            }
        }
    }

    /**
     * On {@code CUPSPrinter.isCupsRunning()}, where {@code javax.print}'s look-up of printers has
     * the JDK's native code (the host's libcups) connect to the CUPS server the host configured:
     * for a program whose policy refuses that connect, CUPS is not running, and no native
     * connection is made (before, a guest denied every connect made fourteen).
     */
    static final class Cups {

        private Cups() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.FieldValue("cupsServer") String server, @Advice.FieldValue("cupsPort") int port) {
            return !Guards.nativeConnectAllowed(server, port);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter boolean refused, @Advice.Return(readOnly = false) boolean running) {
            if (refused) {
                running = false;
            }
        }
    }

    /** Left by JNDI's {@code LdapPoolManager.isPoolingAllowed}: a guest's LDAP connections are never pooled, with other programs' or its own. */
    static final class LdapPooling {

        private LdapPooling() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) boolean allowed) {
            if (allowed && Guards.ownConnectionsOnly()) {
                allowed = false;
            }
        }
    }

    /**
     * Left by JDK 17's {@code AuthenticatorKeys.getKey(Authenticator)}: the key under which the
     * credentials of the JVM's default authenticator are kept is, for a guest, one of its own.
     */
    static final class CredentialsKey {

        private CredentialsKey() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) java.net.Authenticator given, @Advice.Return(readOnly = false) String key) {
            if (given == null) {
                key = Guards.defaultCredentialsKey(key);
            }
        }
    }

    /** Left by {@code AuthCacheImpl.getDefault()} (JDK 18 and later): for a guest, a cache of credentials of its own. */
    static final class Credentials {

        private Credentials() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object cache)
                throws ReflectiveOperationException {
            Object own = Guards.defaultCredentials(cache);
            if (own == null) {
                // made here, in the JDK's class: nothing outside the JDK may make one
                own = Guards.keepDefaultCredentials(cache.getClass().getConstructor().newInstance());
            }
            cache = own;
        }
    }

    /**
     * On {@code InetAddress.getHostFromNameService}, where every lookup of an address's name
     * starts: a guest's is decided as a lookup by name, and a refused one answers the address's
     * text, as a failed lookup does.
     */
    static final class ReverseLookup {

        private ReverseLookup() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static String enter(@Advice.Argument(0) InetAddress address) {
            return Guards.reverseResolving(address);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter String answered, @Advice.Return(readOnly = false) String name) {
            if (answered != null) {
                name = answered;
            }
        }
    }

    /**
     * On {@code InetAddress.isReachable(NetworkInterface, int, int)}, whose echo request (ICMP, or
     * TCP to port 7) leaves from native code: decided as a connection to the echo port.
     */
    static final class Reachable {

        private Reachable() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This InetAddress address) throws java.io.IOException {
            Guards.connecting(address, 7);
        }
    }

    /** On {@code InetAddress.getLocalHost()}: a guest's own host is its name on loopback. */
    static final class LocalHost {

        private LocalHost() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static InetAddress enter() throws java.net.UnknownHostException {
            return Guards.localHost();
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter InetAddress answered, @Advice.Return(readOnly = false) InetAddress address) {
            if (answered != null) {
                address = answered;
            }
        }
    }

    /**
     * On {@code bind(ProtocolFamily, FileDescriptor, InetAddress, int)}. The hypervisor may bind
     * elsewhere than asked (a guest's wildcard bind goes to loopback), and learns of every bind
     * that succeeded.
     */
    static final class Bind {

        private Bind() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 2, readOnly = false) InetAddress address, @Advice.Argument(3) int port)
                throws java.io.IOException {
            address = Guards.binding(address, port);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(1) java.io.FileDescriptor fd, @Advice.Argument(2) InetAddress address,
                @Advice.Argument(3) int port) {
            // inlined into Net: its own lookup, by which the port a bind to port 0 got is found
            Guards.bound(java.lang.invoke.MethodHandles.lookup(), fd, address, port);
        }
    }
}
