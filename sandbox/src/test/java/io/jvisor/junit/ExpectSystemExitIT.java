package io.jvisor.junit;

import io.jvisor.sandbox.GuestScope;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The JUnit 5 extension and the plain API, in a test JVM started with jvisor-agent.jar: a test
 * asserts that code called System.exit, and the JVM running the tests survives it.
 */
class ExpectSystemExitIT {

    @Test
    @ExpectSystemExit(2)
    void exitFromTheTestThreadEndsOnlyTheTest() {
        Cli.main("--bogus");
    }

    @Test
    @ExpectSystemExit(9)
    void exitFromAnotherThreadIsSeen() throws InterruptedException {
        Thread t = new Thread(() -> Runtime.getRuntime().exit(9));
        t.start();
        t.join();
    }

    @Test
    @ExpectSystemExit
    void anyStatusPassesWithoutAValue() {
        Runtime.getRuntime().halt(42);
    }

    @Test
    void catchExitReturnsTheStatus() throws Exception {
        assertEquals(2, GuestScope.catchExit(() -> Cli.main("--bogus")));
        assertEquals(0, GuestScope.catchExit(() -> Cli.main("--help")));
    }

    @Test
    void catchExitWithoutAnExitFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> GuestScope.catchExit(() -> Cli.main()));
        assertTrue(e.getMessage().contains("none came"), e.getMessage());
    }

    @Test
    void aScopeCapturesItsConsoleOutput() throws Exception {
        GuestScope.Outcome outcome = GuestScope.run(io.jvisor.sandbox.policy.Policy.preset("constrained"), () -> Cli.main("--bogus"));
        assertEquals(2, outcome.exitStatus());
        assertEquals("unknown option --bogus" + System.lineSeparator(), outcome.err());
        assertEquals("", outcome.out());
    }

    @Test
    void aScopesSystemPropertiesAreItsOwn() throws Exception {
        GuestScope.run(io.jvisor.sandbox.policy.Policy.preset("constrained"), () -> {
            System.setProperty("jvisor.scope.key", "inside");
            assertEquals("inside", System.getProperty("jvisor.scope.key"));
        });
        assertEquals(null, System.getProperty("jvisor.scope.key"));
    }

    @Test
    void catchThrowableInTheCodeUnderTestCannotSwallowTheExit() throws Exception {
        assertEquals(5, GuestScope.catchExit(() -> {
            try {
                System.exit(5);
            } catch (Throwable swallowed) {
                System.out.println("swallowed");
            }
            throw new IllegalStateException("went on after exit");
        }));
    }

    @Test
    void wrongStatusOrNoExitFailsTheAnnotatedTest() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixtures.class)).execute().testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("wrongStatus"),
                finishedWithFailure(message("expected exit status 1 but was 2"))));
        tests.assertThatEvents().haveExactly(1, event(test("noExit"),
                finishedWithFailure(message(m -> m.contains("but none came")))));
        tests.assertThatEvents().haveExactly(1, event(test("unexpectedExit"),
                finishedWithFailure(message(m -> m.contains("called exit with status 3")))));
        assertEquals(0, tests.succeeded().count());
    }

    /** Tests that must fail; run by {@link #wrongStatusOrNoExitFailsTheAnnotatedTest} only. */
    @org.junit.jupiter.api.extension.ExtendWith(JvisorExtension.class)
    static class Fixtures {
        @Test
        @ExpectSystemExit(1)
        void wrongStatus() {
            Cli.main("--bogus");
        }

        @Test
        @ExpectSystemExit
        void noExit() {
            Cli.main();
        }

        @Test
        void unexpectedExit() {
            System.exit(3);
        }
    }

    /** A command line program under test: exits 2 on an unknown option, 0 after --help. */
    static final class Cli {
        static void main(String... args) {
            for (String arg : args) {
                if (arg.equals("--help")) {
                    System.out.println("usage: cli [--help]");
                    System.exit(0);
                }
                System.err.println("unknown option " + arg);
                System.exit(2);
            }
        }
    }
}
