package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.testing.GuestLoader;
import io.jvisor.agent.testing.TestHypervisor;
import io.jvisor.agent.testing.TestHypervisor.GuestExit;
import io.jvisor.agent.testing.TestHypervisor.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs rewritten guest code against the {@link TestHypervisor}: every privileged operation of the
 * fixtures must reach the trap handler, and nothing else.
 */
class TrapBehaviourTest {

    private static final String EXITS = "example.guest.Exits";
    private static final String METHOD_REFS = "example.guest.MethodRefs";
    private static final String STDIO = "example.guest.Stdio";

    private GuestLoader guest;
    private Session session;
    private final List<String> trace = new ArrayList<>();

    @BeforeEach
    void startGuest() {
        guest = new GuestLoader(new Rewriter(Catalog.standard()));
        session = TestHypervisor.begin();
    }

    /** Asserts that the guest ended with a given status, ended by code in the given guest class. */
    private void assertExited(Throwable thrown, int status, boolean halted, String callerClass) {
        GuestExit exit = assertInstanceOf(GuestExit.class, thrown, () -> "expected the guest to end, but it threw " + thrown);
        assertEquals(status, exit.status());
        assertEquals(halted, exit.halted());
        assertSame(guest.guestClass(callerClass), exit.caller(), "the trap names the calling guest class");
        assertNotNull(session.exit(), "the hypervisor recorded the end of the guest");
        assertSame(exit.caller(), session.exit().caller());
        assertEquals(status, session.exit().status());
    }

    /** Calls a guest method that must not return normally, and returns what it threw. */
    private Throwable thrownBy(String className, String method, Object... args) {
        return assertThrows(Throwable.class, () -> guest.call(className, method, args));
    }

    @Nested
    class Exit {

        @Test
        void systemExitEndsTheGuestWithItsStatusAndCaller() {
            Throwable thrown = thrownBy(EXITS, "systemExit", trace, 3);
            assertExited(thrown, 3, false, EXITS);
            assertEquals(List.of("before"), trace, "no guest code runs after the exit");
            assertEquals(List.of("exit"), session.hooks());
        }

        @Test
        void runtimeExitEndsTheGuest() {
            assertExited(thrownBy(EXITS, "runtimeExit", trace, 4), 4, false, EXITS);
            assertEquals(List.of("before"), trace);
        }

        @Test
        void runtimeHaltEndsTheGuestAsAHalt() {
            assertExited(thrownBy(EXITS, "runtimeHalt", trace, 5), 5, true, EXITS);
            assertEquals(List.of("before"), trace);
            assertEquals(List.of("halt"), session.hooks());
        }

        @Test
        void exitInAnAnonymousClassNamesThatClassAsCaller() {
            assertExited(thrownBy(EXITS, "exitInAnonymousClass", trace, 6), 6, false, EXITS + "$1");
            assertEquals(List.of("run"), trace);
        }
    }

    @Nested
    class GuestCannotSwallowItsExit {

        @Test
        void catchThrowableIsEnteredThroughTheTrapAndRethrows() {
            assertExited(thrownBy(EXITS, "exitSwallowedByCatchThrowable", trace, 7), 7, false, EXITS);
            assertEquals(List.of("try"), trace, "neither the handler body nor the code after it runs");
            assertEquals(List.of("exit", "handlerEntered"), session.hooks());
            assertSame(guest.guestClass(EXITS), session.traps().get(1).caller());
        }

        @Test
        void catchErrorIsEnteredThroughTheTrapAndRethrows() {
            assertExited(thrownBy(EXITS, "exitSwallowedByCatchError", trace, 8), 8, false, EXITS);
            assertEquals(List.of("try"), trace);
            assertEquals(List.of("exit", "handlerEntered"), session.hooks());
        }

