package guest.exit;

/**
 * Ends with {@code System.exit}: status 3, or the first argument. Its shutdown hook and the line
 * after the exit show what ran: the hook does, the line never does.
 */
public final class ExitSample {

    private ExitSample() {
    }

    public static void main(String[] args) {
        int status = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("exiting with status " + status);
        System.exit(status);
        System.out.println("this line is never printed");
    }
}
