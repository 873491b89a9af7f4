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
}
