package io.jvisor.junit;

import io.jvisor.sandbox.GuestScope;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs each test method as a guest of its own (see {@link GuestScope}), so that an exit in the
 * code under test ends only the test. With {@link ExpectSystemExit} the test must exit; without
 * it, an exit fails the test with its status. What the test writes goes to the console as usual.
 *
 * <p>Register with {@code @ExtendWith(JvisorExtension.class)} on a class to guard all its tests;
 * {@link ExpectSystemExit} registers it by itself.
 */
public final class JvisorExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        Optional<ExpectSystemExit> expected = AnnotationSupport.findAnnotation(extensionContext.getElement(), ExpectSystemExit.class);
        Policy policy = Policy.preset(expected.map(ExpectSystemExit::preset).orElse(Policy.DEFAULT_PRESET));
        GuestScope.Outcome outcome;
        try {
            outcome = GuestScope.run(policy, Console.Mode.INHERIT, () -> proceed(invocation));
        } catch (Wrapped w) {
            throw w.getCause();
        }
        if (expected.isEmpty()) {
            if (outcome.exited()) {
                throw new AssertionError("the test called exit with status " + outcome.exitStatus()
                        + "; annotate it with @ExpectSystemExit if that is what it should do");
            }
            return;
        }
        int[] statuses = expected.get().value();
        if (!outcome.exited()) {
            throw new AssertionError("expected a call of System.exit, Runtime.exit or Runtime.halt"
                    + (statuses.length == 0 ? "" : " with status " + describe(statuses)) + ", but none came");
        }
        if (statuses.length > 0 && Arrays.stream(statuses).noneMatch(s -> s == outcome.exitStatus())) {
            throw new AssertionError("expected exit status " + describe(statuses) + " but was " + outcome.exitStatus());
        }
    }

    private static void proceed(Invocation<Void> invocation) throws Exception {
        try {
            invocation.proceed();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new Wrapped(t);
        }
    }

    private static String describe(int[] statuses) {
        return statuses.length == 1 ? String.valueOf(statuses[0]) : "one of " + Arrays.toString(statuses);
    }

    /** Carries a Throwable that is neither an Exception nor an Error through GuestScope. */
    private static final class Wrapped extends Exception {
        private static final long serialVersionUID = 1L;

        Wrapped(Throwable cause) {
            super(cause);
        }
    }
}
