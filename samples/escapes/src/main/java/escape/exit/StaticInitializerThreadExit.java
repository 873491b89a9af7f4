package escape.exit;

/**
 * Starts a thread from its static initializer, before {@code main} runs, and that thread calls
 * {@code System.exit(0)}: code that runs during class initialization, on a thread the guest made
 * before its entry point was even called.
 *
 * <p>Source: JLS 12.4.2, Detailed Initialization Procedure,
 * https://docs.oracle.com/javase/specs/jls/se17/html/jls-12.html#jls-12.4.2
 */
public final class StaticInitializerThreadExit {

    private static final Thread EXITER = new Thread(new Exiter(), "static-initializer-exiter");

    static {
        System.out.println("exit-from-static-initializer-thread: starting a thread that exits");
        EXITER.start();
    }

    private StaticInitializerThreadExit() {
    }

    /** Runs on the thread started by the static initializer. */
    static final class Exiter implements Runnable {
        @Override
        public void run() {
            try {
                System.exit(0);
            } catch (Throwable t) {
                System.out.println("exit-from-static-initializer-thread: " + t);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        EXITER.join();
        System.out.println("exit-from-static-initializer-thread: the exiting thread ended and main goes on");
    }
}
