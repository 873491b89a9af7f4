package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.AuditLog;
import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestResult;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.GuestStartException;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.management.GuestMXBean;
import io.jvisor.sandbox.policy.Policy;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import javax.net.ssl.HttpsURLConnection;

/**
 * The escape suite behind {@code jvisor escapes}: reads the index of an escapes jar
 * ({@value #INDEX}), runs each technique that applies to this JDK as a guest of its own, and
 * judges from the host side whether it reached its goal. A technique counts as contained only if
 * the host saw no escape and its guest's audit log holds at least one decision: the suite shows
 * that the hypervisor met every technique, not merely that nothing happened.
 */
final class EscapeSuite {

    /** The index of an escapes jar: one technique a row, {@code id class door goal since until source}. */
    static final String INDEX = "META-INF/escapes.tsv";

    /** How each {@code host-console} marker begins; the rest is random. */
    static final String MARKER_PREFIX = "jvisor-marker-";

    /** How long an {@code outlive} technique is watched after its guest ended. */
    private static final Duration OUTLIVE_WATCH = Duration.ofSeconds(10);
    /** How often the garbage collector is nudged meanwhile, so that Cleaners and finalizers run. */
    private static final Duration GC_NUDGE = Duration.ofMillis(100);
    /** How long a host-side check may wait: a fence on a socket, a look at JVM-wide state. */
    private static final Duration HOST_WAIT = Duration.ofSeconds(5);
    private static final int FEATURE = Runtime.version().feature();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a technique tries, and so what the runner passes to it and looks at. */
    enum Goal {
        EXIT_JVM, WRITE_HOST, READ_HOST, CONNECT_HOST, SEND_HOST, HOST_CONSOLE, HOST_STATE, OUTLIVE, SEE_HOST;

        /** The goal as the index names it, e.g. {@code exit-jvm}. */
        final String word = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A row of the index. {@code until} is {@link Integer#MAX_VALUE} for no upper bound. */
    record Technique(String id, String mainClass, String door, Goal goal, int since, int until, String source) {

        boolean applies() {
            return since <= FEATURE && FEATURE <= until;
        }

        String jdks() {
            return until == Integer.MAX_VALUE ? "JDK " + since + " and later" : "JDK " + since + " to " + until;
        }
    }

    /** How a technique fared. */
    enum Outcome {
        CONTAINED("contained"), ESCAPED("escaped"), INCONCLUSIVE("inconclusive"), NOT_APPLICABLE("not applicable");

        /** The outcome in JSON and in the summary. */
        final String word;

        Outcome(String word) {
            this.word = word;
        }
    }

    /** A technique's outcome, and what the host saw. */
    record Verdict(Technique technique, Outcome outcome, String detail) {
    }

    private final Hypervisor hypervisor;
    private final Path jar;
    private final Policy policy;
    private final Duration timeout;

    /**
     * @param jar     the escapes jar: each technique's class path
     * @param timeout how long each guest may run before it is judged still running
     */
    EscapeSuite(Hypervisor hypervisor, Path jar, Policy policy, Duration timeout) {
        this.hypervisor = hypervisor;
        this.jar = jar;
        this.policy = policy;
        this.timeout = timeout;
    }

    // ---- the index ----

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Pattern BINARY_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /**
     * The techniques an escapes jar indexes, in its order.
     *
     * @throws FailedException if the jar cannot be read or has no valid index
     */
    static List<Technique> read(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new FailedException(jar + " does not exist: give the escapes jar (samples/escapes/target/escapes.jar)");
        }
        String where = jar + "!/" + INDEX;
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(INDEX);
            if (entry == null) {
                throw new FailedException(jar + " has no " + INDEX + ", so it is no escapes jar: give "
                        + "samples/escapes/target/escapes.jar, or a jar that indexes its techniques there");
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
                return parse(where, in);
            }
        } catch (ZipException e) {
            throw new FailedException(jar + " is not a jar (zip) file, or it is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FailedException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    private static List<Technique> parse(String where, BufferedReader in) throws IOException {
        List<Technique> techniques = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String at = where + ":" + number + ": ";
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new FailedException(at + "expected 7 tab-separated fields (id class door goal since until source), found "
                        + f.length);
            }
            if (!ID.matcher(f[0]).matches() || f[0].length() > 64) {
                throw new FailedException(at + "id '" + f[0] + "' is not kebab-case of at most 64 characters");
            }
            if (!ids.add(f[0])) {
                throw new FailedException(at + "id '" + f[0] + "' appears twice");
            }
            if (!BINARY_NAME.matcher(f[1]).matches()) {
                throw new FailedException(at + "'" + f[1] + "' is not a class name");
            }
            if (!WORD.matcher(f[2]).matches()) {
                throw new FailedException(at + "door '" + f[2] + "' is not a word");
            }
            Goal goal = Stream.of(Goal.values()).filter(g -> g.word.equals(f[3])).findFirst()
                    .orElseThrow(() -> new FailedException(at + "unknown goal '" + f[3] + "'; the goals are "
                            + String.join(", ", Stream.of(Goal.values()).map(g -> g.word).toList())));
            int since = version(at, "since", f[4]);
            int until = f[5].equals("-") ? Integer.MAX_VALUE : version(at, "until", f[5]);
            if (until < since) {
                throw new FailedException(at + "until " + until + " is before since " + since);
            }
            if (f[6].isBlank()) {
                throw new FailedException(at + "the source is empty: cite where the technique comes from");
            }
            techniques.add(new Technique(f[0], f[1], f[2], goal, since, until, f[6].strip()));
        }
        if (techniques.isEmpty()) {
            throw new FailedException(where + " names no technique");
        }
        return techniques;
    }

