package io.jvisor.api;

import java.util.Map;

/**
 * State a guest declares with {@link Hypercalls#declareState(String, State)}: what a snapshot of the
 * guest keeps beside its disk, and gives back when the guest is restored. The processor generates
 * one for a class with {@link Saved} fields.
 *
 * <p>The hypervisor calls {@link #save()} and {@link #restore(Map)} on a thread of the guest while
 * the guest's other threads are paused.
 */
public interface State {

    /**
     * The state as named values.
     *
     * @return a new map from names to bytes, never {@code null}; the caller may keep and change it
     */
    Map<String, byte[]> save();

    /**
     * Puts back a state that {@link #save()} returned.
     *
     * @param saved the named values, not {@code null}
     * @throws IllegalArgumentException if {@code saved} lacks a value this state needs, or holds a
     *                                  malformed one
     */
    void restore(Map<String, byte[]> saved);
}