        /** The rethrow goes where the handler stands, into the enclosing handler, whose guard throws it on. */
        @Test
        void theRethrowPassesAnEnclosingHandlerWithoutRunningIt() {
            assertExited(thrownBy(EXITS, "exitSwallowedByNestedCatches", trace, 9), 9, false, EXITS);
            assertEquals(List.of("try"), trace, "neither the inner nor the outer handler runs");
            assertEquals(List.of("exit", "handlerEntered", "handlerEntered"), session.hooks());
        }

        @Test
        void aCallerUpTheStackCannotCatchItEither() {
            assertExited(thrownBy(EXITS, "exitSwallowedByCaller", trace, 10), 10, false, EXITS);
            assertEquals(List.of("before"), trace);
            assertEquals(List.of("exit", "handlerEntered"), session.hooks());
        }

        /**
         * Documents how {@code finally} behaves: a finally block is a catch-any handler, which the
         * rewriter does not guard, so it runs while the exit unwinds the guest's stack (unlike a
         * real {@code System.exit}, which never returns and runs no finally block). The exit still
         * propagates, because the finally block rethrows it.
         */
        @Test
        void finallyBlocksRunWhileTheExitUnwindsButDoNotStopIt() {
            assertExited(thrownBy(EXITS, "exitInTryFinally", trace, 11), 11, false, EXITS);
            assertEquals(List.of("try", "finally"), trace);
            assertEquals(List.of("exit"), session.hooks(), "a finally block is not a guarded handler");
        }

        /** Keeps a fix for the finally gap below honest: a monitor's catch-any handler must still run. */
        @Test
        void theExitReleasesTheMonitorsOfTheBlocksItUnwinds() {
            Object lock = new Object();
            assertExited(thrownBy(EXITS, "exitInSynchronized", lock, trace, 13), 13, false, EXITS);
            assertEquals(List.of("locked"), trace);
            assertFalse(Thread.holdsLock(lock), "the monitor was released");
        }

        /**
         * A guarded handler inside a {@code synchronized} block rethrows through the handler that
         * releases the monitor: every exit of the method releases it, as the JIT compilers require
         * before they compile a method.
         */
        @Test
        void theRethrowOfAGuardedHandlerReleasesTheMonitorAroundIt() {
            Object lock = new Object();
            assertExited(thrownBy(EXITS, "exitCaughtInSynchronized", lock, trace, 14), 14, false, EXITS);
            assertEquals(List.of("locked"), trace, "the handler did not run");
            assertFalse(Thread.holdsLock(lock), "the monitor was released");
            assertEquals(List.of("exit", "handlerEntered"), session.hooks());
        }

        /**
         * Catch-any handlers are left unguarded by design: finally blocks release locks and close
         * streams as an ended guest's thread unwinds. One that returns ends the unwinding, but the
         * guest has ended all the same; the hypervisor unwinds the thread again at its next trap.
         */
        @Test
        void aFinallyThatReturnsEndsTheUnwindingButNotTheEndOfTheGuest() throws Throwable {
            assertEquals("swallowed", guest.call(EXITS, "exitSwallowedByFinallyReturn", trace, 12));
            assertEquals(List.of("try", "finally"), trace);
            assertNotNull(session.exit(), "the guest has ended");
            assertEquals(12, session.exit().status());
        }

        @Test
        void guardedHandlersStillCatchOrdinaryExceptionsWhileTheGuestRuns() throws Throwable {
            guest.call(EXITS, "ordinaryExceptionCaught", trace);
            assertEquals(List.of("try", "caught ordinary", "after"), trace);
            assertEquals(List.of("handlerEntered"), session.hooks());
            assertNull(session.exit());
        }
    }

    @Nested
    class References {

        @Test
        void aMethodReferenceToSystemExitTraps() throws Throwable {
            IntConsumer exit = (IntConsumer) guest.call(METHOD_REFS, "systemExitReference");
            assertExited(assertThrows(Throwable.class, () -> exit.accept(21)), 21, false, METHOD_REFS);
        }

