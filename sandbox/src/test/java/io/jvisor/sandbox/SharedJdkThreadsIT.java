package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK starts some threads for every program of the JVM when the first one needs them, the
 * thread of {@code CompletableFuture}'s delays and the one that calls the listeners of preferences
 * among them. The guest that happens to be the first does not own it: another guest's task there,
 * while the first runs, reads the other guest's disk.
 */
class SharedJdkThreadsIT {

    private static final Duration READY = Duration.ofSeconds(30);

    /** Reads {@code /x.txt} of its disk, by the JDK's {@code file:} URL, on the delay thread. */
    private static final String READER = String.join("\n",
            "import java.util.concurrent.*;",
            "public class Reader {",
            "  static String read() {",
            "    try (java.io.InputStream in = (java.io.InputStream) new java.net.URL(\"file:///x.txt\").getContent()) {",
            "      return new String(in.readAllBytes()).trim();",
            "    } catch (Exception e) {",
            "      return e.toString();",
            "    }",
            "  }",
            "  public static void main(String[] args) throws Exception {",
            "    Executor delayed = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, Runnable::run);",
            "    System.out.println(\"delay thread: \" + CompletableFuture.supplyAsync(Reader::read, delayed).get());",
            "    holdOn(args);",
            "  }",
            "  /** Holds on (the threads the JDK started for it with it) until its host says: a guest's end is another story. */",
            "  static void holdOn(String[] args) throws InterruptedException {",
            "    for (long end = System.nanoTime() + 30_000_000_000L; args.length > 0 && !new java.io.File(\"/done\").exists() && System.nanoTime() < end;) {",
            "      Thread.sleep(10);",
            "    }",
            "  }",
            "}",
            "");

    /** Reads {@code /x.txt} of its disk, by the JDK's {@code file:} URL, in a listener of its preferences. */
    private static final String LISTENER = String.join("\n",
            "import java.util.concurrent.*;",
            "public class Listener {",
            "  public static void main(String[] args) throws Exception {",
            "    CompletableFuture<String> read = new CompletableFuture<>();",
            "    java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot().node(\"listened\");",
            "    node.addPreferenceChangeListener(e -> read.complete(Reader.read()));",
            "    node.put(\"key\", \"value\");",
            "    System.out.println(\"preferences' thread: \" + read.get(30, TimeUnit.SECONDS));",
            "    Reader.holdOn(args);",
            "  }",
            "}",
            "");

    /** Hands the JDK's delay thread, or the finalizer (args[0]), a callback that waits for ever. */
    private static final String BLOCKER = String.join("\n",
            "import java.util.concurrent.*;",
            "public class Blocker {",
            "  static void block() {",
            "    System.out.println(\"blocking \" + Thread.currentThread().getName());",
            "    try { new CountDownLatch(1).await(); } catch (InterruptedException e) { System.out.println(\"woken\"); }",
            "  }",
            "  @SuppressWarnings(\"deprecation\") @Override protected void finalize() { block(); }",
            "  public static void main(String[] args) throws Exception {",
            "    if (args[0].equals(\"delay-thread\")) {",
            "      CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, Runnable::run).execute(Blocker::block);",
            "    } else {",
            "      new Blocker();",
            "    }",
            "    for (;;) { System.gc(); Thread.sleep(10); }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    private Guest guest(String name, Path classes, String main, String... args) throws Exception {
        Path disk = Files.createDirectories(dir.resolve(name));
        Files.writeString(disk.resolve("x.txt"), name + "'s file");
        return Hypervisor.get().start(GuestSpec.builder(name).classPath(classes).mainClass(main).args(java.util.List.of(args))
                .console(Console.Mode.CAPTURE).disk(disk).build());
    }

    @Test
    void aLaterGuestsTaskOnAThreadTheJdkStartedForAnEarlierOneIsTheLaterGuests() throws Exception {
        assertEachReadsItsOwnFile("", "Reader", "delay thread: ");
    }

    @Test
    void aLaterGuestsListenerOnThePreferencesThreadAnEarlierOneStartedIsTheLaterGuests() throws Exception {
        assertEachReadsItsOwnFile("prefs-", "Listener", "preferences' thread: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"delay-thread", "finalizer"})
    void aGuestsCallbackWaitingOnAThreadOfTheJdksEndsWithItAndTheThreadServesTheOthers(String thread) throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Blocker", BLOCKER));
        Guest blocker = guest("blocker-" + thread, classes, "Blocker", thread);
        assertTrue(blocker.console().awaitOut("blocking", READY), blocker.console().capturedErr());
        blocker.kill();
        assertTrue(blocker.awaitStopped(READY));

        CountDownLatch served = new CountDownLatch(1);
        if (thread.equals("delay-thread")) {
            CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, Runnable::run).execute(served::countDown);
        } else {
            finalized(served);
            for (long end = System.nanoTime() + READY.toNanos(); System.nanoTime() < end && !served.await(10, TimeUnit.MILLISECONDS);) {
                System.gc();
            }
        }
        assertTrue(served.await(READY.toSeconds(), TimeUnit.SECONDS), "the host's callback ran on the " + thread);
        assertTrue(blocker.console().capturedOut().contains("blocking " + (thread.equals("delay-thread") ? "" : "Finalizer")),
                blocker.console().capturedOut());
    }

    /** An object of the host's, unreachable, whose finalizer counts down. */
    @SuppressWarnings("deprecation")
    private static void finalized(CountDownLatch latch) {
        new Object() {
            @Override
            protected void finalize() {
                latch.countDown();
            }
        };
    }

    /** A first guest that holds on, and a second one while it does: each reads its own disk's file on the JDK's thread. */
    private void assertEachReadsItsOwnFile(String prefix, String main, String says) throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Reader", READER, "Listener", LISTENER));
        Guest first = guest(prefix + "first", classes, main, "hold");
        assertTrue(first.console().awaitOut(says, READY), first.console().capturedErr());
        Guest second = guest(prefix + "second", classes, main);
        GuestResult secondResult = second.await(READY);
        Files.writeString(dir.resolve(prefix + "first").resolve("done"), "");
        GuestResult firstResult = first.await(READY);

        String nl = System.lineSeparator();
        assertAll(first.console().capturedErr() + second.console().capturedErr(),
                () -> assertEquals(0, firstResult == null ? -1 : firstResult.exitStatus()),
                () -> assertEquals(says + prefix + "first's file" + nl, first.console().capturedOut()),
                () -> assertEquals(0, secondResult == null ? -1 : secondResult.exitStatus()),
                () -> assertEquals(says + prefix + "second's file" + nl, second.console().capturedOut()));
    }
}