    private static int version(String at, String field, String value) {
        if (!value.matches("[1-9][0-9]{0,3}")) {
            throw new FailedException(at + field + " '" + value + "' is not a JDK feature version such as 17"
                    + (field.equals("until") ? ", or - for none" : ""));
        }
        return Integer.parseInt(value);
    }

    // ---- running and judging ----

    /** Runs one technique as a guest, unless it does not apply to this JDK, and judges it. */
    Verdict run(Technique t) throws InterruptedException {
        if (!t.applies()) {
            return new Verdict(t, Outcome.NOT_APPLICABLE, "applies to " + t.jdks());
        }
        Path work;
        try {
            work = Files.createTempDirectory("jvisor-escape-" + t.id() + "-");
        } catch (IOException e) {
            throw new FailedException("cannot make a temporary directory: " + e.getMessage(), e);
        }
        try (Trial trial = trial(t.goal(), work)) {
            return runGuest(t, trial, work.resolve("disk"));
        } catch (IOException e) {
            return new Verdict(t, Outcome.INCONCLUSIVE, "the host's side of the trial failed: " + e);
        } finally {
            delete(work);
        }
    }

    private Trial trial(Goal goal, Path work) throws IOException, InterruptedException {
        return switch (goal) {
            case EXIT_JVM -> new ExitJvm();
            case WRITE_HOST -> new WriteHost(hostFile(work, "canary"));
            case READ_HOST -> new ReadHost(hostFile(work, "secret"));
            case CONNECT_HOST -> new ConnectHost();
            case SEND_HOST -> new SendHost();
            case HOST_CONSOLE -> new HostConsole();
            case HOST_STATE -> new HostState();
            case OUTLIVE -> new Outlive(hostFile(work, "canary"));
            case SEE_HOST -> new SeeHost();
        };
    }

    /** A host path outside the guest's disk, in a directory that exists: an escaped write would succeed. */
    private static Path hostFile(Path work, String name) throws IOException {
        return Files.createDirectories(work.resolve("host")).resolve(name);
    }

