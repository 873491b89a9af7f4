package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code Thread.start()} (and, from JDK 21, {@code start(ThreadContainer)} of
 * {@code Thread} and of {@code VirtualThread}, where the JDK starts a fork-join pool's workers, a
 * thread-per-task executor's threads and every virtual thread), on the starting thread: a thread a guest starts is the guest's even where neither its group nor what it
 * inherits says so (a group outside the guest's, {@code inheritThreadLocals} false); one the JDK
 * starts for every program forgets the inheritable thread-local values of the program whose call
 * made it, whose {@code childValue} would otherwise run in every thread it makes for another.
 */
final class ThreadGuard {

    private ThreadGuard() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread started, @Advice.FieldValue(value = "inheritableThreadLocals", readOnly = false,
            typing = Assigner.Typing.DYNAMIC) Object inherited) {
        if (Guards.threadStarting(started)) {
            inherited = null;
        }
    }

    /** On {@code VirtualThread.start(ThreadContainer)}, where its {@code start()} ends: the JDK starts none for every program. */
    static final class Virtual {

        private Virtual() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Thread started) {
            Guards.threadStarting(started);
        }
    }

    /**
     * On {@code VirtualThread}'s constructor given no scheduler, where the JDK would take the JVM's
     * one scheduler on a platform thread: a hosted guest's virtual threads run on its own, whose
     * busy or pinned threads then hold no carrier another program's need.
     */
    static final class Scheduler {

        private Scheduler() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) java.util.concurrent.Executor scheduler) {
            if (scheduler == null) {
                scheduler = Guards.virtualThreadScheduler();
            }
        }
    }

    /**
     * Left by the RMI runtime's {@code NewThreadAction.run()} (JDK 17 to 23) and
     * {@code RuntimeUtil.newThread} (JDK 24 and later): the thread it made (to accept, to serve
     * a connection, to collect) is one of the JVM's for every program, whichever program's call made it.
     */
    static final class ServiceThread {

        private ServiceThread() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return Thread made) {
            Guards.serviceThreadMade(made);
        }
    }
}
