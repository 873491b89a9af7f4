package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven where the JDK lists the JVM's threads: {@code Thread.getAllStackTraces()}, the counts and
 * enumerations of {@code ThreadGroup}, and the JVM's {@code ThreadMXBean} (also reached through the
 * platform MBean server); and where a thread group acts on its threads. A guest sees and reaches
 * its own threads there, never the host's or another guest's; and its stack traces show no frame
 * of jvisor's where natively there is none.
 */
final class ThreadViewGuard {

    private ThreadViewGuard() {
    }

    /** On {@code Thread.getAllStackTraces()}. */
    static final class StackTraces {

        private StackTraces() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) java.util.Map<Thread, StackTraceElement[]> traces) {
            traces = Guards.stackTracesListed(traces);
        }
    }

    /** On {@code Throwable.getOurStackTrace()}, where every stack trace is read (printed, asked for, serialised). */
    static final class OwnStackTrace {

        private OwnStackTrace() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) StackTraceElement[] trace) {
            trace = Guards.stackTraceShown(trace);
        }
    }

    /** Left by the counts and enumerations of {@code ThreadGroup}: the count the hypervisor answered instead, if it did. */
    static final class Answered {

        private Answered() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Integer answered, @Advice.Return(readOnly = false) int count) {
            if (answered != null) {
                count = answered;
            }
        }
    }

    /** Entered at {@code ThreadGroup.activeCount()}. */
    static final class Count {

        private Count() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Integer enter(@Advice.This ThreadGroup group) {
            return Guards.threadsInGroup(group, null, true);
        }
    }

    /** Entered at {@code ThreadGroup.enumerate(Thread[])}, which recurses. */
    static final class Enumerate {

        private Enumerate() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Integer enter(@Advice.This ThreadGroup group, @Advice.Argument(0) Thread[] list) {
            return Guards.threadsInGroup(group, list, true);
        }
    }

    /** Entered at {@code ThreadGroup.enumerate(Thread[], boolean)}. */
    static final class EnumerateRecursing {

        private EnumerateRecursing() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Integer enter(@Advice.This ThreadGroup group, @Advice.Argument(0) Thread[] list, @Advice.Argument(1) boolean recurse) {
            return Guards.threadsInGroup(group, list, recurse);
        }
    }

    /** Entered at {@code ThreadGroup.activeGroupCount()}. */
    static final class GroupCount {

        private GroupCount() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Integer enter(@Advice.This ThreadGroup group) {
            return Guards.groupsInGroup(group, null, true);
        }
    }

    /** Entered at {@code ThreadGroup.enumerate(ThreadGroup[])}, which recurses. */
    static final class EnumerateGroups {

        private EnumerateGroups() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Integer enter(@Advice.This ThreadGroup group, @Advice.Argument(0) ThreadGroup[] list) {
            return Guards.groupsInGroup(group, list, true);
        }
    }

    /** Entered at {@code ThreadGroup.enumerate(ThreadGroup[], boolean)}. */
    static final class EnumerateGroupsRecursing {

        private EnumerateGroupsRecursing() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Integer enter(@Advice.This ThreadGroup group, @Advice.Argument(0) ThreadGroup[] list,
                @Advice.Argument(1) boolean recurse) {
            return Guards.groupsInGroup(group, list, recurse);
        }
    }

    /** On {@code ThreadGroup.list()}. */
    static final class List {

        private List() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This ThreadGroup group) {
            return Guards.threadGroupListing(group);
        }
    }

    /** Entered at {@code ThreadGroup}'s methods that act on its threads or itself ({@code interrupt}, {@code setMaxPriority} ...). */
    static final class Act {

        private Act() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This ThreadGroup group, @Advice.Origin("#m") String method) {
            return Guards.threadGroupActing(group, method);
        }
    }

    /** On {@code ThreadImpl.getAllThreadIds()}. */
    static final class Ids {

        private Ids() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) long[] ids) {
            ids = Guards.threadIdsListed(ids);
        }
    }

    /** On {@code ThreadImpl.findDeadlockedThreads()} and {@code findMonitorDeadlockedThreads()}. */
    static final class Deadlocked {

        private Deadlocked() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) long[] ids) {
            ids = Guards.deadlockedThreadsListed(ids);
        }
    }

    /** On {@code ThreadImpl.getThreadInfo(long[], ...)}, where every look-up by id arrives. */
    static final class Infos {

        private Infos() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) long[] ids) {
            ids = Guards.threadIdsAsked(ids);
        }
    }

    /** On {@code ThreadImpl.dumpAllThreads(boolean, boolean, int)}, where {@code dumpAllThreads(boolean, boolean)} arrives. */
    static final class Dump {

        private Dump() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) java.lang.management.ThreadInfo[] infos) {
            infos = Guards.threadInfosListed(infos);
        }
    }

    /** On {@code ThreadImpl.getThreadCount()} and {@code getDaemonThreadCount()}. */
    static final class Counts {

        private Counts() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Origin("#m") String method, @Advice.Return(readOnly = false) int count) {
            count = Guards.threadCountListed(count, method.equals("getDaemonThreadCount"));
        }
    }

    /** On {@code ThreadImpl.getPeakThreadCount()}. */
    static final class Peak {

        private Peak() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) int count) {
            count = (int) Guards.threadTotalListed(count, true);
        }
    }

    /** On {@code ThreadImpl.getTotalStartedThreadCount()}. */
    static final class TotalStarted {

        private TotalStarted() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) long count) {
            count = Guards.threadTotalListed(count, false);
        }
    }

    /** On {@code ThreadImpl.resetPeakThreadCount()}: a guest resets its own peak, never the JVM's. */
    static final class ResetPeak {

        private ResetPeak() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter() {
            return Guards.threadPeakResetting();
        }
    }
}
