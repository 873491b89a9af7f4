package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.policy.PolicyException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The work of the traps bound per class, for a guest made here: it acts on the guest's current
 * console and properties and counts each decision; a guest that must decide at each call (a denied
 * or audited operation) gets none.
 */
class BoundTrapsTest {

    private static Guest guest(String policy, AuditLog audit) throws PolicyException {
        Properties properties = new Properties();
        properties.setProperty("user.name", "guest");
        return new Guest("bound", Policy.parse(policy, "bound.policy"), new Console("bound", Console.Mode.CAPTURE,
                System.out, System.err, InputStream.nullInputStream()), false, properties, Map.of("GREETING", "hi"), audit);
    }

    @Test
    void everyTrapTheCatalogBindsPerClassHasWorkOfItsSitesType() throws PolicyException {
        Guest g = guest("preset trusted\n", AuditLog.NONE);
        for (CriticalInstruction e : Catalog.standard().entries()) {
            if (e.binding() == CriticalInstruction.Binding.CLASS) {
                MethodHandle work = BoundTraps.bound(g, e.hook());
                assertNotNull(work, e.hook());
                assertEquals(MethodType.fromMethodDescriptorString(e.siteDescriptor(), null), work.type(), e.hook());
            }
        }
        assertNull(BoundTraps.bound(g, "systemExit"), "a trap bound per call has no work here");
    }

    @Test
    void theWorkReadsTheGuestsCurrentStreamAndPropertiesAndCountsEachDecision() throws Throwable {
        Guest g = guest("preset trusted\n", AuditLog.NONE);
        MethodHandle stdout = BoundTraps.bound(g, "stdout");
        MethodHandle property = BoundTraps.bound(g, "getPropertyOrDefault");

        assertSame(g.console().out(), (PrintStream) stdout.invokeExact());
        PrintStream replaced = new PrintStream(new ByteArrayOutputStream());
        g.console().setOut(replaced);
        assertSame(replaced, (PrintStream) stdout.invokeExact());
        assertEquals(2L, g.decisionCounts().get("stdout"));

        assertEquals("guest", (String) property.invokeExact("user.name", "none"));
        g.properties().setProperty("user.name", "changed");
        assertEquals("changed", (String) property.invokeExact("user.name", "none"));
        g.setProperties(new Properties());
        assertEquals("none", (String) property.invokeExact("user.name", "none"));
        assertThrows(IllegalArgumentException.class, () -> { String unused = (String) property.invokeExact("", "none"); });
        assertEquals(3L, g.decisionCounts().get("property-read"), "a refused key is no decision");

        assertEquals("hi", (String) BoundTraps.bound(g, "getenv").invokeExact("GREETING"));
    }

    @Test
    void aDeniedOrAuditedOperationIsDecidedAtEachCall() throws PolicyException {
        assertNull(BoundTraps.bound(guest("preset trusted\ndeny stdout\n", AuditLog.NONE), "stdout"));
        assertNull(BoundTraps.bound(guest("preset trusted\n", AuditLog.to(new StringWriter(), true)), "stdout"));
        assertNotNull(BoundTraps.bound(guest("preset trusted\n", AuditLog.to(new StringWriter(), false)), "stdout"),
                "a log of denials only records no allowed read");
    }

    @Test
    void aTargetBoundToAGuestFallsBackOnceTheGuestBeginsToEnd() throws Throwable {
        Guest g = guest("preset trusted\n", AuditLog.NONE);
        MethodHandle fallback = MethodHandles.constant(PrintStream.class, Console.discarding());
        MethodHandle target = g.whileRunning(BoundTraps.bound(g, "stdout"), fallback);

        assertSame(g.console().out(), (PrintStream) target.invokeExact());
        g.end(GuestResult.Ending.KILLED, Guest.KILLED_STATUS, "killed by the test");
        assertSame(Console.discarding(), (PrintStream) target.invokeExact());
    }
}
