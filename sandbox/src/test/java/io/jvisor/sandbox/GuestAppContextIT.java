package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hosted guest has an AWT context of its own, as each applet had: Swing's defaults, its event
 * queue and event thread, its timers and repaint manager, ImageIO's cache. The JDK keeps them once
 * per context: in the JVM's one, a lazy value one guest put among Swing's defaults was made on the
 * thread of whichever program read the key next, with that program's files and rights.
 */
class GuestAppContextIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Reads what another program may have put among Swing's defaults, and uses Swing on its event thread. */
    private static final String READER = """
            package app;

            import javax.imageio.ImageIO;
            import javax.swing.JLabel;
            import javax.swing.SwingUtilities;
            import javax.swing.UIManager;

            public final class Reader {
                public static void main(String[] args) throws Exception {
                    System.out.println("planted " + UIManager.get("escape-planted") + ", " + UIManager.get("pool-planted"));
                    System.out.println("cache " + ImageIO.getUseCache());
                    ThreadGroup own = Thread.currentThread().getThreadGroup();
                    SwingUtilities.invokeAndWait(() -> System.out.println("label " + new JLabel("x").getPreferredSize().height
                            + " on its own event thread " + own.parentOf(Thread.currentThread().getThreadGroup())));
                }
            }
            """;

    /**
     * Puts among Swing's defaults, turns ImageIO's cache off and hands its event thread a task, the
     * event thread's first, from a task of the JDK's common pool.
     */
    private static final String POOL = """
            package app;

            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import javax.imageio.ImageIO;
            import javax.swing.SwingUtilities;
            import javax.swing.UIManager;

            public final class Pool {
                public static void main(String[] args) throws Exception {
                    ThreadGroup own = Thread.currentThread().getThreadGroup();
                    CountDownLatch ran = new CountDownLatch(1);
                    CompletableFuture.runAsync(() -> {
                        UIManager.put("pool-planted", "from the pool");
                        ImageIO.setUseCache(false);
                        SwingUtilities.invokeLater(() -> {
                            System.out.println("its event thread " + own.parentOf(Thread.currentThread().getThreadGroup()));
                            ran.countDown();
                        });
                    }).get();
                    ran.await();
                    System.out.println(UIManager.get("pool-planted") + ", cache " + ImageIO.getUseCache());
                }
            }
            """;

    /** Leaves a Swing timer running and its event thread busy when it exits. */
    private static final String TIMER = """
            package app;

            import java.util.concurrent.CountDownLatch;
            import javax.swing.SwingUtilities;
            import javax.swing.Timer;
            import javax.swing.UIManager;

            public final class Ticking {
                public static void main(String[] args) throws Exception {
                    UIManager.put("held", new Ticking()); // an object of the guest's, held by its context
                    CountDownLatch ticks = new CountDownLatch(3);
                    new Timer(1, e -> ticks.countDown()).start();
                    ticks.await();
                    SwingUtilities.invokeLater(() -> {
                        while (true) {
                            Thread.onSpinWait();
                        }
                    });
                    System.exit(3);
                }
            }
            """;

    /** Starts a spinning thread it made in the JVM's own group, by the JDK's code (a {@code forEach}), and returns. */
    private static final String ROOT_THREAD = """
            package app;

            import java.util.List;

            public final class RootThread {
                public static void main(String[] args) {
                    ThreadGroup root = Thread.currentThread().getThreadGroup();
                    while (root.getParent() != null) {
                        root = root.getParent();
                    }
                    Thread spinner = new Thread(root, () -> {
                        for (long n = 0; n >= 0; n++) {
                            Thread.onSpinWait();
                        }
                    }, "root-spinner");
                    spinner.setDaemon(true);
                    List.of(spinner).forEach(Thread::start);
                    System.out.println("started in " + spinner.getThreadGroup().getName());
                }
            }
            """;

    /** Lists the styles of Swing's default style context, adds one of the name it is given, and makes a text field. */
    private static final String STYLES = """
            package app;

            import java.util.Collections;
            import javax.swing.JTextField;
            import javax.swing.text.StyleContext;

            public final class Styles {
                public static void main(String[] args) {
                    StyleContext styles = StyleContext.getDefaultStyleContext();
                    System.out.println("styles " + Collections.list(styles.getStyleNames()));
                    styles.addStyle(args[0], null);
                    System.out.println("field " + new JTextField("x").getText());
                }
            }
            """;

    @TempDir
    Path dir;

    private Guest start(String name, GuestSpec.Builder spec) throws GuestStartException {
        return Hypervisor.get().start(spec.console(Console.Mode.CAPTURE).disk(dir.resolve(name + "-disk")).build());
    }

    private static String run(Guest g, int status) throws Exception {
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(status, result.exitStatus(), result + " " + g.console().capturedErr() + g.console().capturedOut());
        return g.console().capturedOut().strip();
    }

    private Guest app(String name, String main, String source) throws Exception {
        Path classes = GuestSources.compile(dir.resolve(name), Map.of("app." + main, source));
        return start(name, GuestSpec.builder(name).classPath(classes).mainClass("app." + main));
    }

    @Test
    void aLazyValueAGuestPutsAmongSwingsDefaultsIsMadeForItAlone() throws Exception {
        // the escape suite's technique
        String planted = run(start("planter", GuestSpec.builder("planter").classPath(Path.of(System.getProperty("sample.escapes")))
                .mainClass("escape.state.SwingLazyValue")), 0);
        assertEquals("state-swing-lazy-value: Swing's defaults now hold made by a lazy value a guest planted", planted,
                "its own defaults hold it");
        assertEquals(List.of("planted null, null", "cache true", "label 15 on its own event thread true"),
                run(app("reader", "Reader", READER), 0).lines().toList(), "another guest's defaults do not");
        assertNull(javax.swing.UIManager.get("escape-planted"), "nor do the JVM's, the host's");
    }

    @Test
    void whatAGuestsCodeSetsOnTheJdksSharedThreadsIsItsOwnToo() throws Exception {
        assertEquals(List.of("its event thread true", "from the pool, cache false"), run(app("pooled", "Pool", POOL), 0).lines().toList(),
                "its own context, set from the pool, and its own event thread, started from there");
        assertEquals(List.of("planted null, null", "cache true", "label 15 on its own event thread true"),
                run(app("after-pool", "Reader", READER), 0).lines().toList(), "another guest's");
        assertNull(javax.swing.UIManager.get("pool-planted"), "the host's");
        assertTrue(javax.imageio.ImageIO.getUseCache(), "the host's");
    }

    @Test
    void aThreadTheJdkStartsInTheJvmsGroupForEveryProgramIsNoGuests() throws Exception {
        Guest g = app("drawing", "Reader", READER);
        assertEquals("label 15 on its own event thread true", run(g, 0).lines().reduce((a, b) -> b).orElseThrow());
        // started by the first program that measured text (Java2D's disposer, which never ends): adopted, it held that guest for good
        assertTrue(g.awaitStopped(PATIENCE), "its threads ended");
        Thread disposer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("Java2D Disposer"))
                .findFirst().orElseThrow(() -> new AssertionError("a guest's Swing started Java2D's disposer"));
        assertNull(Hypervisor.get().guestOfThread(disposer), "no guest's");

        Guest rooted = app("rooted", "RootThread", ROOT_THREAD);
        assertEquals("started in system", run(rooted, 0));
        assertTrue(rooted.awaitStopped(PATIENCE), "its threads ended");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("root-spinner")),
                "a thread of its own that the JDK's code started in the JVM's group was its own, and ended with it");
    }

    /**
     * Swing's default style context is kept for the JVM, not per AWT context: every text document
     * looked its attributes up in its one pool, where one guest's attribute was compared, by its
     * own {@code equals}, with another guest's on that guest's thread (audit 16).
     */
    @Test
    void swingsDefaultStyleContextIsTheGuestsOwn() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("styles"), Map.of("app.Styles", STYLES));
        for (String name : List.of("first", "second")) {
            Guest g = start(name, GuestSpec.builder(name).classPath(classes).mainClass("app.Styles").args(List.of("planted-" + name)));
            assertEquals(List.of("styles [default]", "field x"), run(g, 0).lines().toList(), "its own, without the other's style");
        }
        assertTrue(java.util.Collections.list(javax.swing.text.StyleContext.getDefaultStyleContext().getStyleNames()).stream()
                .noneMatch(n -> n.toString().startsWith("planted-")), "the JVM's, the host's");
    }

    @Test
    void aGuestsEventThreadAndTimersEndWithItAndItsContextHoldsNothingOfIt() throws Exception {
        Guest g = app("ticking", "Ticking", TIMER);
        Collected loader = new Collected(g.classLoader());
        run(g, 3);
        // its timers' thread waits on after an interrupt unless its context is disposed of; its event thread spins in its code
        assertTrue(g.awaitStopped(PATIENCE), "its threads ended");
        g = null;
        assertTrue(loader.collected(), "the guest's class loader, which its AWT context held by a default, was collected");
    }
}