        @Test
        void aLambdaCallingExitTraps() throws Throwable {
            IntConsumer exit = (IntConsumer) guest.call(METHOD_REFS, "exitingLambda");
            assertExited(assertThrows(Throwable.class, () -> exit.accept(22)), 22, false, METHOD_REFS);
        }

        @Test
        void aBoundMethodReferenceToHaltTraps() throws Throwable {
            IntConsumer halt = (IntConsumer) guest.call(METHOD_REFS, "boundHaltReference");
            assertExited(assertThrows(Throwable.class, () -> halt.accept(23)), 23, true, METHOD_REFS);
        }

        @Test
        void anUnboundMethodReferenceToRuntimeExitTraps() throws Throwable {
            @SuppressWarnings("unchecked")
            ObjIntConsumer<Runtime> exit = (ObjIntConsumer<Runtime>) guest.call(METHOD_REFS, "unboundExitReference");
            assertExited(assertThrows(Throwable.class, () -> exit.accept(Runtime.getRuntime(), 24)), 24, false,
                    METHOD_REFS);
        }

        @Test
        void aReferenceToPrintlnOnSystemOutPrintsToTheGuestsStream() throws Throwable {
            @SuppressWarnings("unchecked")
            Consumer<String> println = (Consumer<String>) guest.call(METHOD_REFS, "printlnOnSystemOut");
            println.accept("by reference");
            assertEquals("by reference" + System.lineSeparator(), session.stdout());
        }

        @Test
        void aReferenceToSetOutReplacesOnlyTheGuestsStream() throws Throwable {
            PrintStream host = System.out;
            @SuppressWarnings("unchecked")
            Consumer<PrintStream> setOut = (Consumer<PrintStream>) guest.call(METHOD_REFS, "setOutReference");
            PrintStream replacement = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            setOut.accept(replacement);
            assertSame(host, System.out);
            assertSame(replacement, session.out());
        }

        @Test
        void aReferenceToConsoleAsksTheHandler() throws Throwable {
            @SuppressWarnings("unchecked")
            Supplier<Object> console = (Supplier<Object>) guest.call(METHOD_REFS, "consoleReference");
            assertNull(console.get());
            assertEquals(List.of("console"), session.hooks());
        }
    }

    @Nested
    class Interfaces {

        private static final String SERVICE = "example.guest.Service";

        @Test
        void aMethodReferenceInADefaultMethodTrapsThroughAPrivateInterfaceBridge() throws Throwable {
            Object service = guest.call(SERVICE, "create");
            IntConsumer exit = (IntConsumer) guest.guestClass(SERVICE).getMethod("exitReference").invoke(service);
            assertExited(assertThrows(Throwable.class, () -> exit.accept(31)), 31, false, SERVICE);
        }

        @Test
        void aDefaultMethodCannotSwallowTheExit() throws Throwable {
            Object service = guest.call(SERVICE, "create");
            Throwable thrown = assertThrows(InvocationTargetException.class,
                    () -> guest.guestClass(SERVICE).getMethod("exitCaught", int.class).invoke(service, 32)).getCause();
            assertExited(thrown, 32, false, SERVICE);
            assertEquals("", session.stdout(), "the handler body did not run");
        }

        @Test
        void aStaticInterfaceMethodPrintsToTheGuestsStream() throws Throwable {
            guest.call(SERVICE, "announce", "from an interface");
            assertEquals("from an interface" + System.lineSeparator(), session.stdout());
        }
    }

    @Nested
    class Serialization {

        @Disabled("main-code gap: the rewritten $deserializeLambda$ still compares the SerializedLambda's "
                + "implementation with java/lang/System.exit, but the lambda now records the bridge "
                + "jvisor$trap$systemExit, so deserialization fails; see the report")
        @Test
        void aSerializableMethodReferenceSurvivesARoundTripAndStillTraps() throws Throwable {
            IntConsumer exit = (IntConsumer) guest.call("example.guest.Serialized", "roundTrip");
            assertExited(assertThrows(Throwable.class, () -> exit.accept(33)), 33, false, "example.guest.Serialized");
        }
    }

