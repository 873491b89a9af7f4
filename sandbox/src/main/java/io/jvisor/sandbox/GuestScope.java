package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a piece of the application as a guest of its own, on the calling thread: the replacement
 * for catching {@code System.exit} with a SecurityManager, which JDK 24 removed. Code run in a
 * scope, and every thread it starts, is that guest's: its exit ends only the scope, and its
 * console output can be captured. Needs jvisor as the JVM's {@code -javaagent}; for JUnit 5 see the
 * {@code jvisor-junit} extension, which is built on this class.
 *
 * <pre>{@code
 *   int status = GuestScope.catchExit(() -> Main.main(new String[] {"--bad-flag"}));
 *   assertEquals(2, status);
 * }</pre>
 */
public final class GuestScope {

    private static final AtomicInteger SCOPES = new AtomicInteger();

    /** Code to run in a scope. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * What happened in a scope.
     *
     * @param exitStatus the status of its exit or halt, or {@code null} if it did not call either
     * @param out        what it wrote to standard output, if captured; else {@code ""}
     * @param err        what it wrote to standard error, if captured; else {@code ""}
     */
    public record Outcome(Integer exitStatus, String out, String err) {

        /** Whether the scope called exit or halt. */
        public boolean exited() {
            return exitStatus != null;
        }
    }

    private GuestScope() {
    }

    /**
     * Runs code as a guest under a policy, with its console output captured, and says how it ended.
     *
     * @param policy the guest's policy, not {@code null}
     * @param body   the code, not {@code null}
     * @throws Exception what the body threw, unless the scope ended by exit or halt first
     * @throws IllegalStateException if jvisor is not this JVM's {@code -javaagent}
     */
    public static Outcome run(Policy policy, Body body) throws Exception {
        return run(policy, Console.Mode.CAPTURE, body);
    }

    /**
     * Runs code as a guest under a policy and says how it ended.
     *
     * @param policy  the guest's policy, not {@code null}
     * @param console where the guest's console output goes; {@link Outcome#out()} and
     *                {@link Outcome#err()} hold it only for {@link Console.Mode#CAPTURE}
     * @param body    the code, not {@code null}
     * @throws Exception what the body threw, unless the scope ended by exit or halt first
     * @throws IllegalStateException if jvisor is not this JVM's {@code -javaagent}
     */
    public static Outcome run(Policy policy, Console.Mode console, Body body) throws Exception {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(body, "body");
        Hypervisor h = Hypervisor.get();
        Guest guest = h.newScopedGuest("scope-" + SCOPES.incrementAndGet(), policy, console);
        Guest previous = h.enterScope(guest);
        try {
            body.run();
        } catch (Exception | Error e) {
            if (!guest.hasEnded()) {
                throw e;
            }
        } finally {
            h.leaveScope(previous);
        }
        guest.end(GuestResult.Ending.RETURNED, 0, "");
        GuestResult result = guest.await();
        Integer status = result.ending() == GuestResult.Ending.RETURNED ? null : result.exitStatus();
        boolean captured = console == Console.Mode.CAPTURE;
        return new Outcome(status, captured ? guest.console().capturedOut() : "", captured ? guest.console().capturedErr() : "");
    }

    /**
     * Runs code under the default policy and returns the status it passed to
     * {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}, from this thread or a
     * thread it started.
     *
     * @throws AssertionError if the code returned without calling exit or halt
     * @throws Exception      what the code threw before exiting
     */
    public static int catchExit(Body body) throws Exception {
        Outcome outcome = run(Policy.preset(Policy.DEFAULT_PRESET), body);
        if (!outcome.exited()) {
            throw new AssertionError("expected a call of System.exit, Runtime.exit or Runtime.halt, but none came");
        }
        return outcome.exitStatus();
    }
}
