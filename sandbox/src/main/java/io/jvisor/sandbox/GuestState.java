package io.jvisor.sandbox;

/** The life of a guest: {@code CREATED -> RUNNING -> (EXITED | FAILED)}. */
public enum GuestState {
    /** loaded, main not yet started */
    CREATED,
    /** running its code */
    RUNNING,
    /** ended by returning from main or by exit or halt; see {@link GuestResult#exitStatus()} */
    EXITED,
    /** could not start, or main ended with an uncaught exception */
    FAILED
}
