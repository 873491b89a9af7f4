package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code --disk-quota SIZE}: bytes, with k, M or G as powers of 1024. */
class ByteSizeTest {

    private final RunCommand.ByteSize size = new RunCommand.ByteSize();

    @Test
    void aPlainNumberIsBytes() {
        assertEquals(10L, size.convert("10"));
        assertEquals(0L, size.convert("0"));
    }

    @Test
    void unitsArePowersOf1024() {
        assertEquals(500L * 1024, size.convert("500k"));
        assertEquals(10L * 1024 * 1024, size.convert("10M"));
        assertEquals(2L * 1024 * 1024 * 1024, size.convert("2G"));
        assertEquals(3L * 1024, size.convert("3KB"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThrows(TypeConversionException.class, () -> size.convert("ten"));
        assertThrows(TypeConversionException.class, () -> size.convert("-1"));
        assertThrows(TypeConversionException.class, () -> size.convert("1T"));
    }
}
