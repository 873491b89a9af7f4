package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.testing.ClassFiles;
import io.jvisor.agent.testing.GuestLoader;
import io.jvisor.agent.testing.TestHypervisor;
import io.jvisor.agent.testing.TestHypervisor.GuestExit;
import io.jvisor.agent.testing.TestHypervisor.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.ObjectStreamClass;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preemption: code rewritten with safepoints stops at its next poll once its guest is killed,
 * whatever shape its endlessness has, and runs as before while nobody asks it to stop.
 */
class SafepointTest {

    private static final String SPINNER = "example.guest.Spinner";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Rewriter rewriter = new Rewriter(Catalog.standard()).withSafepoints();
    private final GuestLoader guest = new GuestLoader(rewriter);
    private Session session;

    @BeforeEach
    void startGuest() {
        session = TestHypervisor.begin();
    }

    /** Code that runs on a thread of the guest's and never ends by itself. */
    @FunctionalInterface
    private interface Endless {
        void run(Runnable started) throws Throwable;
    }

    /**
     * Runs the code on a thread of a new session, kills the session once the code reports that it
     * has started, and returns what ended the thread.
     */
    private Throwable killWhileRunning(Endless code) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            TestHypervisor.attach(session);
            try {
                code.run(started::countDown);
            } catch (Throwable t) {
                ended.set(t instanceof InvocationTargetException ite ? ite.getCause() : t);
            }
        }, "spinning guest");
        thread.setDaemon(true);
        thread.start();
        assertTrue(started.await(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "the code started");
        session.kill(137);
        thread.join(PATIENCE.toMillis());
        assertFalse(thread.isAlive(), "the killed code still runs");
        return ended.get();
    }

    private static void assertKilled(Throwable ended) {
        GuestExit exit = assertInstanceOf(GuestExit.class, ended, "the thread unwound by the guest's end");
        assertEquals(137, exit.status());
    }

    @Test
    void aLoopWithoutCallsStopsAtItsBackEdge() throws Throwable {
        assertKilled(killWhileRunning(started -> guest.call(SPINNER, "spin", started)));
    }

    @Test
    void aCompiledLoopWhosePollTheJitDroppedStopsAllTheSame() throws Throwable {
        // the poll calls nothing until a stop is first requested, and the JIT drops it: the
        // kill must make the compiled loop start over with a poll that reads the request
        assertKilled(killWhileRunning(started -> guest.call(SPINNER, "spinCompiled", started)));
    }

    @Test
    void aLoopThatCatchesEverythingCannotSwallowItsEnd() throws Throwable {
        assertKilled(killWhileRunning(started -> guest.call(SPINNER, "spinCatchingEverything", started)));
    }

    @Test
    void recursionWithoutLoopsStopsAtAMethodEntry() throws Throwable {
        assertKilled(killWhileRunning(started -> guest.call(SPINNER, "fibonacci", 90, started)));
    }

    @Test
    void aConstructorThatSpinsStops() throws Throwable {
        Constructor<?> spins = guest.guestClass(SPINNER).getConstructor(Runnable.class);
        assertKilled(killWhileRunning(started -> spins.newInstance(started)));
    }

    @Test
    void anInterfacesDefaultMethodStops() throws Throwable {
        Class<?> loops = guest.guestClass(SPINNER + "$Loops");
        Object instance = loops.getConstructor().newInstance();
        assertKilled(killWhileRunning(started -> loops.getMethod("loop", Runnable.class).invoke(instance, started)));
    }

    @Test
    void aHandlerThatCatchesItsOwnThrowStops() throws Throwable {
        String name = "generated.SelfCatching";
        guest.add(name, selfCatching(name.replace('.', '/')));
        assertKilled(killWhileRunning(started -> guest.call(name, "run", started)));
    }

    @Test
    void aThreadKilledInASynchronizedBlockReleasesItsMonitorAndEnds() throws Throwable {
        // javac's handler that releases the monitor covers itself: its poll must let the thread's
        // end through, or it would catch its own exception for ever
        Object lock = new Object();
        assertKilled(killWhileRunning(started -> guest.call(SPINNER, "spinHolding", lock, started)));
        Thread taker = new Thread(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        });
        taker.start();
        taker.join(PATIENCE.toMillis());
        assertFalse(taker.isAlive(), "the monitor was released");
    }

    @Test
    void codeThatNobodyStopsRunsAsBefore() throws Throwable {
        assertEquals(5050L, guest.call(SPINNER, "sum", 100));
        byte[] rewritten = guest.rewrittenBytes(SPINNER);
        ClassFiles.assertVerifies(rewritten);
    }

    @Test
    void pollsGoWhereCodeCouldRunForEverAndNowhereElse() {
        byte[] rewritten = rewriter.rewrite(ClassFiles.read(SPINNER));
        assertEquals(2, polls(rewritten, "spin"), "at the entry of a method that calls, and at the back-edge");
        assertEquals(0, polls(rewritten, "step"), "a method that calls nothing cannot recurse");
        assertEquals(0, polls(rewritten, "sum"), "an innermost counted loop that calls nothing ends by itself");
        assertEquals(1, polls(rewritten, "sumInclusive"), "i <= n holds for ever when n is the largest int");
        assertEquals(1, polls(rewritten, "sumOfSteps"), "a counted loop that calls only a bounded method of its class does not");
        assertEquals(2, polls(rewritten, "totalLength"), "a counted loop that calls elsewhere polls at its back-edge");
        assertEquals(1, polls(rewritten, "fib"), "recursion polls at the entry");
        assertEquals(0, polls(rewriter.rewrite(ClassFiles.read("example.guest.Plain")), "add"));
    }

    private static long polls(byte[] classFile, String method) {
        return ClassFiles.node(classFile).methods.stream().filter(m -> m.name.equals(method))
                .flatMap(m -> java.util.stream.Stream.of(m.instructions.toArray()))
                .filter(i -> i instanceof org.objectweb.asm.tree.MethodInsnNode call && (call.name.equals(Rewriter.BRIDGE_PREFIX + "poll")
                        || call.name.equals(Rewriter.BRIDGE_PREFIX + "enter")))
                .count();
    }

    @Test
    void theSerialVersionUidOfASerializableClassStays() throws Exception {
        Class<?> original = Class.forName(SPINNER);
        Class<?> rewritten = guest.guestClass(SPINNER);
        assertNotSame(original, rewritten);
        assertEquals(ObjectStreamClass.lookup(original).getSerialVersionUID(),
                ObjectStreamClass.lookup(rewritten).getSerialVersionUID(),
                "no class initialiser or non-private member was added");
    }

    @Test
    void theAddedMembersAreSyntheticAndPrivate() {
        Class<?> rewritten = guest.guestClass(SPINNER);
        for (var field : rewritten.getDeclaredFields()) {
            if (field.getName().startsWith(Rewriter.BRIDGE_PREFIX)) {
                assertTrue(field.isSynthetic() && Modifier.isPrivate(field.getModifiers()), field.toString());
            }
        }
        for (var method : rewritten.getDeclaredMethods()) {
            if (method.getName().startsWith(Rewriter.BRIDGE_PREFIX)) {
                assertTrue(method.isSynthetic() && Modifier.isPrivate(method.getModifiers()), method.toString());
            }
        }
    }

    @Test
    void withoutSafepointsAClassThatTrapsNothingIsLeftAlone() {
        byte[] original = ClassFiles.read("example.guest.Plain");
        assertArrayEquals(original, new Rewriter(Catalog.standard()).rewrite(original));
    }

    /**
     * {@code static void run(Runnable started)}: calls {@code started}, then throws null in a range
     * whose handler is its own first instruction: it catches its own exception forever, without a
     * jump.
     */
    private static byte[] selfCatching(String internalName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "(Ljava/lang/Runnable;)V", null, null);
        mv.visitCode();
        Label again = new Label();
        Label end = new Label();
        mv.visitTryCatchBlock(again, end, again, "java/lang/NullPointerException");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/lang/Runnable", "run", "()V", true);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitLabel(again);
        mv.visitFrame(Opcodes.F_FULL, 1, new Object[] {"java/lang/Runnable"}, 1, new Object[] {"java/lang/NullPointerException"});
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
