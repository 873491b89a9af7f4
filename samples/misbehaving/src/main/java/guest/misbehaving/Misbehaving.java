package guest.misbehaving;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * A guest that tries what a well-behaved program would not: it replaces {@code System.out},
 * swallows its own exit with {@code catch (Throwable)}, halts through a method reference, exits by
 * reflection or a method handle, and exits from a background thread while its main thread goes on. Under jvisor each of these
 * touches only the guest: the host's streams stay as they were and the JVM survives.
 *
 * <p>Argument: which trick to play ({@code stdout}, {@code swallow}, {@code reference},
 * {@code reflection}, {@code handle}, {@code reflective-hook}, {@code reflective-stdout},
 * {@code process}, {@code process-env}, {@code process-pwd}, {@code destroy PID}, {@code connect PORT}, {@code datagram PORT}, {@code resolve HOST}, {@code listen}, {@code reflective-exec}, {@code reflective-file},
 * {@code finally}, {@code thread}); with none, {@code stdout}, {@code swallow}
 * and {@code thread} in that order until one ends the guest.
 */
public final class Misbehaving {

    private Misbehaving() {
    }

    public static void main(String[] args) throws Throwable {
        String trick = args.length > 0 ? args[0] : "all";
        if (trick.equals("stdout") || trick.equals("all")) {
            replaceStdout();
        }
        if (trick.equals("swallow") || trick.equals("all")) {
            swallowExit();
        }
        if (trick.equals("reference")) {
            IntConsumer halt = Runtime.getRuntime()::halt;
            halt.accept(13);
        }
        if (trick.equals("reflection")) {
            // Past the call-site rewriting: only the guard inside Runtime.exit sees this one.
            System.class.getMethod("exit", int.class).invoke(null, 11);
        }
        if (trick.equals("handle")) {
            MethodHandles.publicLookup().findStatic(System.class, "exit", MethodType.methodType(void.class, int.class))
                    .invokeExact(12);
        }
        if (trick.equals("reflective-hook")) {
            Runtime.class.getMethod("addShutdownHook", Thread.class)
                    .invoke(Runtime.getRuntime(), new Thread(() -> System.out.println("the hook added by reflection ran")));
        }
        if (trick.equals("reflective-stdout")) {
            System.class.getMethod("setOut", PrintStream.class).invoke(null, new PrintStream(OutputStream.nullOutputStream()));
            System.out.println("this line went to the stream set by reflection");
            System.err.println("replaced System.out by reflection");
        }
        if (trick.equals("process")) {
            int status = new ProcessBuilder("true").start().waitFor();
            System.out.println("ran true, status " + status);
        }
        if (trick.equals("process-env")) {
            Process child = new ProcessBuilder("env").start();
            String env = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            System.out.println("the child's environment: " + String.join(",", env.lines().sorted().toArray(String[]::new)));
            System.out.println("a new builder's environment: " + new ProcessBuilder().environment().size() + " variables");
        }
        if (trick.equals("process-fills-disk")) {
            // A program the guest may run writes 64 KiB past jvisor's meter; the guest then writes 1 KiB.
            int status = new ProcessBuilder("head", "-c", "65536", "/dev/zero")
                    .redirectOutput(new java.io.File("/tmp/big.bin")).start().waitFor();
            System.out.println("head ended with " + status);
            try (java.io.FileOutputStream out = new java.io.FileOutputStream("/tmp/small.bin")) {
                out.write(new byte[1024]);
                System.out.println("wrote 1 KiB after it");
            } catch (java.io.IOException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
        if (trick.equals("process-pwd")) {
            // A program's working directory and the file its output goes to, both guest paths.
            int status = new ProcessBuilder("pwd").directory(new java.io.File("/work"))
                    .redirectOutput(new java.io.File("/work/pwd.txt")).start().waitFor();
            System.out.println("pwd ended with " + status + " and wrote "
                    + java.nio.file.Files.readString(java.nio.file.Path.of("/work/pwd.txt")).trim());
        }
        if (trick.equals("connect")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(args[1]))) {
                System.out.println("connected to port " + socket.getPort());
            }
        }
        if (trick.equals("datagram")) {
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
                byte[] data = "ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                socket.send(new java.net.DatagramPacket(data, data.length, java.net.InetAddress.getByName("127.0.0.1"),
                        Integer.parseInt(args[1])));
                System.out.println("sent a datagram to port " + args[1]);
            }
        }
        if (trick.equals("destroy")) {
            // Another program's process, by its pid, and every process; then a child of its own.
            try {
                ProcessHandle other = ProcessHandle.of(Long.parseLong(args[1])).orElseThrow();
                System.out.println("destroyed process " + other.pid() + ": " + other.destroyForcibly());
            } catch (SecurityException e) {
                System.out.println("refused: " + e.getMessage());
            }
            try {
                System.out.println("the machine runs " + ProcessHandle.allProcesses().count() + " processes");
            } catch (SecurityException e) {
                System.out.println("refused: " + e.getMessage());
            }
            Process own = new ProcessBuilder("sleep", "60").start();
            own.destroyForcibly().waitFor();
            System.out.println("destroyed its own child: " + !own.isAlive());
        }
        if (trick.equals("resolve")) {
            try {
                System.out.println("resolved " + java.net.InetAddress.getByName(args[1]));
            } catch (java.net.UnknownHostException e) {
                System.out.println("unknown host: " + e.getMessage());
            }
        }
        if (trick.equals("listen")) {
            // A channel reports where it is bound (a ServerSocket, the address it was asked for).
            try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()
                    .bind(new java.net.InetSocketAddress(0))) {
                java.net.InetSocketAddress at = (java.net.InetSocketAddress) server.getLocalAddress();
                System.out.println("listening on " + at.getAddress().getHostAddress());
            }
        }
        if (trick.equals("reflective-exec")) {
            Process p = (Process) Runtime.class.getMethod("exec", String.class).invoke(Runtime.getRuntime(), "true");
            System.out.println("ran true by reflection, status " + p.waitFor());
        }
        if (trick.equals("reflective-file")) {
            // A path and a stream made by reflection, as a command-line parser converts its options.
            java.nio.file.Path path = (java.nio.file.Path) java.nio.file.Paths.class.getMethod("get", String.class, String[].class)
                    .invoke(null, "/reflected.txt", new String[0]);
            java.nio.file.Files.writeString(path, "through a path made by reflection");
            try (OutputStream out = java.io.FileOutputStream.class.getConstructor(String.class).newInstance("/constructed.txt")) {
                out.write('x');
            }
            System.out.println("wrote " + path.toAbsolutePath() + " and /constructed.txt");
        }
        if (trick.equals("finally")) {
            String how = exitInAFinallyThatReturns();
            System.out.println("went on after the exit: " + how);
        }
        if (trick.equals("thread") || trick.equals("all")) {
            exitFromThread();
        }
        System.out.println("main went on after every trick");
    }

    private static void replaceStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        System.setOut(new PrintStream(sink, true));
        System.out.println("captured by the guest itself");
        System.setOut(original);
        System.out.println("replaced System.out and captured " + sink.size() + " bytes");
    }

    private static void swallowExit() {
        try {
            System.out.println("exiting with status 7 inside catch (Throwable)");
            System.exit(7);
        } catch (Throwable swallowed) {
            System.out.println("swallowed the exit: " + swallowed);
        }
    }

    @SuppressWarnings("finally")
    private static String exitInAFinallyThatReturns() {
        try {
            System.exit(8);
        } finally {
            return "a finally block returned";
        }
    }

    private static void exitFromThread() throws InterruptedException {
        Thread t = new Thread(() -> {
            System.out.println("background thread exits with status 9");
            System.exit(9);
        }, "exiter");
        t.start();
        t.join();
        System.out.println("main thread still running after the exit");
    }
}