    /**
     * Starts a technique's guest, waits for its end at most the timeout, and judges it: contained
     * needs an audit event besides the host's finding.
     */
    private Verdict runGuest(Technique t, Trial trial, Path disk) throws IOException, InterruptedException {
        AuditSink audit = new AuditSink();
        trial.watch(audit);
        // Not closed: a guest still running, or a thread of it that outlived it, may yet decide,
        // and a closed log would report each such write as a failure on the host's standard error.
        AuditLog log = AuditLog.to(audit, true);
        GuestSpec spec = GuestSpec.builder(t.id()).classPath(jar).mainClass(t.mainClass()).args(trial.args())
                .policy(policy).console(Console.Mode.CAPTURE).disk(disk).audit(log).build();
        Guest guest;
        try {
            guest = hypervisor.start(spec);
        } catch (GuestStartException e) {
            return new Verdict(t, Outcome.INCONCLUSIVE, "cannot start: " + e.getMessage());
        }
        audit.watch(guest);
        GuestResult result = guest.await(timeout);
        Finding f = trial.judge(guest, result, audit);
        String denial = audit.firstDenial();
        if (f.outcome == Outcome.CONTAINED && audit.lines() == 0) {
            f = new Finding(Outcome.INCONCLUSIVE, "contained (no audit event): " + f.detail);
        } else if (f.outcome == Outcome.CONTAINED && denial != null && !f.detail.contains(denial)) {
            f = new Finding(Outcome.CONTAINED, f.detail + " (audit: " + denial + ")");
        }
        return new Verdict(t, f.outcome, trial.redact(oneLine(f.detail)));
    }

    /** What a trial found: an outcome and what the host saw. */
    private record Finding(Outcome outcome, String detail) {
    }

    /** A technique's goal on the host's side: the arguments it gets, and how the host tells whether it got there. */
    private abstract class Trial implements Closeable {

        /** The arguments of the technique's main. */
        List<String> args() {
            return List.of();
        }

        /**
         * Judges the technique once its guest has ended, or when its time is up ({@code result}
         * {@code null}): an escape the host sees counts even while the guest still runs.
         */
        abstract Finding judge(Guest guest, GuestResult result, AuditSink audit) throws IOException, InterruptedException;

        /** Tells the guest's audit log what this trial looks for in it, before the guest starts. */
        void watch(AuditSink audit) {
        }

        /** Text of a verdict with what the runner must never print taken out. */
        String redact(String detail) {
            return detail;
        }

        @Override
        public void close() throws IOException {
        }

        Finding escaped(String detail) {
            return new Finding(Outcome.ESCAPED, detail);
        }

        /** Contained for this reason if the guest has ended; else still running. */
        Finding ended(GuestResult result, String detail) {
            return result == null ? new Finding(Outcome.INCONCLUSIVE, "still running after " + seconds(timeout))
                    : new Finding(Outcome.CONTAINED, detail);
        }
    }

