package io.jvisor.sandbox.quota;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

/**
 * The quotas of one guest: a {@link Limit} per {@link Resource}, which the host may change while
 * the guest runs (a new limit acts from the next measurement or operation on). Thread-safe.
 */
public final class Quotas {

    /** Read on every metered operation (each write to the console): one array read, no lock. */
    private final AtomicReferenceArray<Limit> limits = new AtomicReferenceArray<>(Resource.values().length);
    private final BiConsumer<Resource, Limit> applies;

    /**
     * @param initial the limits to start with; resources not named have none
     * @param applies applies a limit to the guest, before it is stored: at start and on each change;
     *                it throws to refuse the limit ({@link UnsupportedOperationException} if the JVM
     *                cannot measure the resource); not {@code null}
     */
    public Quotas(Map<Resource, Limit> initial, BiConsumer<Resource, Limit> applies) {
        this.applies = Objects.requireNonNull(applies, "applies");
        for (Resource r : Resource.values()) {
            limits.set(r.ordinal(), Limit.NONE);
        }
        initial.forEach(this::set);
    }

    /** The limit of a resource; {@link Limit#NONE} if it has none. */
    public Limit get(Resource resource) {
        return limits.get(resource.ordinal());
    }

    /**
     * Changes the limit of a resource, also while the guest runs.
     *
     * @throws UnsupportedOperationException if this JVM cannot measure the resource
     * @throws IllegalArgumentException      if the resource cannot have such a limit
     */
    public synchronized void set(Resource resource, Limit limit) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(limit, "limit");
        applies.accept(resource, limit);
        limits.set(resource.ordinal(), limit);
    }

    /** Every resource's limit, those without one left out. */
    public Map<Resource, Limit> all() {
        Map<Resource, Limit> copy = new EnumMap<>(Resource.class);
        for (Resource r : Resource.values()) {
            Limit l = get(r);
            if (!l.equals(Limit.NONE)) {
                copy.put(r, l);
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
