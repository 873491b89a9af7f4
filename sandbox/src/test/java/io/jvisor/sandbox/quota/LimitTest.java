package io.jvisor.sandbox.quota;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the command line writes limits: amounts in each resource's unit, {@code SOFT/HARD}. */
class LimitTest {

    @Test
    void sizesArePowersOf1024() {
        assertEquals(10L, Resource.DISK.parse("10"));
        assertEquals(500L * 1024, Resource.DISK.parse("500k"));
        assertEquals(10L << 20, Resource.DISK.parse("10M"));
        assertEquals(2L << 30, Resource.DISK.parse("2G"));
        assertEquals(3L * 1024, Resource.DISK.parse("3KB"));
        assertEquals(3L * 1024, Resource.DISK.parse("3KiB"));
    }

    @Test
    void timesHaveUnitsAndSecondsByDefault() {
        assertEquals(2_000_000_000L, Resource.CPU_TIME.parse("2s"));
        assertEquals(2_000_000_000L, Resource.CPU_TIME.parse("2"));
        assertEquals(500_000_000L, Resource.CPU_TIME.parse("500ms"));
        assertEquals(60_000_000_000L, Resource.CPU_TIME.parse("1m"));
        assertEquals(7_200_000_000_000L, Resource.CPU_TIME.parse("2h"));
    }

    @Test
    void anythingElseIsRefusedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resource.DISK.parse("ten"));
        assertEquals("'ten' is not a size (such as 500k, 10M or 1G)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resource.DISK.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Resource.DISK.parse("1T"));
        assertThrows(IllegalArgumentException.class, () -> Resource.CPU_TIME.parse("2d"));
        assertEquals("'99999999999G' is too large: it is not a size (such as 500k, 10M or 1G)",
                assertThrows(IllegalArgumentException.class, () -> Resource.DISK.parse("99999999999G")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resource.THREADS.parse("2k"));
        assertThrows(IllegalArgumentException.class, () -> Limit.parse(Resource.THREADS, "/"));
    }

    @Test
    void oneAmountIsTheLimitARealMachineHas() {
        assertEquals(Limit.hard(2_000_000_000L), Limit.parse(Resource.CPU_TIME, "2s"), "a CPU time limit kills");
        assertEquals(Limit.hard(1L << 30), Limit.parse(Resource.ALLOCATED, "1G"));
        assertEquals(Limit.soft(16), Limit.parse(Resource.THREADS, "16"), "a thread limit refuses");
        assertEquals(Limit.soft(1024), Limit.parse(Resource.DISK, "1k"));
        assertEquals(Limit.soft(1024), Limit.parse(Resource.OUTPUT, "1k"));
    }

    @Test
    void softAndHardAreWrittenWithASlash() {
        assertEquals(new Limit(1_000_000_000L, 2_000_000_000L), Limit.parse(Resource.CPU_TIME, "1s/2s"));
        assertEquals(Limit.soft(8), Limit.parse(Resource.THREADS, "8/"));
        assertEquals(Limit.hard(8), Limit.parse(Resource.THREADS, "/8"));
        assertEquals(new Limit(3, 3), Limit.parse(Resource.OUTPUT, "3/3"));
    }

    @Test
    void aSoftLimitAboveTheHardIsRefused() {
        // the guest was killed at once, at the hard limit, with nothing said (audit 20)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limit.parse(Resource.OUTPUT, "500/3"));
        assertEquals("'500/3': the soft limit 500 is above the hard limit 3, where the guest would be killed first: "
                + "write SOFT/HARD with SOFT at most HARD", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Limit(8, 2));
    }

    @Test
    void limitsDescribeThemselves() {
        assertEquals("soft 1.00 s, hard 2.00 s", new Limit(1_000_000_000L, 2_000_000_000L).describe(Resource.CPU_TIME));
        assertEquals("soft 10.0 MiB", Limit.soft(10L << 20).describe(Resource.DISK));
        assertEquals("none", Limit.NONE.describe(Resource.THREADS));
        assertTrue(Limit.hard(3).hasHard());
    }
}
