package io.jvisor.sandbox;

import java.util.Arrays;

/**
 * The threads of one hosted guest: its main thread and every thread it starts (which inherit the
 * group). Gives uncaught exceptions to the guest's own default handler or reports them on its own
 * standard error, stays silent about the unwinding of an ended guest, and tells when no non-daemon
 * thread is left.
 */
final class GuestThreads extends ThreadGroup {

    private final Guest guest;

    GuestThreads(Guest guest) {
        super("guest-" + guest.name());
        this.guest = guest;
    }

    Guest guest() {
        return guest;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        uncaught(guest, thread, error);
    }

    /**
     * Whether a thread's uncaught exception is the guest's end unwinding it, or came after its code
     * was stopped; not another ended guest's {@link GuestExit}, which its thread got calling that
     * guest's code, an error of its own.
     */
    static boolean endsIn(Guest guest, Throwable error) {
        return error instanceof GuestExit && ((GuestExit) error).ends(guest) || guest.halted();
    }

    /**
     * What becomes of the uncaught exception of a thread of a guest's, in whatever group: nothing
     * if it unwinds the guest's end or comes after its code was stopped ({@link #endsIn}); else the guest's own default handler has it,
     * if it set one (what that throws is ignored, as the JVM ignores it), or it is printed as the
     * JVM would, on the guest's standard error.
     */
    static void uncaught(Guest guest, Thread thread, Throwable error) {
        if (endsIn(guest, error)) {
            return;
        }
        Thread.UncaughtExceptionHandler handler = guest.defaults().handler();
        if (handler == null) {
            printUncaught(guest, thread, error);
            return;
        }
        try {
            handler.uncaughtException(thread, error);
        } catch (Throwable ignored) {
            // as the JVM ignores what a handler throws; an exit in it has ended the guest
        }
    }

    /** Prints an uncaught exception as the JVM would, but on the guest's standard error. */
    private static void printUncaught(Guest guest, Thread thread, Throwable error) {
        trimHostFrames(error);
        java.io.PrintStream err = guest.console().err();
        err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(err);
        err.flush();
    }

    /** Waits until no non-daemon thread of the guest but the caller is alive, or the guest has ended. */
    void awaitNonDaemon() {
        boolean interrupted = false;
        while (!guest.hasEnded()) {
            Thread[] threads = new Thread[activeCount() + 8];
            int n = enumerate(threads, true);
            Thread next = Arrays.stream(threads, 0, n)
                    .filter(t -> t != Thread.currentThread() && !t.isDaemon() && t.isAlive())
                    .findFirst().orElse(null);
            if (next == null) {
                break;
            }
            try {
                next.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Destroys the group if no thread is left in it (a thread group is not destroyed by itself on
     * JDK 17, and its parent holds it until it is; later JDKs do nothing here).
     *
     * @return whether no thread was left
     */
    @SuppressWarnings({"deprecation", "removal"})
    boolean destroyIfEmpty() {
        try {
            if (!isDestroyed()) {
                destroy();
            }
            return true;
        } catch (IllegalThreadStateException e) {
            return false; // a thread started after all: wait for it too
        }
    }

    /** Drops the frames below the guest's own outermost frame: jvisor's and the JDK's launch frames. */
    private static void trimHostFrames(Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        int keep = trace.length;
        while (keep > 0 && isHostFrame(trace[keep - 1])) {
            keep--;
        }
        if (keep > 0 && keep < trace.length) {
            error.setStackTrace(Arrays.copyOf(trace, keep));
        }
    }

    private static boolean isHostFrame(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("io.jvisor.") || c.startsWith("java.lang.invoke.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("java.lang.Thread")
                || c.startsWith("jdk.internal.");
    }
}
