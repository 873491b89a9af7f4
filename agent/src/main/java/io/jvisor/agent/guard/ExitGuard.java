package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code Runtime.exit(int)} and {@code Runtime.halt(int)}: every exit of the JVM, by
 * whatever path, first asks the hypervisor, which lets the host's own exits through.
 */
final class ExitGuard {

    private ExitGuard() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) int status, @Advice.Origin("#m") String method) {
        Guards.exitRequested(status, "halt".equals(method));
    }
}
