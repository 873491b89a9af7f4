package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Runtime.addShutdownHook(Thread)}: a guest's hook goes to the guest, not the JVM. */
final class ShutdownHookGuard {

    private ShutdownHookGuard() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) Thread hook) {
        return Guards.shutdownHookAdding(hook);
    }

    /** Woven into {@code Runtime.removeShutdownHook(Thread)}. */
    static final class Removal {

        private Removal() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Boolean enter(@Advice.Argument(0) Thread hook) {
            return Guards.shutdownHookRemoving(hook);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Boolean guests, @Advice.Return(readOnly = false) boolean removed) {
            if (guests != null) {
                removed = guests;
            }
        }
    }
}
