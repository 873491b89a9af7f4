package io.jvisor.api;

import io.jvisor.api.spi.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Pass-through chosen at the JVM's start, by {@code -Djvisor.api.passThrough=true}. */
class PassThroughPropertyTest {

    @BeforeAll
    static void startedWithTheProperty() {
        System.setProperty(Hypercalls.PASS_THROUGH_PROPERTY, "true");
    }

    @Test
    void theFirstHypercallChoosesPassThrough() {
        assertFalse(Backends.installed().isPresent());
        Hypercalls.environment().setProperty("jvisor.api.property-test", "set");
        assertSame(PassThrough.JDK, Backends.installed().orElseThrow());
        assertEquals("set", System.getProperty("jvisor.api.property-test"));
        assertFalse(Hypercalls.virtualised());
    }
}
