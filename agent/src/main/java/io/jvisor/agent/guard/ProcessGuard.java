package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code ProcessBuilder}'s private {@code start(Redirect[])}, which every start of a
 * process passes ({@code start()}, {@code startPipeline}, {@code Runtime.exec}, by any path): the
 * start is decided before, and the process is its guest's after.
 */
final class ProcessGuard {

    private ProcessGuard() {
    }

    @Advice.OnMethodEnter
    static Runnable enter(@Advice.This ProcessBuilder builder) throws java.io.IOException {
        return Guards.processStarting(builder);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Runnable restore, @Advice.Return Process started) {
        if (restore != null) {
            restore.run();
        }
        Guards.processStarted(started);
    }

    /**
     * Woven into {@code ProcessHandleImpl.destroyProcess(boolean)}, where {@code Process.destroy},
     * {@code destroyForcibly} and every {@code ProcessHandle}'s destroy end: a guest may end the
     * processes it started, others only as its policy allows.
     */
    static final class Destroy {

        private Destroy() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This ProcessHandle process) {
            Guards.processDestroying(process);
        }
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

    /**
     * Woven into {@code ProcessHandleImpl.get(long)} ({@code ProcessHandle.of}) and
     * {@code children(long)} ({@code allProcesses()}): a handle to another program's process is
     * decided as a process operation; the JVM itself and the guest's own processes pass.
     */
    static final class Look {

        private Look() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) long pid, @Advice.Origin("#m") String method) {
            Guards.processLooking(pid, method.equals("get"));
        }
    }

    /**
     * Woven into the attach API's {@code HotSpotAttachProvider.listVirtualMachines()}
     * ({@code VirtualMachine.list()}): the machine's JVMs are listed as its processes are.
     */
    static final class MachineLook {

        private MachineLook() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            Guards.processLooking(0L, false);
        }
    }

    /** Woven into {@code ProcessHandleImpl.parent()}, {@code children()} and {@code descendants()}. */
    static final class LookAround {

        private LookAround() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This ProcessHandle process) {
            Guards.processLooking(process.pid(), false);
        }
    }

    /** Woven into {@code ProcessHandleImpl.info()}: of the JVM's own process, a guest reads its own command line. */
    static final class Info {

        private Info() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This ProcessHandle process, @Advice.Return(readOnly = false) ProcessHandle.Info info) {
            info = Guards.processInfo(process, info);
        }
    }

    /**
     * Woven into the methods of the JVM's {@code RuntimeMXBean} ({@code sun.management.RuntimeImpl})
     * that return its options, paths and properties, also reached through the platform MBean server.
     */
    static final class RuntimeBean {

        private RuntimeBean() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Origin("#m") String method,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
            value = Guards.runtimeInformation(method, value);
        }
    }
}
