package io.jvisor.api;

import java.util.Map;

/** A state with nothing in it, for hypercalls that only pass a state along. */
final class EmptyState implements State {

    @Override
    public Map<String, byte[]> save() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, byte[]> saved) {
        throw new AssertionError("an empty state is never restored in these tests");
    }
}
