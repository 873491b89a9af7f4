package guest.hello;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A well-behaved guest: greets, echoes its arguments, and if asked reads standard input
 * ({@code --stdin}), prints a stack trace ({@code --trace}), sets, reads a system property
 * ({@code --set=KEY=VALUE}, {@code --get=KEY}), reads an environment variable ({@code --env=NAME}),
 * writes a file with java.io ({@code --write=PATH=TEXT}) or through a {@code RandomAccessFile}'s
 * channel ({@code --channel-write=PATH=TEXT}), reads one with java.nio.file
 * ({@code --read=PATH}) or through a URL ({@code --url=URL}), lists a directory tree ({@code --tree=DIR}) or shows where it is
 * ({@code --where}), asks whether the JVM knows a charset ({@code --charset=NAME}: the JDK looks
 * for providers on the JVM's class path), reads its own manifest as programs read their version and
 * opens every manifest its class loader finds ({@code --manifest}), asks the system class loader
 * and loaders made without a parent for its own class ({@code --system-loader}), registers an MBean
 * in the platform MBean server, reads it and the JVM's runtime back and asks the JVM's memory bean
 * for a collection ({@code --mbean=NAME}), loads a class from a directory of class files through a
 * loader of its own ({@code --load=DIR=CLASS}), installs a factory of URL stream
 * handlers whose URLs of a protocol read as a text and reads one ({@code --url-factory=PROTOCOL=TEXT}), answers one client on a port ({@code --serve=PORT}) or calls a server
 * ({@code --call=HOST:PORT=TEXT}), logs a line with {@code java.util.logging} the usual way, to
 * its console and a file ({@code --log=PATH=TEXT}), leaves a thread that waits for the main thread to end and
 * then says so ({@code --join-main}), or does some of this through method handles
 * ({@code --handles}); returns.
 */
public final class Hello {

    private Hello() {
    }

    /** Reads a property, makes a path and writes a line through method handles, as libraries do. */
    private static void handles() throws IOException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            MethodHandle property = lookup.findStatic(System.class, "getProperty", MethodType.methodType(String.class, String.class));
            MethodHandle path = lookup.findStatic(java.nio.file.Paths.class, "get",
                    MethodType.methodType(Path.class, String.class, String[].class));
            MethodHandle out = lookup.findStaticGetter(System.class, "out", java.io.PrintStream.class);
            java.io.PrintStream stdout = (java.io.PrintStream) out.invokeExact();
            stdout.println("user.home=" + (String) property.invokeExact("user.home") + " path="
                    + ((Path) path.invoke("notes", "a.txt")).toAbsolutePath());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Installs the factory of URL stream handlers, as a server does for a protocol of its own, reads
     * a URL of the protocol, and tries to install a second, which the JDK refuses.
     */
    private static void urlFactory(String protocol, String text) throws IOException {
        java.net.URL.setURLStreamHandlerFactory(p -> !p.equals(protocol) ? null : new java.net.URLStreamHandler() {
            @Override
            protected java.net.URLConnection openConnection(java.net.URL url) {
                return new java.net.URLConnection(url) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public java.io.InputStream getInputStream() {
                        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
                    }
                };
            }
        });
        try (java.io.InputStream in = new java.net.URL(protocol + ":x").openStream()) {
            System.out.println(protocol + ":x says " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try {
            java.net.URL.setURLStreamHandlerFactory(p -> null);
            System.out.println("a second factory was installed");
        } catch (Error e) {
            System.out.println("a second factory: " + e);
        }
    }

    /** Loads a class from a directory of class files, as plugin hosts and scripting engines do, and looks up its main method. */
    private static void load(String directory, String className) throws IOException {
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {Path.of(directory).toUri().toURL()}, null)) {
            Class<?> loaded = loader.loadClass(className);
            System.out.println("loaded " + className + " from its directory: another class than its own "
                    + (loaded != Hello.class) + ", main " + (loaded.getMethod("main", String[].class) != null));
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("load " + className + ": " + e);
        }
    }

    /** A standard MBean's interface, as a program's management exposes one. */
    public interface GreetingMBean {

        /** The greeting. */
        String getGreeting();
    }

    /** The MBean {@code --mbean} registers. */
    public static final class Greeting implements GreetingMBean {

        private final String text;

        Greeting(String text) {
            this.text = text;
        }

        @Override
        public String getGreeting() {
            return text;
        }
    }

    /** Registers a bean in the platform MBean server as servers do, reads it and the JVM's runtime, asks for a collection. */
    private static void mbean(String name) throws IOException {
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName objectName = new javax.management.ObjectName(name);
            server.registerMBean(new Greeting("hello from " + name), objectName);
            System.out.println("read back: " + server.getAttribute(objectName, "Greeting"));
            System.out.println("found by MBeanServerFactory: "
                    + javax.management.MBeanServerFactory.findMBeanServer(null).get(0).isRegistered(objectName));
            System.out.println("the JVM's runtime bean read: "
                    + (server.getAttribute(new javax.management.ObjectName("java.lang:type=Runtime"), "VmName") != null));
            try {
                server.invoke(new javax.management.ObjectName("java.lang:type=Memory"), "gc", null, null);
                System.out.println("gc: done");
            } catch (SecurityException e) {
                System.out.println("gc: " + e.getMessage());
            }
        } catch (javax.management.JMException e) {
            throw new IOException(e);
        }
    }

    /**
     * Asks the system class loader, the parent of every loader made without one, for its own class
     * and resource, as plugin hosts and libraries do: outside jvisor, the loader of its class path.
     */
    private static void systemLoader() throws IOException {
        ClassLoader own = Hello.class.getClassLoader();
        System.out.println("the system class loader is its own: " + (ClassLoader.getSystemClassLoader() == own));
        System.out.println("a system resource of its own: " + (ClassLoader.getSystemResource("guest/hello/Hello.class") != null));
        try (java.net.URLClassLoader made = new java.net.URLClassLoader(new java.net.URL[0]);
                java.net.URLClassLoader newInstance = java.net.URLClassLoader.newInstance(new java.net.URL[0])) {
            ClassLoader subclass = new ClassLoader() {
            };
            System.out.println("loaders made without a parent find its class: " + (made.loadClass(Hello.class.getName()) == Hello.class
                    && newInstance.loadClass(Hello.class.getName()) == Hello.class
                    && subclass.loadClass(Hello.class.getName()) == Hello.class));
        } catch (ClassNotFoundException e) {
            System.out.println("a loader made without a parent: " + e);
        }
    }

    /** Prints its own manifest's main class, found as a resource, and how many manifests its loader finds and opens. */
    private static void manifest() throws IOException {
        try (java.io.InputStream in = Hello.class.getResource("/META-INF/MANIFEST.MF").openStream()) {
            System.out.println("manifest Main-Class: " + new java.util.jar.Manifest(in).getMainAttributes().getValue("Main-Class"));
        }
        int opened = 0;
        for (java.net.URL url : java.util.Collections.list(Hello.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            try (java.io.InputStream in = url.openStream()) {
                opened += in.read() >= 0 ? 1 : 0;
            }
        }
        System.out.println("manifests found and opened: " + opened);
    }

    public static void main(String[] args) throws IOException {
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
            } else if (arg.equals("--join-main")) {
                Thread main = Thread.currentThread();
                new Thread(() -> {
                    try {
                        main.join();
                        System.out.println("the main thread has ended");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "joins-main").start();
            } else if (arg.equals("--handles")) {
                handles();
            } else if (arg.equals("--trace")) {
                new Exception("printed by the JDK's Throwable.printStackTrace()").printStackTrace();
            } else if (arg.equals("--stdin")) {
                byte[] input = System.in.readAllBytes();
                System.out.println("read " + input.length + " bytes from standard input");
            } else if (arg.startsWith("--write=")) {
                String[] kv = arg.substring(8).split("=", 2);
                File file = new File(kv[0]);
                File parent = file.getAbsoluteFile().getParentFile();
                if (parent != null) {
                    parent.mkdirs();
                }
                try (FileWriter w = new FileWriter(file)) {
                    w.write(kv[1]);
                }
                System.out.println("wrote " + file.getAbsolutePath() + " (" + file.length() + " bytes)");
            } else if (arg.startsWith("--channel-write=")) {
                String[] kv = arg.substring(16).split("=", 2);
                try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(kv[0], "rw")) {
                    file.getChannel().write(java.nio.ByteBuffer.wrap(kv[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    System.out.println("wrote " + kv[0] + " through a RandomAccessFile's channel (" + file.length() + " bytes)");
                }
            } else if (arg.startsWith("--read=")) {
                Path path = Path.of(arg.substring(7));
                System.out.println(path.toAbsolutePath() + ": " + Files.readString(path));
            } else if (arg.startsWith("--url=")) {
                try (java.io.InputStream in = new java.net.URL(arg.substring(6)).openStream()) {
                    System.out.println(arg.substring(6) + ": " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } else if (arg.startsWith("--tree=")) {
                try (Stream<Path> files = Files.walk(Path.of(arg.substring(7)))) {
                    files.sorted().forEach(p -> System.out.println(p + (Files.isDirectory(p) ? "/" : "")));
                }
            } else if (arg.startsWith("--serve=")) {
                serve(Integer.parseInt(arg.substring(8)));
            } else if (arg.startsWith("--call=")) {
                String[] target = arg.substring(7).split("=", 2);
                int colon = target[0].lastIndexOf(':');
                call(target[0].substring(0, colon), Integer.parseInt(target[0].substring(colon + 1)), target[1]);
            } else if (arg.startsWith("--log=")) {
                String[] kv = arg.substring(6).split("=", 2);
                log(kv[0], kv[1]);
            } else if (arg.startsWith("--charset=")) {
                String name = arg.substring(10);
                System.out.println("charset " + name + " supported: " + java.nio.charset.Charset.isSupported(name));
            } else if (arg.startsWith("--url-factory=")) {
                String[] kv = arg.substring(14).split("=", 2);
                urlFactory(kv[0], kv[1]);
            } else if (arg.startsWith("--load=")) {
                String[] kv = arg.substring(7).split("=", 2);
                load(kv[0], kv[1]);
            } else if (arg.startsWith("--mbean=")) {
                mbean(arg.substring(8));
            } else if (arg.equals("--system-loader")) {
                systemLoader();
            } else if (arg.equals("--manifest")) {
                manifest();
            } else if (arg.equals("--where")) {
                System.out.println("user.dir=" + System.getProperty("user.dir") + " user.home=" + System.getProperty("user.home")
                        + " java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + " . is " + new File(".").getCanonicalPath());
            } else {
                System.out.println("argument: " + arg);
            }
        }
        System.err.println("(this line went to standard error)");
    }

    /**
     * Logs as programs do: a logger for the program with a file handler and level FINE, a child
     * that inherits both, the root logger's console handler, and {@code System.getLogger}, which
     * reaches the same loggers; prints what it finds of its loggers.
     */
    private static void log(String file, String text) throws IOException {
        java.util.logging.Logger program = java.util.logging.Logger.getLogger("guest.hello");
        java.util.logging.Logger child = java.util.logging.Logger.getLogger("guest.hello.child");
        program.setLevel(java.util.logging.Level.FINE);
        java.util.logging.FileHandler handler = new java.util.logging.FileHandler(file);
        handler.setFormatter(new java.util.logging.SimpleFormatter());
        program.addHandler(handler);
        child.info(text);
        child.fine("fine: " + text);
        child.finest("finest: " + text);
        System.getLogger("guest.hello.child").log(System.Logger.Level.WARNING, "system logger: " + text);
        handler.close();
        @SuppressWarnings("deprecation") // as old programs read it
        java.util.logging.Logger global = java.util.logging.Logger.global;
        global.info("global: " + text);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        java.util.logging.LogManager manager = java.util.logging.LogManager.getLogManager();
        System.out.println("logger " + child.getName() + ": parent " + child.getParent().getName() + ", level " + child.getLevel()
                + ", fine loggable " + child.isLoggable(java.util.logging.Level.FINE) + ", handlers of the program's "
                + program.getHandlers().length + ", root's " + java.util.Arrays.stream(root.getHandlers())
                        .map(h -> h.getClass().getName() + "@" + h.getLevel()).toList()
                + ", root is the manager's " + (manager.getLogger("") == root) + ", global's parent is the root "
                + (java.util.logging.Logger.getGlobal().getParent() == root) + ", the field is the global "
                + (global == java.util.logging.Logger.getGlobal()) + ", loggers "
                + java.util.Collections.list(manager.getLoggerNames()).stream().sorted().toList());
        java.lang.management.PlatformLoggingMXBean bean =
                java.lang.management.ManagementFactory.getPlatformMXBean(java.lang.management.PlatformLoggingMXBean.class);
        String level = bean.getLoggerLevel("guest.hello");
        bean.setLoggerLevel("guest.hello", "FINER");
        System.out.println("the logging MXBean's loggers " + bean.getLoggerNames().stream().sorted().toList() + ", guest.hello at "
                + level + ", set to " + program.getLevel() + ", parent " + bean.getParentLoggerName("guest.hello.child"));
    }

    /** Answers one line of one client on a port of every address, then closes. */
    private static void serve(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port);
             Socket client = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
            out.write("echo: " + in.readLine() + "\n");
        }
        System.out.println("served one client on port " + port);
    }

    /** Sends a line to a server and prints its answer. */
    private static void call(String host, int port, String text) throws IOException {
        try (Socket socket = new Socket(host, port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
            out.write(text + "\n");
            out.flush();
            System.out.println(host + " answered: " + in.readLine());
        }
    }
}
