package escape.console;

/**
 * Starts {@code echo MARKER} with {@code ProcessBuilder.inheritIO()}: the child inherits the JVM's
 * real file descriptors 0, 1 and 2, not the guest's {@code System.out}.
 *
 * <p>Source: JDK API, {@code ProcessBuilder.inheritIO},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ProcessBuilder.html#inheritIO()
 */
public final class InheritIo {

    private InheritIo() {
    }

    public static void main(String[] args) {
        try {
            int status = new ProcessBuilder("echo", args[0]).inheritIO().start().waitFor();
            System.out.println("console-inherit-io: echo with inherited I/O ended with " + status);
        } catch (Throwable t) {
            System.out.println("console-inherit-io: " + t);
        }
    }
}