    @Nested
    class Console {

        @Test
        void systemOutAndErrAreTheHandlersStreams() throws Throwable {
            PrintStream hostOut = System.out;
            PrintStream hostErr = System.err;
            ByteArrayOutputStream leaked = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(leaked, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                guest.call(STDIO, "hello");
            } finally {
                System.setOut(hostOut);
                System.setErr(hostErr);
            }
            assertEquals("hello, out" + System.lineSeparator(), session.stdout());
            assertEquals("hello, err" + System.lineSeparator(), session.stderr());
            assertEquals("", leaked.toString(StandardCharsets.UTF_8), "nothing reaches the host's console");
            assertEquals(List.of("stdout", "stderr"), session.hooks());
            assertSame(guest.guestClass(STDIO), session.traps().get(0).caller());
        }

        @Test
        void systemOutReadReturnsTheHandlersStream() throws Throwable {
            assertSame(session.out(), guest.call(STDIO, "currentOut"));
        }

        @Test
        void systemInIsTheHandlersStream() throws Throwable {
            session.stdin("x");
            assertEquals((int) 'x', guest.call(STDIO, "readByte"));
            assertEquals(List.of("stdin"), session.hooks());
        }

        @Test
        void setOutReplacesTheGuestsStreamOnlyThroughTheHandler() throws Throwable {
            PrintStream host = System.out;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream replacement = new PrintStream(bytes, true, StandardCharsets.UTF_8);

            guest.call(STDIO, "replaceOutAndPrint", replacement, "to the replacement");

            assertSame(host, System.out, "the host's System.out is untouched");
            assertEquals(List.of("setOut", "stdout"), session.hooks());
            assertSame(replacement, session.traps().get(0).argument());
            assertEquals("to the replacement", bytes.toString(StandardCharsets.UTF_8));
            assertEquals("", session.stdout(), "the guest's first stream got nothing after the replacement");
        }

        @Test
        void consoleIsWhatTheHandlerSays() throws Throwable {
            assertNull(guest.call(STDIO, "console"));
            assertEquals(List.of("console"), session.hooks());
        }
    }

    @Nested
    class ShutdownHooks {

        @Test
        void hooksAreRegisteredWithTheHandlerNotTheJvm() throws Throwable {
            Thread hook = new Thread(() -> { });
            guest.call(STDIO, "addHook", hook);

            assertEquals(List.of("addShutdownHook"), session.hooks());
            assertEquals(Set.of(hook), session.shutdownHooks());
            assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "the JVM never saw the hook");

