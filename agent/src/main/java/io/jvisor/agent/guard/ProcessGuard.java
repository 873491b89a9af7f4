package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ProcessBuilder}'s private {@code start(Redirect[])}, which every start of a
 * process passes ({@code start()}, {@code startPipeline}, {@code Runtime.exec}, by any path).
 */
final class ProcessGuard {

    private ProcessGuard() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This ProcessBuilder builder) throws java.io.IOException {
        Guards.processStarting(builder);
    }

    /** Woven into {@code ProcessBuilder.environment()}: a guest's builder starts with the guest's environment. */
    static final class Environment {

        private Environment() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This ProcessBuilder builder, @Advice.Return java.util.Map<String, String> environment) {
            Guards.processEnvironmentReturned(builder, environment);
        }
    }
}
