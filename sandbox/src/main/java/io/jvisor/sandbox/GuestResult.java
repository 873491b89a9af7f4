package io.jvisor.sandbox;

/**
 * How a guest ended.
 *
 * @param guest      the guest's name
 * @param state      {@link GuestState#EXITED} or {@link GuestState#FAILED}
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
        FAILED_TO_START
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
            default:
                how = "could not start";
        }
        return "guest '" + guest + "' " + how + ", status " + exitStatus + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
