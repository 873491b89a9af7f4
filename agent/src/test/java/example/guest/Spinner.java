package example.guest;

import java.io.Serializable;

/**
 * Code that never ends by itself, one shape each: a hypervisor must be able to stop it only through
 * the safepoints the rewriter adds. Each method reports through {@code started} once it has passed
 * its own entry, so that only the polls after that point can stop it.
 */
public final class Spinner implements Serializable {

    public int field;

    /** A loop that spins without a call or a trap. */
    public static void spin(Runnable started) {
        started.run();
        while (true) {
            // nothing: the back-edge is all there is
        }
    }

    /** A loop that reports only after many turns, long after the JIT compilers compiled it. */
    public static void spinCompiled(Runnable started) {
        for (long i = 0;; i++) {
            if (i == 200_000_000L) {
                started.run();
            }
        }
    }

    /** A loop that catches everything its body throws, including a guest's end. */
    public static void spinCatchingEverything(Runnable started) {
        started.run();
        int i = 0;
        while (true) {
            try {
                i = step(i);
            } catch (Throwable t) {
                i = 0;
            }
        }
    }

    /** Spins holding a monitor: the kill unwinds the thread through the handler that releases it, which covers itself. */
    public static void spinHolding(Object lock, Runnable started) {
        synchronized (lock) {
            started.run();
            int i = 0;
            while (true) {
                i = step(i) + spun(i);
            }
        }
    }

    private static int spun(int i) {
        return i & 1;
    }

    private static int step(int i) {
        return i + 1;
    }

    /** Recursion without a loop that takes longer than anyone waits. */
    public static long fibonacci(int n, Runnable started) {
        started.run();
        return fib(n);
    }

    private static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** A constructor that spins. */
    public Spinner(Runnable started) {
        started.run();
        for (;;) {
            field++;
        }
    }

    /** An interface whose default method spins. */
    public interface Looping {
        default void loop(Runnable started) {
            started.run();
            for (long i = 0;; i++) {
                if (i < 0) {
                    return;
                }
            }
        }
    }

    /** Implements {@link Looping}. */
    public static final class Loops implements Looping {
    }

    /** Sums step(i) for i below n: a counted loop that calls. */
    public static int sumOfSteps(int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += step(i);
        }
        return total;
    }

    /** Sums the lengths of strings: a counted loop that calls the JDK. */
    public static int totalLength(String[] names) {
        int total = 0;
        for (int i = 0; i < names.length; i++) {
            total += names[i].length();
        }
        return total;
    }

    /** Sums 1..n: code that ends, to check that polls change nothing while no stop is asked. */
    public static long sum(int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += i + 1;
        }
        return total;
    }

    /** Sums 1..n with {@code i <= n}: with n the largest int, a loop without end. */
    public static long sumInclusive(int n) {
        long total = 0;
        for (int i = 1; i <= n; i++) {
            total += i;
        }
        return total;
    }
}
