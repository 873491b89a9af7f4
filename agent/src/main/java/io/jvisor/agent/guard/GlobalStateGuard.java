package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the JDK's setters of state that every program in the JVM shares (URL and socket
 * factories, security providers and properties, network defaults, the security manager): a guest
 * may not change the host's world.
 */
final class GlobalStateGuard {

    private GlobalStateGuard() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#t.#m") String method) {
        Guards.globalStateChanging(method);
    }

    /** On the JVM-wide switches of the management beans, with the value switched to. */
    static final class Switch {

        private Switch() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) boolean on) {
            Guards.jvmSwitching(method, on);
        }
    }

    /**
     * On {@code jdk.internal.misc.Signal.handle}: a handler goes among a guest's own signals, or is
     * installed for the JVM's process, the guest's (where its policy allows it) until it ends.
     */
    static final class SignalHandling {

        private SignalHandling() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object[] enter(@Advice.Argument(0) Object signal, @Advice.Argument(1) Object handler) {
            return Guards.signalHandling(java.lang.invoke.MethodHandles.lookup(), signal, handler);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) Object signal, @Advice.Argument(1) Object handler, @Advice.Enter Object[] own,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object replaced) {
            if (own != null) {
                replaced = own[0];
            } else {
                Guards.signalHandled(java.lang.invoke.MethodHandles.lookup(), signal, handler, replaced);
            }
        }
    }

    /** On {@code jdk.internal.misc.Signal.raise}: a guest's signal goes to its own handlers, not to the JVM's process. */
    static final class SignalRaising {

        private SignalRaising() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Object signal) {
            return Guards.signalRaising(java.lang.invoke.MethodHandles.lookup(), signal);
        }
    }

    /** The same for the JVM's management entry points that act natively (diagnostic commands, attach). */
    static final class Management {

        private Management() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String method) {
            Guards.managementCalled(method);
        }
    }

    /** On the MBean servers' register, unregister, set and invoke, with the server they serve. */
    static final class MBeanServer {

        private MBeanServer() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String method, @Advice.FieldValue("server") javax.management.MBeanServer server) {
            Guards.mbeanServerChanging(method, server);
        }
    }
}
