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

    /** The same for the JVM's management entry points that act natively (diagnostic commands, attach). */
    static final class Management {

        private Management() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String method) {
            Guards.managementCalled(method);
        }
    }

    /** On the JVM's MBean servers' register, unregister, set and invoke. */
    static final class MBeanServer {

        private MBeanServer() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String method) {
            Guards.mbeanServerChanging(method);
        }
    }
}
