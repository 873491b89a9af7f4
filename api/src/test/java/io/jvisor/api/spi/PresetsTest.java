package io.jvisor.api.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The presets' names and their order of trust. */
class PresetsTest {

    @Test
    void presetsAreOrderedFromTheMostTrusting() {
        assertTrue(Presets.trustsMore("trusted", Presets.DEFAULT));
        assertFalse(Presets.trustsMore(Presets.DEFAULT, Presets.DEFAULT));
        assertFalse(Presets.trustsMore("untrusted", "isolated"));
        assertTrue(Presets.NAMES.contains(Presets.DEFAULT));
    }

    @Test
    void anUnknownPresetIsNamedWithTheKnownOnes() {
        assertEquals("unknown preset 'root' (known: trusted, constrained, isolated, untrusted)",
                assertThrows(IllegalArgumentException.class, () -> Presets.trustsMore("root", "trusted")).getMessage());
    }
}
