package io.jvisor.processor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The quota strings of {@code @Guest}. */
class QuantitiesTest {

    @Test
    void durationsInEachUnit() {
        assertEquals(500, Quantities.millis("500ms"));
        assertEquals(2_000, Quantities.millis("2s"));
        assertEquals(180_000, Quantities.millis("3m"));
        assertEquals(3_600_000, Quantities.millis("1h"));
    }

    @Test
    void durationsNeedAUnit() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.millis("2"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.millis("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.millis("-1s"));
    }

    @Test
    void sizesInPowersOf1024() {
        assertEquals(100, Quantities.bytes("100"));
        assertEquals(1_024, Quantities.bytes("1k"));
        assertEquals(64L << 20, Quantities.bytes("64M"));
        assertEquals(64L << 20, Quantities.bytes("64mb"));
        assertEquals(2L << 30, Quantities.bytes("2G"));
    }

    @Test
    void sizesThatAreMalformedOrTooLarge() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("64MiB"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("1T"));
        assertEquals("\"999999999999999G\" is too large a size",
                assertThrows(IllegalArgumentException.class, () -> Quantities.bytes("999999999999999G")).getMessage());
    }
}
