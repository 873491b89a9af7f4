package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

import java.net.InetAddress;

/**
 * Woven into {@code sun.nio.ch.Net.connect} and {@code bind}, where every TCP connection and
 * every bind of {@code Socket}, {@code ServerSocket}, the NIO channels, {@code DatagramSocket},
 * {@code URL} connections and {@code HttpClient} ends up.
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

    /** On {@code InetAddress.getAddressesFromNameService(String, ...)}, where lookups leave the JVM. */
    static final class Resolve {

        private Resolve() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String host) throws java.net.UnknownHostException {
            Guards.resolving(host);
        }
    }

    /** On {@code bind(ProtocolFamily, FileDescriptor, InetAddress, int)}. */
    static final class Bind {

        private Bind() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) throws java.io.IOException {
            Guards.binding(address, port);
        }
    }
}
