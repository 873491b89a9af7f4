package io.jvisor.sandbox;

/**
 * The life of a guest: {@code CREATED -> RUNNING <-> PAUSED}, then one of {@code EXITED},
 * {@code FAILED} or {@code STOPPED}.
 */
public enum GuestState {
    /** loaded, main not yet started */
    CREATED,
    /** running its code */
    RUNNING,
    /** paused by the host: its threads wait at their safepoints */
    PAUSED,
    /** ended by returning from main or by exit or halt; see {@link GuestResult#exitStatus()} */
    EXITED,
    /** could not start, or main ended with an uncaught exception */
    FAILED,
    /** ended by the host: killed, or over a hard quota */
    STOPPED
}
