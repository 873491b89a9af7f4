package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

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

    /** Left by {@code jdk.internal.misc.Signal.handle}, where a handler was installed: the guest's until it ends. */
    static final class SignalHandled {

        private SignalHandled() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) Object signal, @Advice.Argument(1) Object handler, @Advice.Return Object replaced) {
            Guards.signalHandled(java.lang.invoke.MethodHandles.lookup(), signal, handler, replaced);
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