    /** {@code exit-jvm}: the runner judging it is the proof that the JVM survived. */
    private final class ExitJvm extends Trial {
        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) {
            return ended(result, result == null ? "" : "guest ended: " + ending(result));
        }
    }

    /** {@code write-host FILE}: the file must not exist. */
    private final class WriteHost extends Trial {
        private final Path file;

        WriteHost(Path file) {
            this.file = file;
        }

        @Override
        List<String> args() {
            return List.of(file.toString());
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? escaped(file + " exists")
                    : ended(result, file + " does not exist");
        }
    }

    /** {@code read-host FILE}: the secret in the file must not reach the guest's output. */
    private final class ReadHost extends Trial {
        private final Path file;
        private final String secret = "jvisor-secret-" + random();

        ReadHost(Path file) throws IOException {
            this.file = file;
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        }

        @Override
        List<String> args() {
            return List.of(file.toString());
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) {
            Console c = guest.console();
            return c.capturedOut().contains(secret) || c.capturedErr().contains(secret)
                    ? escaped("the secret in " + file + " appeared in the guest's output")
                    : ended(result, "the secret in " + file + " is not in the guest's output");
        }
    }

    /** {@code connect-host 127.0.0.1:PORT}: nothing may connect to the host's server socket. */
    private final class ConnectHost extends Trial {
        private final ServerSocket server = new ServerSocket(0, 50, loopback());
        private final List<String> connections = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch fenced = new CountDownLatch(1);
        private volatile SocketAddress fence;

        ConnectHost() throws IOException {
            Thread acceptor = new Thread(this::accept, "jvisor-escapes-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Accepts and closes every connection, so that a guest waiting on one is not held up. */
        private void accept() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    if (s.getRemoteSocketAddress().equals(fence)) {
                        fenced.countDown();
                    } else {
                        connections.add(String.valueOf(s.getRemoteSocketAddress()));
                    }
                } catch (IOException e) {
                    // closed when the trial ends; a failed accept of a guest's connection counts as none
                }
            }
        }

        @Override
        List<String> args() {
            return List.of(address(server.getLocalPort()));
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) throws IOException, InterruptedException {
            // A connection of the host's own, accepted after everything already queued before it.
            try (Socket own = new Socket()) {
                own.bind(new InetSocketAddress(loopback(), 0));
                fence = own.getLocalSocketAddress();
                own.connect(server.getLocalSocketAddress());
                fenced.await(HOST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            List<String> seen = List.copyOf(connections);
            return !seen.isEmpty() ? escaped("a connection from " + seen.get(0) + " reached " + args().get(0))
                    : ended(result, "nothing connected to " + args().get(0));
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** {@code send-host 127.0.0.1:PORT}: no datagram may reach the host's socket. */
    private final class SendHost extends Trial {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback(), 0));

        SendHost() throws IOException {
        }

        @Override
        List<String> args() {
            return List.of(address(socket.getLocalPort()));
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) throws IOException {
            // A datagram of the host's own, received first unless another arrived before it.
            try (DatagramSocket fence = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
                fence.send(new DatagramPacket(new byte[1], 1, socket.getLocalSocketAddress()));
                socket.setSoTimeout((int) HOST_WAIT.toMillis());
                DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
                socket.receive(p);
                if (!p.getSocketAddress().equals(fence.getLocalSocketAddress())) {
                    return escaped("a datagram of " + p.getLength() + " bytes from " + p.getSocketAddress() + " reached "
                            + args().get(0));
                }
            } catch (SocketTimeoutException e) {
                // the host's own datagram was lost, and none came before it
            }
            return ended(result, "no datagram reached " + args().get(0));
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /**
     * {@code host-console MARKER}: the marker may reach the guest's console, or nothing; whether it
     * reached this process's own standard output only whoever reads that output can tell.
     */
    private final class HostConsole extends Trial {
        private final String marker = MARKER_PREFIX + random();

        @Override
        List<String> args() {
            return List.of(marker);
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) {
            Console c = guest.console();
            boolean emulated = c.capturedOut().contains(marker) || c.capturedErr().contains(marker);
            return ended(result, emulated ? "the marker went to the guest's console"
                    : "the marker is not in the guest's console (refused, unless it reached this process's own output)");
        }

        @Override
        String redact(String detail) {
            return detail.replace(marker, "MARKER");
        }
    }

    /** {@code host-state}: JVM-wide state must be as it was before the guest ran. */
    private final class HostState extends Trial {
        private final Map<String, String> before = probeState();

        HostState() throws InterruptedException {
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) throws InterruptedException {
            Map<String, String> after = probeState();
            Set<String> items = new LinkedHashSet<>(before.keySet());
            items.addAll(after.keySet());
            List<String> changed = new ArrayList<>();
            for (String item : items) {
                String was = before.getOrDefault(item, "(none)");
                String is = after.getOrDefault(item, "(none)");
                if (!was.equals(is)) {
                    changed.add(item + ": " + clip(was) + " -> " + clip(is));
                }
            }
            return changed.isEmpty() ? ended(result, "JVM-wide state unchanged")
                    : escaped("changed " + String.join("; ", changed.subList(0, Math.min(3, changed.size())))
                            + (changed.size() > 3 ? "; and " + (changed.size() - 3) + " more" : ""));
        }
    }

    /**
     * {@code see-host}: what the host keeps to itself must not reach the guest's output: the name of
     * a thread of the host's, running while the guest does, and the JVM's options and the entries of
     * its class path, which its command line and system properties hold too (those of at least
     * {@value #HOST_ENTRY_LENGTH} characters, and not the guest's own jar).
     */
    private final class SeeHost extends Trial {
        private final String secret = "jvisor-secret-" + random();
        private final List<String> hostOnly = new ArrayList<>(List.of(secret));
        private final Thread holder = new Thread(this::hold, secret);
        private volatile boolean closed;

        SeeHost() {
            List<String> own = new ArrayList<>(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            own.addAll(List.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)));
            for (String entry : own) {
                if (entry.length() >= HOST_ENTRY_LENGTH && !entry.equals(jar.toString())
                        && !entry.equals(jar.toAbsolutePath().toString())) {
                    hostOnly.add(entry);
                }
            }
            holder.setDaemon(true);
            holder.start();
        }

        private void hold() {
            while (!closed) {
                java.util.concurrent.locks.LockSupport.park(this);
            }
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) {
            String output = guest.console().capturedOut() + guest.console().capturedErr();
            return hostOnly.stream().filter(output::contains).findFirst()
                    .map(seen -> escaped((seen.equals(secret) ? "the name of a thread of the host's" : "the host's " + seen)
                            + " appeared in the guest's output"))
                    .orElseGet(() -> ended(result, "neither a thread of the host's nor its options or class path are in the guest's output"));
        }

        @Override
        String redact(String detail) {
            return detail.replace(secret, "SECRET");
        }

        @Override
        public void close() {
            closed = true;
            java.util.concurrent.locks.LockSupport.unpark(holder);
        }
    }

    /** The shortest entry of the host's class path that {@link SeeHost} looks for: shorter ones are no evidence. */
    private static final int HOST_ENTRY_LENGTH = 8;

    /**
     * {@code outlive FILE}: after the guest ended, the file must not appear; the technique is
     * contained once the audit log shows a decision made after the guest's end, or one on the file
     * itself (a cleaner or finalizer may act while the guest still runs), or, when the watch is
     * over, if every thread of the guest was unwound (none was left to act).
     */
    private final class Outlive extends Trial {
        private final Path file;

        Outlive(Path file) {
            this.file = file;
        }

        @Override
        List<String> args() {
            return List.of(file.toString());
        }

        @Override
        void watch(AuditSink audit) {
            audit.watchArgument(file.toString());
        }

        @Override
        Finding judge(Guest guest, GuestResult result, AuditSink audit) throws InterruptedException {
            if (result == null) {
                return exists() ? escaped(file + " exists") : ended(null, "");
            }
            long deadline = System.nanoTime() + OUTLIVE_WATCH.toNanos();
            String late = audit.afterEnd();
            while (!exists() && late == null && System.nanoTime() < deadline) {
                System.gc();
                late = audit.awaitAfterEnd(GC_NUDGE);
            }
            if (exists()) {
                return escaped(file + " exists");
            }
            if (late != null) {
                return new Finding(Outcome.CONTAINED, "the guest's late action was decided: " + late);
            }
            return guest.threadCount() == 0
                    ? new Finding(Outcome.CONTAINED, "every thread of the guest was unwound as it ended, and in "
                            + seconds(OUTLIVE_WATCH) + " " + file + " did not appear")
                    : new Finding(Outcome.INCONCLUSIVE, "in " + seconds(OUTLIVE_WATCH) + " after the guest ended, neither did "
                            + file + " appear nor did the audit log show a decision");
        }

        private boolean exists() {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        }
    }

    // ---- the guest's audit log ----

    /**
     * A guest's audit log as the hypervisor writes it, one JSON line a decision: how many, the
     * first denial, and the first decision made once the guest had ended. Thread-safe.
     */
    private static final class AuditSink extends Writer {
        private static final Pattern FIELD = Pattern.compile("\"(operation|argument|decision)\": (null|\"((?:[^\"\\\\]|\\\\.)*)\")");

        private final StringBuilder partial = new StringBuilder();
        private volatile Guest guest;
        private int lines;
        private String firstDenial;
        private String firstAfterEnd;
        private String watchedArgument;

        /** The guest whose decisions these are, known once it has started. */
        void watch(Guest g) {
            guest = g;
        }

        /** Counts a decision on this argument (a file) as late too, whenever it was made. */
        synchronized void watchArgument(String argument) {
            watchedArgument = argument;
        }

        /** Whether the guest has begun to end: what its code (its shutdown hooks too) decides then comes late. */
        private boolean ended() {
            Guest g = guest;
            return g != null && g.hasEnded();
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] != '\n') {
                    partial.append(chars[i]);
                    continue;
                }
                String decision = describe(partial.toString());
                partial.setLength(0);
                lines++;
                if (firstDenial == null && decision.startsWith("deny ")) {
                    firstDenial = decision;
                }
                boolean onWatched = watchedArgument != null && decision.endsWith(" " + watchedArgument);
                if (firstAfterEnd == null && (ended() || onWatched)) {
                    firstAfterEnd = decision;
                    notifyAll();
                }
            }
        }

        synchronized int lines() {
            return lines;
        }

        synchronized String firstDenial() {
            return firstDenial;
        }

        synchronized String afterEnd() {
            return firstAfterEnd;
        }

        /** The first decision after the guest's end, waiting for one at most {@code wait}. */
        synchronized String awaitAfterEnd(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); firstAfterEnd == null && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return firstAfterEnd;
        }

        /** A decision line in short, e.g. {@code deny connect 127.0.0.1:4000}. */
        private static String describe(String json) {
            Map<String, String> f = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(json);
            while (m.find()) {
                f.putIfAbsent(m.group(1), m.group(3) == null ? null : m.group(3).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            String argument = f.get("argument");
            return f.get("decision") + " " + f.get("operation") + (argument == null ? "" : " " + argument);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    // ---- JVM-wide state ----

    /** Security properties whose change would weaken every guest and the host. */
    private static final List<String> SECURITY_PROPERTIES = List.of("securerandom.source", "securerandom.strongAlgorithms",
            "jdk.tls.disabledAlgorithms", "jdk.certpath.disabledAlgorithms", "jdk.jar.disabledAlgorithms", "keystore.type",
            "networkaddress.cache.ttl");

    /**
     * JVM-wide state, item by item, looked at on a thread of its own: a guest's handler, provider
     * or time zone installed there may run in the look, and must not hold up the runner.
     */
    private static Map<String, String> probeState() throws InterruptedException {
        FutureTask<Map<String, String>> probe = new FutureTask<>(EscapeSuite::state);
        Thread t = new Thread(probe, "jvisor-escapes-state");
        t.setDaemon(true);
        t.start();
        try {
            return probe.get(HOST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            return Map.of("the look at JVM-wide state", "did not end in " + seconds(HOST_WAIT));
        } catch (ExecutionException e) {
            return Map.of("the look at JVM-wide state", "failed: " + e.getCause());
        }
    }

    @SuppressWarnings("removal") // System.getSecurityManager: a guest must not install one either
    private static Map<String, String> state() {
        Map<String, String> s = new LinkedHashMap<>();
        item(s, "Locale.getDefault()", Locale::getDefault);
        for (Locale.Category c : Locale.Category.values()) {
            item(s, "Locale.getDefault(" + c + ")", () -> Locale.getDefault(c));
        }
        item(s, "TimeZone.getDefault()", () -> {
            TimeZone tz = TimeZone.getDefault();
            return tz.getID() + " (" + tz.getClass().getName() + ", raw offset " + tz.getRawOffset() + ")";
        });
        item(s, "Thread.getDefaultUncaughtExceptionHandler()", () -> identity(Thread.getDefaultUncaughtExceptionHandler()));
        item(s, "System.getSecurityManager()", () -> identity(System.getSecurityManager()));
        item(s, "ObjectInputFilter.Config.getSerialFilter()", () -> identity(java.io.ObjectInputFilter.Config.getSerialFilter()));
        item(s, "ObjectInputFilter.Config.getSerialFilterFactory()", () -> identity(java.io.ObjectInputFilter.Config.getSerialFilterFactory()));
        item(s, "Security.getProviders()", () -> String.join(",", Stream.of(Security.getProviders()).map(Provider::getName).toList()));
        // what a technique puts in the JDK's own provider (state-provider-entries)
        item(s, "the JVM's SUN provider's MessageDigest.EscapePlanted", () -> Security.getProvider("SUN").getProperty("MessageDigest.EscapePlanted"));
        for (String p : SECURITY_PROPERTIES) {
            item(s, "Security.getProperty(" + p + ")", () -> Security.getProperty(p));
        }
        item(s, "ProxySelector.getDefault()", () -> identity(ProxySelector.getDefault()));
        item(s, "CookieHandler.getDefault()", () -> identity(CookieHandler.getDefault()));
        item(s, "ResponseCache.getDefault()", () -> identity(ResponseCache.getDefault()));
        item(s, "Authenticator.getDefault()", () -> identity(Authenticator.getDefault()));
        item(s, "HttpsURLConnection.getDefaultHostnameVerifier()", () -> identity(HttpsURLConnection.getDefaultHostnameVerifier()));
        item(s, "HttpsURLConnection.getDefaultSSLSocketFactory()", () -> identity(HttpsURLConnection.getDefaultSSLSocketFactory()));
        // openConnection makes the connection object without connecting.
        item(s, "the connection of new URL(\"http://x/\")", () -> identity(new URL("http://x/").openConnection().getClass()));
        item(s, "new URL(\"jvisorprobe:x\")", () -> {
            try {
                return "accepted, handled by " + identity(new URL("jvisorprobe:x").openConnection().getClass());
            } catch (MalformedURLException e) {
                return "refused";
            }
        });
        item(s, "System.out", () -> identity(System.out));
        item(s, "System.err", () -> identity(System.err));
        item(s, "System.in", () -> identity(System.in));
        Properties jvm = System.getProperties();
        item(s, "System.getProperties()", () -> identity(jvm));
        item(s, "URLConnection.getFileNameMap()", () -> identity(java.net.URLConnection.getFileNameMap()));
        item(s, "URLConnection's default use of caches, of user interaction", () -> java.net.URLConnection.getDefaultUseCaches("jar")
                + " " + java.net.URLConnection.getDefaultAllowUserInteraction());
        item(s, "NamingManager.hasInitialContextFactoryBuilder()",
                () -> String.valueOf(javax.naming.spi.NamingManager.hasInitialContextFactoryBuilder()));
        item(s, "javax.security.auth.login.Configuration.getConfiguration()",
                () -> identity(javax.security.auth.login.Configuration.getConfiguration()));
        // what a technique plants in it (state-login-configuration-refresh)
        item(s, "the JVM's login configuration's escape-planted", () -> String.valueOf(
                javax.security.auth.login.Configuration.getConfiguration().getAppConfigurationEntry("escape-planted") != null));
        item(s, "RMISocketFactory.getSocketFactory()", () -> identity(java.rmi.server.RMISocketFactory.getSocketFactory()));
        item(s, "HttpURLConnection.getFollowRedirects()", () -> String.valueOf(java.net.HttpURLConnection.getFollowRedirects()));
        item(s, "DriverManager.getLogWriter()", () -> identity(java.sql.DriverManager.getLogWriter()));
        item(s, "DriverManager.getLoginTimeout()", () -> String.valueOf(java.sql.DriverManager.getLoginTimeout()));
        item(s, "ImageIO.getReaderFormatNames()", () -> new java.util.TreeSet<>(List.of(javax.imageio.ImageIO.getReaderFormatNames()))
                .toString());
        // what a technique puts among Swing's defaults (state-swing-lazy-value): made here, on the host's thread
        item(s, "the JVM's Swing default escape-planted", () -> javax.swing.UIManager.get("escape-planted"));
        item(s, "ImageIO.getUseCache(), getCacheDirectory()", () -> javax.imageio.ImageIO.getUseCache() + " "
                + javax.imageio.ImageIO.getCacheDirectory());
        item(s, "the JVM's AWT event queue", () -> identity(java.awt.Toolkit.getDefaultToolkit().getSystemEventQueue()));
        item(s, "the JVM's Swing repaint manager", () -> identity(javax.swing.RepaintManager.currentManager((javax.swing.JComponent) null)));
        item(s, "the toolkit's AWT event listeners", () -> Stream.of(java.awt.Toolkit.getDefaultToolkit().getAWTEventListeners())
                .map(EscapeSuite::identity).toList().toString());
        // what techniques plant in the JVM's registries of time-zone rules and of Swing's attribute keys
        item(s, "the JVM's time zone Escape/Planted", () -> String.valueOf(java.time.ZoneId.getAvailableZoneIds().contains("Escape/Planted")));
        item(s, "the JVM's static attribute key escape-planted", () -> identity(
                javax.swing.text.StyleContext.getStaticAttribute("escape.state.StaticAttributeKey$Key.escape-planted")));
        // what the JVM's platform and application loaders would assert in their classes (state-assertion-status)
        item(s, "the assertions of the JVM's loaders' classes", () -> java.sql.Driver.class.desiredAssertionStatus() + " "
                + EscapeSuite.class.desiredAssertionStatus());
        // but the hypervisor's own, one for each guest while it lives
        item(s, "the platform MBean server's MBeans", () -> {
            javax.management.ObjectName guests = new javax.management.ObjectName(GuestMXBean.ALL);
            return java.lang.management.ManagementFactory.getPlatformMBeanServer().queryNames(null, null).stream()
                    .filter(n -> !guests.apply(n)).map(javax.management.ObjectName::toString).sorted().toList().toString();
        });
        item(s, "the JVM's list of MBean servers", () -> javax.management.MBeanServerFactory.findMBeanServer(null).stream()
                .map(javax.management.MBeanServer::getDefaultDomain).sorted().toList().toString());
        item(s, "the root logger", () -> describe(java.util.logging.Logger.getLogger("")));
        item(s, "the global logger", () -> describe(java.util.logging.Logger.getGlobal()));
        item(s, "the host's logger " + HOST_LOGGER.getName(), () -> describe(HOST_LOGGER));
        Map<String, String> properties = new LinkedHashMap<>();
        synchronized (jvm) {
            jvm.forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        }
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> s.put("system property " + e.getKey(), e.getValue()));
        return s;
    }

    /** A logger of the host's, which techniques look for by its name (or among the JVM's loggers) to change it. */
    private static final java.util.logging.Logger HOST_LOGGER = java.util.logging.Logger.getLogger("jvisor.escapes.host");

    /** A logger's configuration: level, handlers, whether its parents' handlers see its records, filter. */
    private static String describe(java.util.logging.Logger logger) {
        return logger.getLevel() + " " + Stream.of(logger.getHandlers()).map(EscapeSuite::identity).toList()
                + " " + logger.getUseParentHandlers() + " " + identity(logger.getFilter());
    }

    /** A probe that may fail: code of the guest's may run in it. */
    @FunctionalInterface
    private interface Probe {
        Object get() throws Exception;
    }

    private static void item(Map<String, String> state, String name, Probe probe) {
        String value;
        try {
            value = String.valueOf(probe.get());
        } catch (Throwable e) {
            value = "threw " + e.getClass().getName();
        }
        state.put(name, value);
    }

    /** An object's identity as text: its class and identity hash, never anything its own code says. */
    private static String identity(Object o) {
        if (o == null) {
            return "null";
        }
        Class<?> type = o instanceof Class<?> c ? c : o.getClass();
        return (o instanceof Class<?> ? "class " : "") + type.getName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }

    // ---- helpers ----

    /** How a guest ended, e.g. {@code System.exit(0) at guest.Main.main(Main.java:9)}. */
    private static String ending(GuestResult r) {
        return switch (r.ending()) {
            // the detail is "System.exit at SITE" or "Runtime.halt at SITE"
            case EXIT, HALT -> r.detail().replaceFirst("^(\\S+)", "$1(" + r.exitStatus() + ")");
            case RETURNED -> "main returned";
            case UNCAUGHT_EXCEPTION -> "uncaught " + r.detail();
            case FAILED_TO_START, KILLED, OVER_QUOTA, TERMINATED -> r.describe();
        };
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }

    private static String address(int port) {
        return "127.0.0.1:" + port;
    }

    private static String random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Text from a guest, such as an exception message, as one printable line. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    /** A value for a verdict: at most 60 characters, its end kept (an identity hash tells objects apart). */
    private static String clip(String value) {
        String line = oneLine(value);
        return line.isEmpty() ? "\"\"" : line.length() <= 60 ? line : line.substring(0, 36) + "..." + line.substring(line.length() - 21);
    }

    /** Removes a trial's directory; what a guest still running holds open may stay behind. */
    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary directory left behind is no reason to fail the suite
        }
    }
}
