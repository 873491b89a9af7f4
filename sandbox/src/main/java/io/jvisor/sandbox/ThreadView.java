package io.jvisor.sandbox;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * What a hosted guest sees of the JVM's threads: its own, as a process sees its own threads and
 * not another's. {@code Thread.getAllStackTraces()}, a thread group's counts and enumerations
 * beyond the guest's own group, and the JVM's {@code ThreadMXBean} show the guest's threads only,
 * each look decided as the operation {@value #OPERATION}; a group's interrupt beyond its own group
 * reaches its own threads only. Within its own thread group a guest counts, enumerates and acts as
 * the JDK does: every thread there is its own.
 */
final class ThreadView {

    /** The policy operation that decides a look at the JVM's threads. */
    static final String OPERATION = "thread-read";

    /** An id no thread has: what the guest asks about another program's thread becomes a look at no thread. */
    private static final long NO_THREAD = Long.MAX_VALUE;

    /** The guest a thread works for by its group, its scope or its start; {@code null} for a thread the JDK shares. */
    private final Function<Thread, Guest> guestOfThread;

    ThreadView(Function<Thread, Guest> guestOfThread) {
        this.guestOfThread = guestOfThread;
    }

    Map<Thread, StackTraceElement[]> stackTraces(Guest g, Map<Thread, StackTraceElement[]> traces) {
        decide(g);
        Map<Thread, StackTraceElement[]> own = new HashMap<>();
        traces.forEach((thread, trace) -> {
            if (isOwn(g, thread)) {
                own.put(thread, trace);
            }
        });
        return own;
    }

    /** {@code -1} within the guest's own group, where the JDK proceeds; else the guest's threads in the group. */
    int threads(Guest g, ThreadGroup group, Thread[] list, boolean recurse) {
        if (isOwnGroup(g, group)) {
            return -1;
        }
        decide(g);
        List<Thread> own = new ArrayList<>();
        for (Thread t : allThreads(group, recurse)) {
            if (isOwn(g, t)) {
                own.add(t);
            }
        }
        return fill(own, list);
    }

    /** {@code -1} within the guest's own group; else the guest's own groups in the group. */
    int groups(Guest g, ThreadGroup group, ThreadGroup[] list, boolean recurse) {
        if (isOwnGroup(g, group)) {
            return -1;
        }
        decide(g);
        List<ThreadGroup> own = new ArrayList<>();
        for (ThreadGroup sub : all(group, recurse, ThreadGroup[]::new, ThreadGroup::activeGroupCount, ThreadGroup::enumerate)) {
            if (isOwnGroup(g, sub)) {
                own.add(sub);
            }
        }
        return fill(own, list);
    }

    /** Prints a group beyond the guest's own as the guest sees it: the group, and its own threads in it. */
    boolean list(Guest g, ThreadGroup group) {
        if (isOwnGroup(g, group)) {
            return false;
        }
        decide(g);
        java.io.PrintStream out = g.stdout();
        out.println(group);
        for (Thread t : allThreads(group, true)) {
            if (isOwn(g, t)) {
                out.println("    " + t);
            }
        }
        return true;
    }

    /**
     * A guest's call of a method of a group beyond its own that acts on the group's threads or on
     * the group: an interrupt interrupts the guest's own threads there, and is done; any other
     * changes every program's threads or groups, and is decided as JVM-wide state.
     *
     * @return whether the call has been done
     */
    boolean act(Guest g, ThreadGroup group, String method) {
        if (isOwnGroup(g, group)) {
            return false;
        }
        if (!method.equals("interrupt")) {
            g.require("global-state", "call ThreadGroup." + method + " of a group that holds other programs' threads");
            return false;
        }
        decide(g);
        for (Thread t : allThreads(group, true)) {
            if (isOwn(g, t)) {
                t.interrupt();
            }
        }
        return true;
    }

    long[] ids(Guest g, long[] ids) {
        decide(g);
        Set<Long> own = ownIds(g);
        return Arrays.stream(ids).filter(own::contains).toArray();
    }

    long[] asked(Guest g, long[] ids) {
        decide(g);
        Set<Long> own = ownIds(g);
        return Arrays.stream(ids).map(id -> own.contains(id) ? id : NO_THREAD).toArray();
    }

    ThreadInfo[] infos(Guest g, ThreadInfo[] infos) {
        decide(g);
        Set<Long> own = ownIds(g);
        return Arrays.stream(infos).filter(i -> i != null && own.contains(i.getThreadId())).toArray(ThreadInfo[]::new);
    }

    int count(Guest g, boolean daemon) {
        decide(g);
        return (int) ownThreads(g).stream().filter(t -> !daemon || t.isDaemon()).count();
    }

    /** The most threads the guest had live at once since it last reset its peak, as the JVM counts its own. */
    int peak(Guest g) {
        decide(g);
        return Math.max(g.threadPeak(), ownThreads(g).size());
    }

    /** The threads started for the guest, its main thread among them. */
    long started(Guest g) {
        decide(g);
        return g.threadsStarted();
    }

    /** Resets the guest's peak to its live threads, as {@code resetPeakThreadCount} does the JVM's. */
    void resetPeak(Guest g) {
        decide(g);
        g.resetThreadPeak(ownThreads(g).size());
    }

    private static void decide(Guest g) {
        g.require(OPERATION, "list the JVM's threads");
    }

    private boolean isOwn(Guest g, Thread t) {
        return guestOfThread.apply(t) == g;
    }

    /** Whether a group is the guest's thread group or one below it, where every thread is the guest's. */
    private static boolean isOwnGroup(Guest g, ThreadGroup group) {
        for (ThreadGroup up = group; up != null; up = up.getParent()) {
            if (up instanceof GuestThreads) {
                return ((GuestThreads) up).guest() == g;
            }
        }
        return false;
    }

    /** The guest's live platform threads, as the JVM's {@code ThreadMXBean} counts threads. */
    private List<Thread> ownThreads(Guest g) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        List<Thread> own = new ArrayList<>();
        for (Thread t : allThreads(root, true)) {
            if (isOwn(g, t)) {
                own.add(t);
            }
        }
        return own;
    }

    private Set<Long> ownIds(Guest g) {
        Set<Long> ids = new HashSet<>();
        for (Thread t : ownThreads(g)) {
            ids.add(t.getId());
        }
        return ids;
    }

    private static List<Thread> allThreads(ThreadGroup group, boolean recurse) {
        return all(group, recurse, Thread[]::new, ThreadGroup::activeCount, ThreadGroup::enumerate);
    }

    /** The JDK's own enumeration, which the guards let through while the hypervisor makes it. */
    private static <T> List<T> all(ThreadGroup group, boolean recurse, IntFunction<T[]> array,
            ToIntFunction<ThreadGroup> estimate, Enumeration<T> enumerate) {
        return TrapDispatcher.delegateUnchecked(() -> {
            T[] found;
            int n;
            do {
                found = array.apply(estimate.applyAsInt(group) * 2 + 8);
                n = enumerate.into(group, found, recurse);
            } while (n == found.length);
            return List.of(Arrays.copyOf(found, n));
        });
    }

    /** {@code ThreadGroup.enumerate(T[], boolean)}. */
    @FunctionalInterface
    private interface Enumeration<T> {
        int into(ThreadGroup group, T[] list, boolean recurse);
    }

    /** Puts what a guest sees into its array as the JDK does (what does not fit is left out); the count put. */
    private static <T> int fill(List<T> seen, T[] list) {
        if (list == null) {
            return seen.size();
        }
        int n = Math.min(seen.size(), list.length);
        for (int i = 0; i < n; i++) {
            list[i] = seen.get(i);
        }
        return n;
    }
}
