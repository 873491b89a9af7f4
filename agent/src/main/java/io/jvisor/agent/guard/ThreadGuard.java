package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code Thread.start()} (and, from JDK 21, {@code VirtualThread.start()}), on the
 * starting thread: a thread a guest starts is the guest's even where neither its group nor what it
 * inherits says so (a group outside the guest's, {@code inheritThreadLocals} false).
 */
final class ThreadGuard {

    private ThreadGuard() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread started) {
        Guards.threadStarting(started);
    }
}
