package io.jvisor.api.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one grammar of times, sizes and counts that jvisor's command line and its processor read. */
class AmountsTest {

    @Test
    void timesHaveUnitsAndAreSecondsWithout() {
        assertEquals(1, Amounts.nanos("1ns"));
        assertEquals(3_000, Amounts.nanos("3us"));
        assertEquals(500_000_000L, Amounts.nanos("500ms"));
        assertEquals(2_000_000_000L, Amounts.nanos("2s"));
        assertEquals(2_000_000_000L, Amounts.nanos("2"));
        assertEquals(180_000_000_000L, Amounts.nanos("3m"));
        assertEquals(180_000_000_000L, Amounts.nanos("3 min"));
        assertEquals(3_600_000_000_000L, Amounts.nanos("1h"));
    }

    @Test
    void sizesArePowersOf1024InEitherCase() {
        assertEquals(100, Amounts.bytes("100"));
        assertEquals(100, Amounts.bytes("100B"));
        assertEquals(1_024, Amounts.bytes("1k"));
        assertEquals(64L << 20, Amounts.bytes("64M"));
        assertEquals(64L << 20, Amounts.bytes("64mb"));
        assertEquals(64L << 20, Amounts.bytes("64MiB"));
        assertEquals(2L << 30, Amounts.bytes("2G"));
    }

    @Test
    void countsAreWholeNumbers() {
        assertEquals(16, Amounts.count("16"));
        assertEquals("'2k' is not a whole number", assertThrows(IllegalArgumentException.class, () -> Amounts.count("2k")).getMessage());
    }

    @Test
    void anythingElseIsRefusedWithAnExample() {
        assertEquals("'2 sec' is not a time (such as 500ms, 2s or 1m)",
                assertThrows(IllegalArgumentException.class, () -> Amounts.nanos("2 sec")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Amounts.nanos("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.nanos("-1s"));
        assertEquals("'1T' is not a size (such as 500k, 10M or 1G)",
                assertThrows(IllegalArgumentException.class, () -> Amounts.bytes("1T")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Amounts.bytes("1iB"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.bytes(""));
    }

    @Test
    void amountsPastALongAreRefusedNotWrapped() {
        assertEquals("'999999999999999G' is too large: it is not a size (such as 500k, 10M or 1G)",
                assertThrows(IllegalArgumentException.class, () -> Amounts.bytes("999999999999999G")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Amounts.nanos("99999999999999999999"));
    }
}
