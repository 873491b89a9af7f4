package io.jvisor.sandbox;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk that estimates a guest's live heap, on object graphs held by the statics of this test's
 * classes and by its threads, with the JVM's own sizes (the instrumentation of an agent attached to
 * the test's JVM).
 */
class LiveHeapTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    private static Instrumentation instrumentation;
    private static LiveHeap heap;

    /** Stands for jvisor's own classes. */
    static final class HostObject {
        final byte[] held = new byte[4096];
    }

    static final class Node {
        Object next;
        Object other;
    }

    @BeforeAll
    static void attach() {
        instrumentation = ByteBuddyAgent.install();
        heap = new LiveHeap(instrumentation, FieldReader.open(instrumentation), type -> type == HostObject.class);
    }

    /** A walk from these roots for a guest that owns no class loader. */
    private static long walk(List<Class<?>> classes, List<Thread> threads, long limit) {
        return heap.walk(new LiveHeap.Roots(loader -> false, classes, threads, List.of(), List.of()), limit);
    }

    /** A walk for a guest whose loader is this test's: what jvisor holds for it, and a search of what the JDK holds. */
    private static long walkOfTestsLoader(List<?> held, List<?> shared) {
        ClassLoader tests = LiveHeapTest.class.getClassLoader();
        return heap.walk(new LiveHeap.Roots(loader -> loader == tests, List.of(), List.of(), held, shared), NO_LIMIT);
    }

    private static long size(Object first, Object... more) {
        long total = instrumentation.getObjectSize(first);
        for (Object o : more) {
            total += instrumentation.getObjectSize(o);
        }
        return total;
    }

    static final class Cycle {
        static Node first;
        static Node second;
    }

    @Test
    void countsEachObjectReachableFromTheStaticsOnceThroughCyclesAndSharing() {
        Node a = new Node();
        Node b = new Node();
        byte[] shared = new byte[1000];
        a.next = b;
        b.next = a;
        a.other = shared;
        b.other = shared;
        Cycle.first = a;
        Cycle.second = b;
        assertEquals(size(a, b, shared), walk(List.of(Cycle.class), List.of(), NO_LIMIT));
    }

    static final class Boundaries {
        static Object[] held;
    }

    @Test
    void neitherCountsNorFollowsClassesLoadersModulesThreadsNorTheHypervisorsObjects() {
        WeakReference<byte[]> weak = new WeakReference<>(new byte[4096]);
        Boundaries.held = new Object[] {String.class, LiveHeapTest.class.getClassLoader(), Object.class.getModule(),
            ModuleLayer.boot(), Thread.currentThread(), Thread.currentThread().getThreadGroup(), new HostObject(), weak};
        assertEquals(size(Boundaries.held, weak), walk(List.of(Boundaries.class), List.of(), NO_LIMIT));
    }

    static final class Internal {
        static Object held;
    }

    @Test
    void countsWhatTheJdksInternalObjectsHold() {
        byte[] data = new byte[1 << 20];
        // a sun.nio.ch.ChannelInputStream over a channel over a stream over the array
        Internal.held = java.nio.channels.Channels.newInputStream(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(data)));
        long counted = walk(List.of(Internal.class), List.of(), NO_LIMIT);
        assertTrue(counted >= size(data, Internal.held), "the array under the JDK's internal stream: " + counted);
    }

    static final class Chunks {
        static Object[] held;
    }

    @Test
    void stopsOnceItIsPastTheLimit() {
        Chunks.held = new Object[1000];
        for (int i = 0; i < Chunks.held.length; i++) {
            Chunks.held[i] = new byte[1000];
        }
        long all = walk(List.of(Chunks.class), List.of(), NO_LIMIT);
        assertEquals(size(Chunks.held) + Chunks.held.length * size(Chunks.held[0]), all);
        long stopped = walk(List.of(Chunks.class), List.of(), 10_000);
        assertTrue(stopped > 10_000 && stopped <= 10_000 + size(Chunks.held[0]), "stopped just past the limit: " + stopped);
    }

    @Test
    void countsWhatALiveThreadHoldsInItsThreadLocals() throws InterruptedException {
        ThreadLocal<byte[]> local = new ThreadLocal<>();
        CountDownLatch set = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable holding = () -> {
            local.set(new byte[1 << 20]);
            awaitIn(set, release);
        };
        Thread withLocal = new Thread(holding, "with-local");
        Thread without = new Thread(() -> awaitIn(set, release), "without");
        withLocal.start();
        without.start();
        try {
            set.await();
            long held = walk(List.of(), List.of(withLocal), NO_LIMIT);
            long bare = walk(List.of(), List.of(without), NO_LIMIT);
            assertTrue(held >= 1 << 20, "its thread local's megabyte: " + held);
            assertTrue(bare < 1 << 20, "a thread without: " + bare);
        } finally {
            release.countDown();
            withLocal.join();
            without.join();
        }
    }

    private static void awaitIn(CountDownLatch set, CountDownLatch release) {
        set.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An object whose methods a walk must not call. */
    static final class Hostile {
        final byte[] held = new byte[100];

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("equals called");
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode called");
        }

        @Override
        public String toString() {
            throw new AssertionError("toString called");
        }
    }

    static final class HostileHolder {
        static Object[] held;
    }

    @Test
    void callsNoMethodOfTheObjectsItWalks() {
        Hostile a = new Hostile();
        Hostile b = new Hostile();
        HostileHolder.held = new Object[] {a, b, a};
        assertEquals(size(HostileHolder.held, a, a.held, b, b.held), walk(List.of(HostileHolder.class), List.of(), NO_LIMIT));
    }

    /** Defined by {@link CountingLoader}, with a field of a type that only it resolves, and has not yet. */
    public static final class Secret {
        public static Object held = new byte[4096];
        final byte[] own = new byte[4096];
        Unresolved unresolved;

        public Secret() {
        }
    }

    static final class Unresolved {
    }

    /** A class loader of a guest's: code of its own that a type's resolution through it would run. */
    static final class CountingLoader extends ClassLoader {
        final AtomicInteger loads = new AtomicInteger();

        CountingLoader() {
            super(null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loads.incrementAndGet();
            if (!name.equals(Secret.class.getName()) && !name.equals(Unresolved.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = LiveHeapTest.class.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
                    byte[] classFile = in.readAllBytes();
                    return defineClass(name, classFile, 0, classFile.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    static final class ForeignHolder {
        static Object held;
    }

    @Test
    void readsNoFieldsOfAClassWhoseLoaderRunsCodeOfItsOwn() throws Exception {
        CountingLoader loader = new CountingLoader();
        Class<?> secret = Class.forName(Secret.class.getName(), true, loader);
        ForeignHolder.held = secret.getConstructor().newInstance();
        int loads = loader.loads.get();
        assertEquals(size(ForeignHolder.held), walk(List.of(ForeignHolder.class, secret), List.of(), NO_LIMIT),
                "the object counted, neither its field nor its class's static followed");
        assertEquals(loads, loader.loads.get(), "the walk asked the loader for nothing");
        secret.getDeclaredFields();
        assertTrue(loader.loads.get() > loads, "reflection on the class would have");
    }

    static final class Mutated {
        static List<Object> list = new ArrayList<>();
        static Object[] array = new Object[0];
    }

    static final class Initialised {
        static boolean yet;
    }

    static final class Uninitialised {
        static Object held = new byte[4096];

        static {
            Initialised.yet = true;
        }
    }

    @Test
    void initialisesNoClassWhoseStaticsItReads() {
        assertEquals(0, walk(List.of(Uninitialised.class), List.of(), NO_LIMIT), "its statics hold nothing yet");
        assertFalse(Initialised.yet, "its static initialiser did not run");
    }

    @Test
    void survivesTheGraphChangingWhileItWalks() throws InterruptedException {
        Mutated.array = new Object[0];
        AtomicBoolean done = new AtomicBoolean();
        Thread mutator = new Thread(() -> {
            for (int i = 0; !done.get(); i++) {
                if (i % 1000 == 0) {
                    Mutated.list = new ArrayList<>();
                }
                Mutated.list.add(new byte[i % 100]);
                Object[] array = new Object[1 + i % 500];
                array[array.length / 2] = Mutated.list;
                Mutated.array = array;
            }
        }, "mutator");
        mutator.start();
        try {
            for (int walk = 0; walk < 200; walk++) {
                assertTrue(walk(List.of(Mutated.class), List.of(), NO_LIMIT) > 0);
            }
        } finally {
            done.set(true);
            mutator.join();
        }
    }

    @Test
    void javaBaseExportsItsUnsafeNotToTheModuleOfJvisorsClasses() {
        assertFalse(Object.class.getModule().isExported("jdk.internal.misc", LiveHeap.class.getModule()),
                "jvisor's classes share their module with the application under -javaagent");
    }

    static final class Shared {
        static Object held;
    }

    @Test
    void countsNothingOfWhatOthersRegisteredBesideTheGuestsOwn() {
        Shared.held = new java.util.zip.Deflater(); // its cleaning action is linked with every other the JVM registered
        long alone = walk(List.of(Shared.class), List.of(), NO_LIMIT);
        List<java.util.zip.Deflater> others = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            others.add(new java.util.zip.Deflater());
        }
        assertEquals(alone, walk(List.of(Shared.class), List.of(), NO_LIMIT), "none of the others' registrations");
        others.forEach(java.util.zip.Deflater::end);
        ((java.util.zip.Deflater) Shared.held).end();
    }

    static final class HeavyThread extends Thread {
        final byte[] held = new byte[4096];
    }

    static final class NotAlive {
        static Object[] held;
    }

    @Test
    void countsAThreadThatIsNotAliveWithWhatItHolds() throws InterruptedException {
        byte[] captured = new byte[4096];
        Runnable task = () -> System.out.print(captured.length > 0 ? "" : "-");
        Thread unstarted = new Thread(task);
        HeavyThread ended = new HeavyThread();
        ended.start();
        ended.join();
        NotAlive.held = new Object[] {unstarted, ended};
        long counted = walk(List.of(NotAlive.class), List.of(), NO_LIMIT) - size(NotAlive.held);
        assertTrue(counted >= size(unstarted, task, captured, ended, ended.held), "both threads and what they hold: " + counted);
        NotAlive.held = new Object[] {unstarted, ended, Thread.currentThread()};
        assertEquals(counted, walk(List.of(NotAlive.class), List.of(), NO_LIMIT) - size(NotAlive.held), "nothing of the live thread");
    }

    static final class HeavyLoader extends ClassLoader {
        final byte[] held = new byte[4096];

        HeavyLoader(ClassLoader parent) {
            super(parent);
        }
    }

    static final class HeavyGroup extends ThreadGroup {
        final byte[] held = new byte[4096];

        HeavyGroup() {
            super("heavy");
        }
    }

    @Test
    void countsTheLoadersAndGroupsOfTheGuestsOwnButNoOneElses() {
        HeavyLoader own = new HeavyLoader(LiveHeapTest.class.getClassLoader());
        HeavyLoader foreign = new HeavyLoader(null); // the guest's class, but a loader of no guest's
        HeavyGroup group = new HeavyGroup();
        long counted = walkOfTestsLoader(List.of(own, group), List.of());
        assertTrue(counted >= size(own, own.held, group, group.held), "the guest's loader and group: " + counted);
        assertEquals(counted, walkOfTestsLoader(List.of(own, group, foreign, Thread.currentThread().getThreadGroup()), List.of()),
                "nothing of a loader not the guest's, nor of the JDK's group");
    }

    @Test
    void countsWhatJvisorHoldsForTheGuestButNotItsHolder() {
        HostObject holder = new HostObject();
        assertEquals(size(holder.held), walkOfTestsLoader(List.of(holder), List.of()));
    }

    @Test
    void findsTheGuestsObjectsInWhatTheJdkHoldsForEveryone() throws InterruptedException {
        java.lang.ref.Cleaner cleaner = java.lang.ref.Cleaner.create();
        Object kept = new Object();
        byte[] captured = new byte[1 << 20];
        cleaner.register(kept, () -> System.out.print(captured.length > 0 ? "" : "-"));
        Node guests = new Node();
        guests.other = new byte[4096];
        java.util.List<Object> jdks = new java.util.ArrayList<>(List.of(guests, new byte[1 << 20]));

        long counted = walkOfTestsLoader(List.of(), List.of(cleaner, jdks));
        assertTrue(counted >= size(captured, guests, guests.other), "the cleaning action's megabyte and the node: " + counted);
        assertTrue(counted < size(captured, guests, guests.other) + (1 << 20), "not the JDK's own megabyte: " + counted);
        java.lang.ref.Reference.reachabilityFence(kept);
    }
}
