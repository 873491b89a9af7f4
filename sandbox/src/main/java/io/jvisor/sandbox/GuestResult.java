package io.jvisor.sandbox;

/**
 * How a guest ended.
 *
 * @param guest      the guest's name
 * @param state      {@link GuestState#EXITED}, {@link GuestState#FAILED} or {@link GuestState#STOPPED}
 * @param ending     what ended it
 * @param exitStatus the status a process running the same program would have ended with
 * @param detail     where or why it ended: the call site of an exit or halt, the uncaught
 *                   exception, or the reason it could not start; {@code ""} when main returned
 */
public record GuestResult(String guest, GuestState state, Ending ending, int exitStatus, String detail) {

    /** What ended a guest. */
    public enum Ending {
        /** main returned and no non-daemon thread of the guest was left */
        RETURNED,
        /** {@code System.exit} or {@code Runtime.exit} */
        EXIT,
        /** {@code Runtime.halt}: its shutdown hooks did not run */
        HALT,
        /** main ended with an uncaught exception */
        UNCAUGHT_EXCEPTION,
        /** the guest could not start */
        FAILED_TO_START,
        /** the host killed it: its shutdown hooks did not run */
        KILLED,
        /** it went past a hard quota and was killed: its shutdown hooks did not run */
        OVER_QUOTA,
        /** the JVM it ran in was asked to end (SIGTERM, SIGINT): its shutdown hooks ran, as a process's do */
        TERMINATED;

        /** The state of a guest that ended so. */
        GuestState state() {
            switch (this) {
                case UNCAUGHT_EXCEPTION:
                case FAILED_TO_START:
                    return GuestState.FAILED;
                case KILLED:
                case OVER_QUOTA:
                case TERMINATED:
                    return GuestState.STOPPED;
                default:
                    return GuestState.EXITED;
            }
        }

        /** Whether the guest's shutdown hooks run when it ends so: not after halt or a kill. */
        boolean runsShutdownHooks() {
            return this != HALT && this != KILLED && this != OVER_QUOTA;
        }
    }

    /** One line for people, e.g. {@code guest 'app' exited with status 3 (System.exit at Main.main(Main.java:9))}. */
    public String describe() {
        String how;
        switch (ending) {
            case RETURNED:
                how = "returned from main";
                break;
            case EXIT:
                how = "called exit";
                break;
            case HALT:
                how = "called halt";
                break;
            case UNCAUGHT_EXCEPTION:
                how = "ended with an uncaught exception";
                break;
            case KILLED:
                how = "was killed";
                break;
            case OVER_QUOTA:
                how = "was killed over a quota";
                break;
            case TERMINATED:
                how = "was terminated with its JVM";
                break;
            default:
                how = "could not start";
        }
        return "guest '" + guest + "' " + how + ", status " + exitStatus + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
