package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code System.setIn}, {@code setOut} and {@code setErr}: a guest that reaches them
 * replaces its own stream, never the JVM's.
 */
final class StdioGuard {

    private StdioGuard() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) Object replacement, @Advice.Origin("#m") String method) {
        int stream = method.equals("setIn") ? 0 : method.equals("setOut") ? 1 : 2;
        return Guards.stdioReplacing(stream, replacement);
    }
}
