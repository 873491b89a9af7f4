package guest.hello;

/**
 * A well-behaved guest: greets, echoes its arguments, and if asked reads standard input
 * ({@code --stdin}), prints a stack trace ({@code --trace}), sets, reads a system property
 * ({@code --set=KEY=VALUE}, {@code --get=KEY}) or reads an environment variable
 * ({@code --env=NAME}); returns.
 */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) throws java.io.IOException {
        System.out.println("Hello from a jvisor guest.");
        for (String arg : args) {
            if (arg.startsWith("--set=")) {
                String[] kv = arg.substring(6).split("=", 2);
                System.setProperty(kv[0], kv[1]);
            } else if (arg.startsWith("--get=")) {
                String key = arg.substring(6);
                System.out.println(key + "=" + System.getProperty(key) + " (as an integer: " + Integer.getInteger(key) + ")");
            } else if (arg.startsWith("--env=")) {
                String name = arg.substring(6);
                System.out.println("$" + name + "=" + System.getenv(name) + " (" + System.getenv().size() + " variables)");
            } else if (arg.equals("--trace")) {
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
