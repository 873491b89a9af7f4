package escape.exit;

/**
 * Calls {@code System.exit} inside {@code catch (Throwable)} and, whatever the sandbox throws to
 * stop it, swallows it and tries again (then with {@code Runtime.halt}). Sandboxes that end a
 * program by throwing an error through its stack are defeated this way.
 *
 * <p>Source: JDK API, {@code Runtime.exit} ("this method never returns normally"),
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Runtime.html#exit(int)
 */
public final class SwallowAndRetryExit {

    private SwallowAndRetryExit() {
    }

    public static void main(String[] args) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                System.out.println("exit-swallow-and-retry: attempt " + attempt);
                if (attempt < 3) {
                    System.exit(0);
                } else {
                    Runtime.getRuntime().halt(0);
                }
            } catch (Throwable swallowed) {
                System.out.println("exit-swallow-and-retry: swallowed " + swallowed);
            }
        }
        System.out.println("exit-swallow-and-retry: still running after three attempts");
    }
}
