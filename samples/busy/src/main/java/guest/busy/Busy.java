package guest.busy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A guest that never ends by itself, or holds on to what it has: the host must pause, throttle,
 * limit or kill it. Knows nothing of jvisor.
 *
 * <p>Argument: what to do.
 * <ul>
 *   <li>{@code spin}: loop without a call;</li>
 *   <li>{@code spin-catching}: sleep forever in a loop that catches every {@code Throwable};</li>
 *   <li>{@code count}: count, printing {@code tick N} every million;</li>
 *   <li>{@code threads N}: start up to N threads that wait, say how many started and why no
 *       more, then let them end;</li>
 *   <li>{@code daemons N}: start N daemon threads that spin, then return from main;</li>
 *   <li>{@code files N}: open up to N files and keep them open, say how many opened and why no
 *       more, then sleep for ever;</li>
 *   <li>{@code lookalikes N}: write N zip files, then open up to N of them through a subclass of
 *       {@code ZipFile} whose instances all claim to be equal, with one hash code, and closed
 *       ({@code size()} throws as on a closed one), keep them open, say how many opened and why
 *       no more, then sleep for ever;</li>
 *   <li>{@code channels}: open two file channels, and a file stream and its channel, keep them
 *       open, then sleep for ever;</li>
 *   <li>{@code zips N}: write N zip files, then open up to N of them and keep them open (the last
 *       as a {@code jar:} URL, which the JDK's cache of jar files keeps open), say how many opened
 *       and why no more, then sleep for ever;</li>
 *   <li>{@code sockets N}: listen on a port of loopback, then connect up to N sockets to it and
 *       keep them open, say how many connected and why no more, then sleep for ever;</li>
 *   <li>{@code pipes}: open a pipe and an asynchronous file channel, keep them open, then sleep
 *       for ever;</li>
 *   <li>{@code async}: listen on a port of loopback with an asynchronous channel of the JVM's
 *       default group, say the port, accept one connection, then sleep for ever;</li>
 *   <li>{@code own-group}: listen on a port of loopback with an asynchronous channel of a group of
 *       its own, accept one connection, then sleep for ever;</li>
 *   <li>{@code accept}: listen on a port of loopback and wait for a connection for ever, whatever
 *       happens to the socket;</li>
 *   <li>{@code hoard N}: hold one more MiB (in arrays of 1 KiB, from a static field) every 10 ms,
 *       up to N MiB, say {@code holding N MiB}, then sleep for ever;</li>
 *   <li>{@code churn}: allocate arrays of 1 KiB for ever, 1 MiB a millisecond at most, holding
 *       only the last 16 of them; say {@code churned 64 MiB} once it has.</li>
 * </ul>
 * Each says {@code started} once it is under way.
 */
public final class Busy {

    private Busy() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        String what = args.length > 0 ? args[0] : "spin";
        switch (what) {
            case "spin":
                started();
                spin();
                break;
            case "spin-catching":
                started();
                spinCatching();
                break;
            case "count":
                started();
                count();
                break;
            case "threads":
                threads(Integer.parseInt(args[1]));
                break;
            case "daemons":
                daemons(Integer.parseInt(args[1]));
                break;
            case "files":
                files(Integer.parseInt(args[1]));
                break;
            case "lookalikes":
                lookalikes(Integer.parseInt(args[1]));
                break;
            case "channels":
                channels();
                break;
            case "zips":
                zips(Integer.parseInt(args[1]));
                break;
            case "sockets":
                sockets(Integer.parseInt(args[1]));
                break;
            case "pipes":
                pipes();
                break;
            case "async":
                asynchronous();
                break;
            case "own-group":
                ownGroup();
                break;
            case "accept":
                accept();
                break;
            case "hoard":
                started();
                hoard(Integer.parseInt(args[1]));
                break;
            case "churn":
                started();
                churn();
                break;
            default:
                System.err.println("unknown: " + what);
                System.exit(2);
        }
    }

    private static void started() {
        System.out.println("started");
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void spin() {
        while (true) {
            // a loop without a call: only a safepoint at its back-edge can stop it
        }
    }

    @SuppressWarnings({"InfiniteLoopStatement", "BusyWait"})
    private static void spinCatching() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (Throwable everything) {
                // swallowed: interrupts, and the guest's own end if it could catch it
            }
        }
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void count() {
        for (long i = 1;; i++) {
            if (i % 1_000_000 == 0) {
                System.out.println("tick " + i / 1_000_000);
            }
        }
    }

    private static void threads(int n) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        String refused = null;
        for (int i = 0; i < n && refused == null; i++) {
            Thread t = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "waiter-" + i);
            try {
                t.start();
                started.add(t);
            } catch (OutOfMemoryError e) {
                refused = e.getMessage();
            }
        }
        System.out.println("started " + started.size() + " threads");
        if (refused != null) {
            System.out.println("refused: " + refused);
        }
        release.countDown();
        for (Thread t : started) {
            t.join();
        }
    }

    private static void files(int n) {
        List<java.io.OutputStream> open = new ArrayList<>();
        String refused = null;
        for (int i = 0; i < n && refused == null; i++) {
            try {
                open.add(new java.io.FileOutputStream("file-" + i));
            } catch (java.io.IOException e) {
                refused = e.toString();
            }
        }
        holdOpen(open.size() + " files", refused);
    }

    /** A zip file that claims to equal every other of its class, and to be closed. */
    private static final class Lookalike extends java.util.zip.ZipFile {

        Lookalike(String name) throws java.io.IOException {
            super(name);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Lookalike;
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public int size() {
            throw new IllegalStateException("zip file closed");
        }
    }

    private static void lookalikes(int n) throws java.io.IOException {
        for (int i = 0; i < n; i++) {
            try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(new java.io.FileOutputStream("zip-" + i + ".zip"))) {
                out.putNextEntry(new java.util.zip.ZipEntry("entry"));
            }
        }
        List<java.io.Closeable> open = new ArrayList<>();
        String refused = null;
        for (int i = 0; i < n && refused == null; i++) {
            try {
                open.add(new Lookalike("zip-" + i + ".zip"));
            } catch (java.io.IOException e) {
                refused = e.toString();
            }
        }
        holdOpen(open.size() + " zip files", refused);
    }

    /** Says how many it opened, and why no more if one was refused; then sleeps for ever. */
    private static void holdOpen(String opened, String refused) {
        System.out.println("opened " + opened);
        if (refused != null) {
            System.out.println("refused: " + refused);
        }
        started();
        spinCatching();
    }

    private static void channels() throws java.io.IOException {
        List<java.io.Closeable> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(java.nio.channels.FileChannel.open(java.nio.file.Path.of("channel-" + i),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE));
        }
        java.io.FileOutputStream stream = new java.io.FileOutputStream("stream");
        open.add(stream);
        open.add(stream.getChannel());
        holdOpen(open.size() + " files and channels", null);
    }

    private static void zips(int n) throws java.io.IOException {
        for (int i = 0; i < n; i++) {
            try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(new java.io.FileOutputStream("zip-" + i + ".zip"))) {
                out.putNextEntry(new java.util.zip.ZipEntry("entry"));
                out.write(i);
            }
        }
        List<Object> open = new ArrayList<>();
        String refused = null;
        for (int i = 0; i < n && refused == null; i++) {
            try {
                if (i < n - 1) {
                    open.add(new java.util.zip.ZipFile("zip-" + i + ".zip"));
                } else {
                    java.net.URL url = new java.net.URL("jar:" + java.nio.file.Path.of("zip-" + i + ".zip").toAbsolutePath().toUri() + "!/entry");
                    try (java.io.InputStream in = url.openStream()) {
                        open.add(in.read()); // the stream closes; the JDK's cache of jar files keeps the jar open
                    }
                }
            } catch (java.io.IOException e) {
                refused = e.toString();
            }
        }
        holdOpen(open.size() + " zip files", refused);
    }

    private static void sockets(int n) throws java.io.IOException {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        java.net.ServerSocket server = new java.net.ServerSocket(0, n + 1, loopback);
        List<java.net.Socket> open = new ArrayList<>();
        String refused = null;
        for (int i = 0; i < n && refused == null; i++) {
            try {
                open.add(new java.net.Socket(loopback, server.getLocalPort())); // a constructor that calls another
            } catch (java.io.IOException e) {
                refused = e.toString();
            }
        }
        holdOpen(open.size() + " sockets and a listener", refused);
    }

    private static void pipes() throws java.io.IOException {
        List<java.io.Closeable> open = new ArrayList<>();
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        open.add(pipe.source());
        open.add(pipe.sink());
        open.add(java.nio.channels.AsynchronousFileChannel.open(java.nio.file.Path.of("async"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE));
        holdOpen(open.size() + " pipe ends and asynchronous file channels", null);
    }

    private static void asynchronous() throws java.io.IOException {
        java.nio.channels.AsynchronousServerSocketChannel server = java.nio.channels.AsynchronousServerSocketChannel.open()
                .bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        System.out.println("listening on " + ((java.net.InetSocketAddress) server.getLocalAddress()).getPort());
        server.accept(); // the group's threads wait for the connection
        started();
        spinCatching();
    }

    private static void ownGroup() throws java.io.IOException {
        java.nio.channels.AsynchronousChannelGroup group = java.nio.channels.AsynchronousChannelGroup.withFixedThreadPool(1, Thread::new);
        java.nio.channels.AsynchronousServerSocketChannel server = java.nio.channels.AsynchronousServerSocketChannel.open(group)
                .bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        server.accept(); // the group's thread waits for the connection
        started();
        spinCatching();
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void accept() throws InterruptedException {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            started();
            while (true) {
                try {
                    server.accept().close();
                } catch (java.io.IOException e) {
                    // closed under it, or a failed connection: wait for the next
                }
            }
        } catch (java.io.IOException e) {
            System.out.println("cannot listen: " + e);
        }
    }

    /** What {@code hoard} holds: live as long as the guest. */
    private static final List<byte[]> HOARD = new ArrayList<>();

    private static void hoard(int mebibytes) throws InterruptedException {
        for (int i = 0; i < mebibytes; i++) {
            for (int k = 0; k < 1024; k++) {
                HOARD.add(new byte[1024]);
            }
            Thread.sleep(10);
        }
        System.out.println("holding " + mebibytes + " MiB");
        spinCatching();
    }

    /** What {@code churn} holds: the last few of its arrays, in a static field, so that no compiler drops them. */
    private static final byte[][] LAST = new byte[16][];

    @SuppressWarnings("InfiniteLoopStatement")
    private static void churn() throws InterruptedException {
        for (long i = 1;; i++) {
            LAST[(int) (i % LAST.length)] = new byte[1024];
            if (i % 1024 == 0) {
                if (i == 64 * 1024) {
                    System.out.println("churned 64 MiB");
                }
                Thread.sleep(1);
            }
        }
    }

    private static void daemons(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(Busy::spin, "daemon-" + i);
            t.setDaemon(true);
            t.start();
        }
        started();
    }
}
