package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guest's own defaults: the JVM's until it sets them, as {@code Locale.setDefault} and {@code TimeZone.setDefault} set the JVM's. */
class GuestDefaultsTest {

    private static final Locale JVM = Locale.CANADA;

    @Test
    void aLocaleOfEveryCategoryUntilOneCategoryIsSet() {
        GuestDefaults d = new GuestDefaults();
        assertSame(JVM, d.locale(null, JVM), "the JVM's until the guest sets its own");
        d.setLocale(null, Locale.GERMANY);
        for (Locale.Category c : new Locale.Category[] {null, Locale.Category.DISPLAY, Locale.Category.FORMAT}) {
            assertSame(Locale.GERMANY, d.locale(c, JVM), String.valueOf(c));
        }
        d.setLocale(Locale.Category.FORMAT, Locale.FRANCE);
        assertSame(Locale.FRANCE, d.locale(Locale.Category.FORMAT, JVM));
        assertSame(Locale.GERMANY, d.locale(Locale.Category.DISPLAY, JVM));
        assertSame(Locale.GERMANY, d.locale(null, JVM));
    }

    @Test
    void aTimeZoneIsACopyAndNullFollowsTheJvmAgain() {
        GuestDefaults d = new GuestDefaults();
        TimeZone jvm = TimeZone.getTimeZone("UTC");
        TimeZone own = TimeZone.getTimeZone("Pacific/Kiritimati");
        d.setZone(own);
        TimeZone seen = d.zone(jvm);
        assertEquals("Pacific/Kiritimati", seen.getID());
        assertNotSame(own, seen, "the guest cannot change its default but by setting it again");
        own.setID("Changed/Later");
        assertEquals("Pacific/Kiritimati", d.zone(jvm).getID());
        d.setZone(null);
        assertSame(jvm, d.zone(jvm));
    }

    private static Guest guest() throws Exception {
        return new Guest("defaults", Policy.parse("preset constrained\n", "defaults.policy"), new Console("defaults",
                Console.Mode.CAPTURE, System.out, System.err, InputStream.nullInputStream()), false, new Properties(), Map.of(),
                AuditLog.NONE);
    }

    @Test
    void anUncaughtExceptionGoesToTheGuestsHandlerElseItsStandardError() throws Exception {
        Guest g = guest();
        Thread dying = new Thread(() -> { }, "dying");
        GuestThreads.uncaught(g, dying, new IllegalStateException("first"));
        String err = g.console().capturedErr();
        assertTrue(err.startsWith("Exception in thread \"dying\" java.lang.IllegalStateException: first"), err);

        List<String> handled = new ArrayList<>();
        g.defaults().setHandler((thread, e) -> {
            handled.add(thread.getName() + ": " + e.getMessage());
            throw new IllegalStateException("what a handler throws is ignored, as by the JVM");
        });
        GuestThreads.uncaught(g, dying, new IllegalStateException("second"));
        GuestThreads.uncaught(g, dying, new GuestExit(g));
        assertEquals(List.of("dying: second"), handled, "the unwinding of its end is no exception of the guest's");
        GuestThreads.uncaught(g, dying, new GuestExit(guest()));
        assertEquals(List.of("dying: second", "dying: guest 'defaults' has ended"), handled,
                "another ended guest's, whose code its thread called, is");
        assertEquals(err, g.console().capturedErr());
    }

    @Test
    void aGuestHasNoDefaultHandlerUntilItSetsOne() {
        assertNull(new GuestDefaults().handler());
    }
}
