package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.util.List;

import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    /** A key of a guest's class, which claims to be every other of its class. */
    private static final class Lookalike {

        @Override
        public boolean equals(Object o) {
            return o instanceof Lookalike;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A key whose equals and hashCode throw, as a half-made object's may. */
    private static final class Unasked {

        @Override
        public boolean equals(Object o) {
            throw new IllegalStateException("asked");
        }

        @Override
        public int hashCode() {
            throw new IllegalStateException("asked");
        }
    }

    @Test
    void keysThatClaimToBeEqualAreToldApart() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Lookalike first = new Lookalike();
        Lookalike second = new Lookalike();
        map.put(first, "first");
        assertNull(map.get(second), "another key, however equal it claims to be");
        assertFalse(map.containsKey(second));
        map.put(second, "second");
        assertEquals("first", map.get(first), "a second key replaced nothing");
        assertEquals("second", map.get(second));
        assertEquals(2, map.keys().size());
    }

    @Test
    void noKeyIsAskedForItsEqualityOrHash() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Unasked key = new Unasked();
        map.put(key, "value");
        map.put(new Unasked(), "other");
        assertEquals("value", map.get(key));
        assertTrue(map.containsKey(key));
        map.removeKeysIf(k -> k == key);
        assertFalse(map.containsKey(key));
        assertEquals(List.of("other"), map.values());
        assertNull(map.get(null));
    }

    @Test
    void aKeyNothingElseHoldsGoes() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        WeakReference<Object> dropped = dropOne(map);
        for (int i = 0; i < 100 && dropped.get() != null; i++) {
            System.gc();
        }
        assumeTrue(dropped.get() == null, "the collector kept the dropped key through 100 collections");
        assertEquals(List.of(kept), map.keys());
        assertEquals(List.of("kept"), map.values());
    }

    private static WeakReference<Object> dropOne(WeakIdentityMap<Object, String> map) {
        Object key = new Object();
        map.put(key, "dropped");
        return new WeakReference<>(key);
    }
}
