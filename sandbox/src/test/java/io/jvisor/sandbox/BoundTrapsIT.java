package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The traps bound per class ({@code System.out}, {@code System.getProperty}, ...) act as their
 * static traps did: each guest's site is bound to it, sees what the guest changed, is decided at
 * each call where the policy denies or the audit log records, and stops acting for a guest that
 * has ended. The probe warms its sites up in a loop, so that the JIT compiles them bound.
 */
class BoundTrapsIT {

    private static final String NL = System.lineSeparator();
    private static final int WARM = 200_000;

    /** A guest program; its static methods each hold one site of a trap bound per class. */
    private static final String PROBE = String.join("\n",
            "import java.io.*;",
            "import java.util.*;",
            "public class Probe {",
            "  public static PrintStream out() { return System.out; }",
            "  public static String property(String key) { return System.getProperty(key); }",
            "  public static String propertyOr(String key) { return System.getProperty(key, \"default\"); }",
            "  public static String env(String name) { return System.getenv(name); }",
            "  public static void main(String[] args) throws Exception {",
            "    PrintStream first = out();",
            "    int warm = Integer.parseInt(args[1]);",
            "    for (int i = 0; i < warm; i++) {",
            "      if (out() != first || property(\"probe.key\") != null || !propertyOr(\"probe.key\").equals(\"default\")) {",
            "        throw new AssertionError(\"changed at \" + i);",
            "      }",
            "    }",
            "    switch (args[0]) {",
            "      case \"set-out\": {",
            "        ByteArrayOutputStream buffer = new ByteArrayOutputStream();",
            "        System.setOut(new PrintStream(buffer, true));",
            "        out().print(\"into the buffer\");",
            "        System.setOut(first);",
            "        out().println(\"the buffer holds: \" + buffer);",
            "        break;",
            "      }",
            "      case \"properties\": {",
            "        System.setProperty(\"probe.key\", \"set\");",
            "        out().println(property(\"probe.key\") + \" \" + propertyOr(\"probe.key\"));",
            "        Properties replaced = new Properties();",
            "        replaced.setProperty(\"probe.key\", \"replaced\");",
            "        System.setProperties(replaced);",
            "        out().println(property(\"probe.key\") + \" \" + propertyOr(\"probe.key\"));",
            "        System.setProperties(null);",
            "        out().println(property(\"probe.key\") + \" \" + propertyOr(\"probe.key\"));",
            "        break;",
            "      }",
            "      case \"print\":",
            "        out().println(args[2]);",
            "        System.err.println(\"after the print\");",
            "        break;",
            "      case \"env\":",
            "        out().println(env(\"GREETING\"));",
            "        break;",
            "      case \"wait\":",
            "        out().println(\"bound\");",
            "        Thread.sleep(Long.MAX_VALUE);",
            "        break;",
            "      default:",
            "        throw new IllegalArgumentException(args[0]);",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    static Path sources;

    private static Path classes;

    @BeforeAll
    static void compileTheProbe() throws Exception {
        classes = GuestSources.compile(sources, Map.of("Probe", PROBE));
    }

    private static GuestSpec.Builder probe(String name, String... args) {
        return GuestSpec.builder(name).classPath(classes).mainClass("Probe").args(List.of(args)).console(Console.Mode.CAPTURE);
    }

    private static Guest run(GuestSpec.Builder spec) throws Exception {
        Guest g = Hypervisor.get().start(spec.build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(GuestResult.Ending.RETURNED, r.ending(), g.console().capturedErr());
        return g;
    }

    @Test
    void aGuestsSetOutIsSeenByItsNextReadOfSystemOut() throws Exception {
        Guest g = run(probe("bound-set-out", "set-out", String.valueOf(WARM)));
        assertEquals("the buffer holds: into the buffer" + NL, g.console().capturedOut());
    }

    @Test
    void aPropertySetOrReplacedIsWhatTheNextReadGets() throws Exception {
        Guest g = run(probe("bound-properties", "properties", String.valueOf(WARM)));
        assertEquals("set set" + NL + "replaced replaced" + NL + "null default" + NL, g.console().capturedOut());
    }

    @Test
    void aDeniedStdoutStillDiscardsWhatTheGuestWrites() throws Exception {
        Policy quiet = Policy.parse("preset constrained\ndeny stdout\n", "quiet.policy");
        Guest g = run(probe("bound-denied", "print", String.valueOf(WARM), "hidden").policy(quiet));
        assertEquals("", g.console().capturedOut());
        assertEquals("after the print" + NL, g.console().capturedErr());
    }

    @Test
    void everyReadIsCountedAndAnAuditOfAllDecisionsRecordsEachRead() throws Exception {
        Guest counted = run(probe("bound-counted", "print", "5", "x"));
        // the first read, 5 reads in the loop, the print's
        assertEquals(7L, counted.decisionCounts().get("stdout"));
        assertEquals(10L, counted.decisionCounts().get("property-read"));

        StringWriter log = new StringWriter();
        Guest audited = run(probe("bound-audited", "print", "5", "x").audit(AuditLog.to(log, true)));
        assertEquals("x" + NL, audited.console().capturedOut());
        assertEquals(7L, log.toString().lines().filter(l -> l.contains("\"operation\": \"stdout\"")).count(), log.toString());
        assertEquals(10L, log.toString().lines().filter(l -> l.contains("\"operation\": \"property-read\"")).count());
    }

    @Test
    void twoGuestsOfTheSameClassFilesHaveSitesOfTheirOwn() throws Exception {
        Guest a = Hypervisor.get().start(probe("bound-a", "env", String.valueOf(WARM))
                .policy(Policy.parse("preset constrained\nenv GREETING=from-a\n", "a.policy")).build());
        Guest b = Hypervisor.get().start(probe("bound-b", "env", String.valueOf(WARM))
                .policy(Policy.parse("preset constrained\nenv GREETING=from-b\n", "b.policy")).build());
        assertEquals(0, a.await().exitStatus(), a.console().capturedErr());
        assertEquals(0, b.await().exitStatus(), b.console().capturedErr());
        assertEquals("from-a" + NL, a.console().capturedOut());
        assertEquals("from-b" + NL, b.console().capturedOut());
    }

    @Test
    void aKilledGuestsCodeUnwindsAtItsBoundSite() throws Exception {
        Guest g = Hypervisor.get().start(probe("bound-killed", "wait", String.valueOf(WARM)).build());
        assertTrue(g.console().awaitOut("bound", Duration.ofSeconds(60)), g.console().capturedErr());
        Method out = Class.forName("Probe", true, g.classLoader()).getMethod("out");
        assertSame(g.console().out(), out.invoke(null), "the host calls the guest's code, which acts as the guest's");

        g.kill();
        assertTrue(g.awaitStopped(Duration.ofSeconds(10)));
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> out.invoke(null));
        assertInstanceOf(GuestExit.class, e.getCause(), "the ended guest's code may not act");
    }

    /** A site of the application (this class) bound before a scope: on the scope's thread it is the scope's. */
    private static PrintStream applicationOut() {
        return System.out;
    }

    @Test
    void aScopeOnTheThreadTakesOverTheApplicationsBoundSite() throws Exception {
        PrintStream application = applicationOut();
        for (int i = 0; i < WARM; i++) {
            assertSame(application, applicationOut());
        }
        GuestScope.Outcome o = GuestScope.run(Policy.preset(Policy.DEFAULT_PRESET), () -> applicationOut().print("in the scope"));
        assertEquals("in the scope", o.out());
        assertSame(application, applicationOut(), "the application's own again once the scope is left");
    }
}
