package io.jvisor.sandbox;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A map whose keys are held weakly and told apart by identity, never by their own {@code equals}
 * and {@code hashCode}: its keys are a guest's objects (its class loaders, threads, streams),
 * whose classes may override both to be taken for another's (another guest's loader, its own
 * shutdown hook, a stream already counted). Thread-safe: each method holds the map's lock, and
 * none calls a method of a key.
 */
final class WeakIdentityMap<K, V> {

    private final Map<Object, V> map = new HashMap<>();
    private final ReferenceQueue<K> cleared = new ReferenceQueue<>();

    /** The value of a key, or {@code null} (always for a {@code null} key). */
    synchronized V get(Object key) {
        expunge();
        return key == null ? null : map.get(new Lookup(key));
    }

    synchronized boolean containsKey(Object key) {
        expunge();
        return key != null && map.containsKey(new Lookup(key));
    }

    synchronized void put(K key, V value) {
        expunge();
        map.put(new Ref<>(key, cleared), value);
    }

    synchronized void remove(Object key) {
        expunge();
        if (key != null) {
            map.remove(new Lookup(key));
        }
    }

    /** The keys still reachable, in no order. */
    synchronized List<K> keys() {
        expunge();
        List<K> keys = new ArrayList<>(map.size());
        for (Object ref : map.keySet()) {
            K key = referent(ref);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The values of the keys still reachable, in no order. */
    synchronized List<V> values() {
        expunge();
        List<V> values = new ArrayList<>(map.size());
        map.forEach((ref, value) -> {
            if (referent(ref) != null) {
                values.add(value);
            }
        });
        return values;
    }

    /** Passes each entry whose key is still reachable; {@code action} runs under the map's lock. */
    synchronized void forEach(BiConsumer<? super K, ? super V> action) {
        expunge();
        map.forEach((ref, value) -> {
            K key = referent(ref);
            if (key != null) {
                action.accept(key, value);
            }
        });
    }

    /** Removes the entries whose keys match; {@code which} runs under the map's lock. */
    synchronized void removeKeysIf(Predicate<? super K> which) {
        expunge();
        map.keySet().removeIf(ref -> {
            K key = referent(ref);
            return key == null || which.test(key);
        });
    }

    synchronized void clear() {
        expunge();
        map.clear();
    }

    @SuppressWarnings("unchecked")
    private K referent(Object ref) {
        return ((Ref<K>) ref).get();
    }

    private void expunge() {
        for (Object ref; (ref = cleared.poll()) != null; ) {
            map.remove(ref);
        }
    }

    /** A key as the map holds it: equal to another only for the same object (itself, once cleared). */
    private static final class Ref<K> extends WeakReference<K> {

        private final int hash;

        Ref(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object key = get();
            return key != null && o instanceof Ref && ((Ref<?>) o).get() == key;
        }
    }

    /** A key as a look-up asks for it: no reference for the collector to process. */
    private static final class Lookup {

        private final Object key;

        Lookup(Object key) {
            this.key = key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ref && ((Ref<?>) o).get() == key;
        }
    }
}
