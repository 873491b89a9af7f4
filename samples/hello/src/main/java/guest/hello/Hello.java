package guest.hello;

/**
 * A well-behaved guest: greets, echoes its arguments, reads standard input ({@code --stdin}) or
 * prints a stack trace ({@code --trace}) if asked, returns.
 */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) throws java.io.IOException {
        System.out.println("Hello from a jvisor guest.");
        for (String arg : args) {
            if (arg.equals("--trace")) {
                new Exception("printed by the JDK's Throwable.printStackTrace()").printStackTrace();
            } else if (arg.equals("--stdin")) {
                byte[] input = System.in.readAllBytes();
                System.out.println("read " + input.length + " bytes from standard input");
            } else {
                System.out.println("argument: " + arg);
            }
        }
        System.err.println("(this line went to standard error)");
    }
}