            assertEquals(true, guest.call(STDIO, "removeHook", hook));
            assertTrue(session.shutdownHooks().isEmpty());
        }
    }

    @Nested
    class FileTraps {

        private static final String FILES = "example.guest.Files";

        @Test
        void constructorsOfFileStreamsTrapAndStillWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Throwable {
            String name = dir.resolve("a.txt").toString();
            assertEquals("hello", guest.call(FILES, "writeAndRead", name, "hello"));
            assertEquals(List.of("file-write", "file-write", "file-read"), session.hooks());
            assertEquals(name, session.traps().get(0).argument());
            assertSame(guest.guestClass(FILES), session.traps().get(0).caller());
        }

        @Test
        void aConstructorWithABranchInItsArgumentsVerifies(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Throwable {
            java.nio.file.Files.writeString(dir.resolve("b"), "12345");
            assertEquals(5L, guest.call(FILES, "lengthOf", dir.resolve("b").toString(), true));
            assertEquals(List.of("file-read"), session.hooks());
        }

        @Test
        @SuppressWarnings("unchecked")
        void constructorsInLambdasAndMethodReferencesTrap(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Throwable {
            java.nio.file.Files.writeString(dir.resolve("c"), "x");
            java.util.function.Function<String, java.io.FileInputStream> open =
                    (java.util.function.Function<String, java.io.FileInputStream>) guest.call(FILES, "opener");
            open.apply(dir.resolve("c").toString()).close();
            java.util.function.Function<java.io.File, java.io.PrintWriter> writer =
                    (java.util.function.Function<java.io.File, java.io.PrintWriter>) guest.call(FILES, "writerFactory");
            writer.apply(dir.resolve("d").toFile()).close();
            assertEquals(List.of("file-read", "file-write"), session.hooks());
        }

        @Test
        void fileMethodsAndPathsTrap() throws Throwable {
            assertFalse((Boolean) guest.call(FILES, "exists", "no/such/file"));
            assertEquals(java.nio.file.Path.of("p"), guest.call(FILES, "pathOf", "p"));
            assertEquals(List.of("file-read", "fileSystem"), session.hooks());
        }

        @Test
        void reflectionOnAGuestsOwnPrivateMethodKeepsWorkingThroughItsBridge() throws Throwable {
            assertEquals("reached by reflection", guest.call(FILES, "reflectOnItself"));
            assertTrue(java.util.Arrays.stream(guest.guestClass(FILES).getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals(Rewriter.BRIDGE_PREFIX + "reflect$invoke")), "Method.invoke went through a bridge");
        }

        @Test
        void aSubclassOfFileInputStreamOpensItsFileThroughTheTrapOfItsSuperclassConstructor(
                @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Throwable {
            String name = dir.resolve("read.txt").toString();
            java.nio.file.Files.writeString(dir.resolve("read.txt"), "ab");
            assertEquals("abab", guest.call(FILES, "readBySubclass", name));
            assertEquals(List.of("file-read", "file-read"), session.hooks());
            assertEquals(name, session.traps().get(0).argument());
            assertSame(guest.guestClass(FILES + "$Reader"), session.traps().get(0).caller());
        }

        @Test
        void subclassesOfFileOutputStreamAndRandomAccessFileOpenTheirFilesThroughTheTrapsOfTheirSuperclassConstructors(
                @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Throwable {
            String name = dir.resolve("written.txt").toString();
            guest.call(FILES, "writeBySubclasses", name);
            assertEquals("abc", java.nio.file.Files.readString(dir.resolve("written.txt")));
            assertEquals(List.of("subclass-writing", "file-write", "subclass-writing", "file-write"), session.hooks());
            assertEquals(name, session.traps().get(1).argument());
            assertSame(guest.guestClass(FILES + "$Writer"), session.traps().get(1).caller());
            assertSame(guest.guestClass(FILES + "$RandomAccess"), session.traps().get(3).caller());
        }

        @Test
        void subclassesOfTheWritersAndReadersOfTextOpenTheirFilesThroughTheTrapsOfTheirSuperclassConstructors(
                @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Throwable {
            String name = dir.resolve("text.txt").toString();
            assertEquals("abcd", guest.call(FILES, "writeAndReadByTextSubclasses", name));
            assertEquals("ab", java.nio.file.Files.readString(dir.resolve("text.txt")));
            assertEquals(List.of("subclass-writing", "file-write", "subclass-writing", "file-write", "subclass-writing",
                    "file-write", "subclass-writing", "file-write", "file-read", "file-read", "file-read"), session.hooks());
            assertEquals(List.of(name, name, name + ".2", name + ".3", name, name + ".2", name + ".3"),
                    session.traps().stream().filter(t -> t.argument() != null).map(t -> t.argument()).toList());
            assertSame(guest.guestClass(FILES + "$TextWriter"), session.traps().get(3).caller());
            assertSame(guest.guestClass(FILES + "$TextReader"), session.traps().get(8).caller());
        }

        @Test
        void aSubclassOpeningAStreamThroughASuperclassConstructorNoTrapDecidesIsRefused() {
            SecurityException refused = assertInstanceOf(SecurityException.class, thrownBy(FILES, "descriptorSubclass"));
            assertTrue(refused.getMessage().contains("new FileOutputStream(FileDescriptor)"), refused.getMessage());
            assertEquals(List.of(), session.hooks());
        }
    }
}
