package example.guest;

import java.util.List;

/** Ways a guest ends itself, and tries not to. Each method records its progress in {@code trace}. */
public final class Exits {

    private Exits() {
    }

    public static void systemExit(List<String> trace, int status) {
        trace.add("before");
        System.exit(status);
        trace.add("after");
    }

    public static void runtimeExit(List<String> trace, int status) {
        trace.add("before");
        Runtime.getRuntime().exit(status);
        trace.add("after");
    }

    public static void runtimeHalt(List<String> trace, int status) {
        trace.add("before");
        Runtime.getRuntime().halt(status);
        trace.add("after");
    }

    public static void exitInTryFinally(List<String> trace, int status) {
        try {
            trace.add("try");
            System.exit(status);
            trace.add("after exit");
        } finally {
            trace.add("finally");
        }
        trace.add("after");
    }

    public static void exitSwallowedByCatchThrowable(List<String> trace, int status) {
        try {
            trace.add("try");
            System.exit(status);
        } catch (Throwable t) {
            trace.add("caught " + t.getClass().getSimpleName());
        }
        trace.add("after");
    }

    public static void exitSwallowedByCatchError(List<String> trace, int status) {
        try {
            trace.add("try");
            Runtime.getRuntime().exit(status);
        } catch (Error e) {
            trace.add("caught " + e.getClass().getSimpleName());
        }
        trace.add("after");
    }

    public static void exitSwallowedByNestedCatches(List<String> trace, int status) {
        try {
            try {
                trace.add("try");
                System.exit(status);
            } catch (Throwable inner) {
                trace.add("caught inner");
            }
            trace.add("between");
        } catch (Throwable outer) {
            trace.add("caught outer");
        }
        trace.add("after");
    }

    /** The exit happens in a callee; the caller tries to swallow it. */
    public static void exitSwallowedByCaller(List<String> trace, int status) {
        try {
            systemExit(trace, status);
        } catch (Throwable t) {
            trace.add("caught in caller");
        }
        trace.add("after");
    }

    /** The exit unwinds through a synchronized block, whose monitor must be released. */
    public static void exitInSynchronized(Object lock, List<String> trace, int status) {
        synchronized (lock) {
            trace.add("locked");
            System.exit(status);
        }
        trace.add("after");
    }

    /** Tries to catch its own exit inside a {@code synchronized} block. */
    public static void exitCaughtInSynchronized(Object lock, List<String> trace, int status) {
        synchronized (lock) {
            try {
                trace.add("locked");
                System.exit(status);
            } catch (Throwable t) {
                trace.add("caught");
            }
        }
        trace.add("after");
    }

    /** A {@code finally} that returns discards whatever was thrown through it. */
    @SuppressWarnings("finally")
    public static String exitSwallowedByFinallyReturn(List<String> trace, int status) {
        try {
            trace.add("try");
            System.exit(status);
        } finally {
            trace.add("finally");
            return "swallowed";
        }
    }

    /** An ordinary exception still reaches a guarded handler while the guest runs. */
    public static void ordinaryExceptionCaught(List<String> trace) {
        try {
            trace.add("try");
            throw new IllegalStateException("ordinary");
        } catch (Throwable t) {
            trace.add("caught " + t.getMessage());
        }
        trace.add("after");
    }

    /** The exit happens in an anonymous class: a class file of its own. */
    public static void exitInAnonymousClass(List<String> trace, int status) {
        Runnable r = new Runnable() {
            @Override
            public void run() {
                trace.add("run");
                System.exit(status);
            }
        };
        r.run();
        trace.add("after");
    }
}
