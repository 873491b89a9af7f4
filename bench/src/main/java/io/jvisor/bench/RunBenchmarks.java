package io.jvisor.bench;

import io.jvisor.agent.rewrite.Rewriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every benchmark of this module and prints what jvisor costs: one table of operations, each
 * measured natively and in every mode it runs in (full virtualisation, paravirtual, container,
 * the SecurityManager; see {@link ForkMode}) with its ratio to native; the hosted guests'
 * benchmarks, in jvisor forks; and {@link RewriteThroughputBenchmark} once, against its ASM
 * baselines.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.jvisor.bench.RunBenchmarks [--quick] [--out FILE]
 *        [--agent JAR] [--jvm JAVA] [--include REGEX]
 * </pre>
 * Exits 0 only if every benchmark produced a result in every mode it runs in; 1 if any failed,
 * 2 on a wrong command line.
 */
public final class RunBenchmarks {

    /** The property that may name jvisor-agent.jar instead of {@code --agent}. */
    static final String AGENT_PROPERTY = "jvisor.agent";

    /** How long an iteration of {@code --quick} runs. */
    private static final int QUICK_ITERATION_MS = 200;

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp bench/target/benchmarks.jar io.jvisor.bench.RunBenchmarks [OPTIONS]",
            "  --quick          1 fork, 1 warm-up and 1 measured iteration of " + QUICK_ITERATION_MS + " ms each: proves that",
            "                   every benchmark starts in every mode (under 2 minutes on 2 cores)",
            "  --out FILE       also write the tables as Markdown to FILE",
            "  --agent JAR      jvisor-agent.jar (default: -D" + AGENT_PROPERTY + ", else sandbox/target/jvisor-agent.jar",
            "                   of the checkout that holds this benchmarks.jar, else of the working directory)",
            "  --jvm JAVA       the java executable of the forks (default: the one running this)",
            "  --include REGEX  only the benchmark classes whose simple name contains a match",
            "Without --quick the full run takes about 14 minutes on 2 cores (about 12 from JDK 24, without",
            "the SecurityManager's forks).");

    /**
     * One benchmark class and the modes it runs in; a cold one measures a single shot per fork
     * with no warm-up, which {@code --quick} keeps; one on disk gives the application of its jvisor
     * and paravirtual forks a disk of its own. A suite with {@code columns} is one row of the table
     * of operations, whose cells are its benchmarks (all run in jvisor forks): method name to column.
     */
    private record Suite(Class<?> type, List<ForkMode> modes, boolean cold, boolean onDisk, Map<String, ForkMode> columns) {

        Suite(Class<?> type, List<ForkMode> modes, boolean cold, boolean onDisk) {
            this(type, modes, cold, onDisk, Map.of());
        }

        Suite(Class<?> type, List<ForkMode> modes, boolean cold) {
            this(type, modes, cold, false);
        }

        /** Its modes that the forks' JVM runs: without the SecurityManager where that JVM has none. */
        List<ForkMode> modes(String jvm) {
            return modes.stream().filter(m -> m != ForkMode.SECURITY_MANAGER || securityManagerRuns(jvm)).toList();
        }

        List<String> benchmarks() {
            return Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Benchmark.class))
                    .map(Method::getName)
                    .sorted()
                    .map(m -> type.getName() + "." + m)
                    .toList();
        }
    }

    private static final List<Suite> SUITES = List.of(
            new Suite(OperationBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR, ForkMode.PARAVIRTUAL,
                    ForkMode.CONTAINER, ForkMode.SECURITY_MANAGER), false, true),
            new Suite(NioFileBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR, ForkMode.SECURITY_MANAGER), false, true),
            new Suite(GuestStartBenchmark.class, List.of(ForkMode.JVISOR), false, false, Map.of(
                    "processStart", ForkMode.NATIVE, "fullStart", ForkMode.JVISOR,
                    "paravirtualStart", ForkMode.PARAVIRTUAL, "containerStart", ForkMode.CONTAINER)),
            new Suite(LargeGuestStartBenchmark.class, List.of(ForkMode.JVISOR), false, false, Map.of(
                    "processStart", ForkMode.NATIVE, "fullStart", ForkMode.JVISOR, "containerStart", ForkMode.CONTAINER)),
            new Suite(ClassLoadBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR, ForkMode.SECURITY_MANAGER), false),
            new Suite(ColdClassLoadBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR), true),
            new Suite(TrapOverheadBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR, ForkMode.SECURITY_MANAGER), false),
            new Suite(HostGuardBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR), false),
            new Suite(UnsafeBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR), false),
            new Suite(RewriteThroughputBenchmark.class, List.of(ForkMode.NATIVE), false),
            new Suite(PreemptionBenchmark.class, List.of(ForkMode.JVISOR), false),
            new Suite(KillBenchmark.class, List.of(ForkMode.JVISOR), true),
            new Suite(HypercallBenchmark.class, List.of(ForkMode.PARAVIRTUAL), false));

    /**
     * Where a run makes the directory of its forks' temporary files ({@code java.io.tmpdir}) and the
     * jvisor forks' disks, which it deletes when it ends: a file system in memory where Linux has
     * one, so that a file write measures the open, write and close rather than the device (ext4
     * writes a file that was truncated back at its close); else this JVM's temporary directory.
     */
    private static final Path SCRATCH = scratch();

    /** The columns of the table of operations, as they are headed. */
    private static final Map<ForkMode, String> COLUMNS = columns();

    private RunBenchmarks() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean quick = false;
        Path outFile = null;
        String agentOption = null;
        String jvm = null;
        Pattern include = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--out" -> outFile = Path.of(value(args, ++i));
                    case "--agent" -> agentOption = value(args, ++i);
                    case "--jvm" -> jvm = value(args, ++i);
                    case "--include" -> include = Pattern.compile(value(args, ++i));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Rewriter.class.getName().startsWith(RunBenchmarks.class.getPackageName() + ".")) {
            err.println("bench: run from bench/target/benchmarks.jar (built by 'mvn -B -q package -DskipTests'), not from classes: "
                    + "in a jvisor fork, jvisor's own classes on the class path would be taken for guest classes");
            return 2;
        }
        Optional<String> hostAgent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-javaagent")).findFirst();
        if (hostAgent.isPresent()) {
            err.println("bench: remove " + hostAgent.get() + " from the command: the forks inherit it, "
                    + "and the native ones must run without an agent (use --agent JAR)");
            return 2;
        }
        Pattern filter = include;
        List<Suite> suites = SUITES.stream()
                .filter(s -> filter == null || filter.matcher(s.type().getSimpleName()).find())
                .toList();
        if (suites.isEmpty()) {
            err.println("bench: --include " + include + " matches none of "
                    + SUITES.stream().map(s -> s.type().getSimpleName()).toList());
            return 2;
        }
        Path agent = null;
        String forkJvm = jvm;
        if (suites.stream().anyMatch(s -> s.modes(forkJvm).stream().anyMatch(ForkMode::underAgent))) {
            agent = findAgent(agentOption);
            if (agent == null) {
                err.println("bench: jvisor-agent.jar not found: build it ('mvn -B -q package -DskipTests' "
                        + "in the checkout) or name it with --agent JAR");
                return 2;
            }
            for (String beside : List.of("jvisor-hooks.jar", "jvisor-api.jar")) {
                if (!Files.isRegularFile(agent.resolveSibling(beside))) {
                    err.println("bench: " + agent + " has no " + beside + " beside it, which its manifest puts on the "
                            + "bootstrap class path: keep the jvisor-*.jar files of sandbox/target together");
                    return 2;
                }
            }
            out.println("bench: jvisor forks run with -javaagent:" + agent);
        }

        Map<String, Result<?>> results = new LinkedHashMap<>();
        Map<String, BenchmarkParams> params = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Path work;
        try {
            work = Files.createTempDirectory(SCRATCH, "jvisor-bench-run");
        } catch (IOException e) {
            err.println("bench: cannot create a directory for the forks' files in " + SCRATCH + ": " + e);
            return 1;
        }
        try {
            runSuites(suites, jvm, quick, agent, work, out, results, params, failures);
        } finally {
            deleteTree(work, err);
        }
        for (Suite suite : suites) {
            for (String benchmark : suite.benchmarks()) {
                for (ForkMode mode : suite.modes(jvm)) {
                    Result<?> r = results.get(key(benchmark, mode));
                    if (r == null || !Double.isFinite(r.getScore())) {
                        failures.add(simpleName(benchmark) + " (" + mode.label() + "): no result");
                    }
                }
            }
        }

        String report = report(suites, jvm, results, params, quick);
        out.println();
        out.print(report);
        if (outFile != null) {
            try {
                Path parent = outFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(outFile, report, StandardCharsets.UTF_8);
                out.println("bench: wrote " + outFile);
            } catch (IOException e) {
                failures.add("cannot write " + outFile + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            err.println("bench: FAILED: " + failures.size() + " benchmark run(s) produced no result:");
            failures.forEach(f -> err.println("bench:   " + f));
            return 1;
        }
        int count = results.size();
        out.println("bench: all " + count + " benchmark runs produced a result");
        return 0;
    }

    /** Runs each suite's forks in each of its modes, their files in {@code work}. */
    private static void runSuites(List<Suite> suites, String jvm, boolean quick, Path agent, Path work, PrintStream out,
            Map<String, Result<?>> results, Map<String, BenchmarkParams> params, List<String> failures) {
        for (Suite suite : suites) {
            for (ForkMode mode : suite.modes(jvm)) {
                ChainedOptionsBuilder options = new OptionsBuilder()
                        .include("^" + Pattern.quote(suite.type().getName() + ".") + "\\w+$")
                        .shouldFailOnError(true)
                        .jvmArgsAppend(jvmArgs(mode, agent, suite.onDisk(), work));
                if (quick) {
                    options.forks(1);
                }
                if (quick && !suite.cold()) {
                    options.warmupIterations(1).warmupTime(TimeValue.milliseconds(QUICK_ITERATION_MS))
                            .measurementIterations(1).measurementTime(TimeValue.milliseconds(QUICK_ITERATION_MS));
                }
                if (jvm != null) {
                    options.jvm(jvm);
                }
                out.println("bench: " + suite.type().getSimpleName() + ", " + mode.label());
                try {
                    for (RunResult r : new Runner(options.build()).run()) {
                        String key = key(r.getParams().getBenchmark(), mode);
                        results.put(key, r.getPrimaryResult());
                        params.put(key, r.getParams());
                    }
                } catch (RunnerException e) {
                    failures.add(suite.type().getSimpleName() + " (" + mode.label() + "): " + e.getMessage());
                }
            }
        }
    }

    /** Deletes the forks' files: their disks, the guests' jars, what a failed fork left. */
    private static void deleteTree(Path dir, PrintStream err) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("bench: could not delete all of " + dir + ": " + e);
        }
    }

    /**
     * A fork's JVM arguments; a suite on disk runs its jvisor and paravirtual forks with a virtual
     * disk in a new temporary directory (not its container forks: a container works on the host's
     * files, and so must the application that makes them for it), and every other fork with its
     * temporary files in the {@code tmp} of such a directory, the host directory that holds a
     * guest's: each mode's files then lie as deep on the host, since the kernel's lookup of a path
     * costs by its names (about 45 ns for two more in a {@code stat}), which is not jvisor's cost.
     */
    private static String[] jvmArgs(ForkMode mode, Path agent, boolean onDisk, Path work) {
        List<String> a = new ArrayList<>();
        a.add("-D" + ForkMode.PROPERTY + "=" + mode.label());
        boolean disk = onDisk && mode.underAgent() && mode != ForkMode.CONTAINER;
        Path diskDir = onDisk ? temporaryDisk(work) : null;
        a.add("-Djava.io.tmpdir=" + (onDisk && !disk ? diskDir.resolve("tmp") : work));
        if (mode.underAgent()) {
            a.add("-javaagent:" + agent + (disk ? "=disk=" + diskDir : ""));
        }
        if (mode == ForkMode.SECURITY_MANAGER) {
            a.add("-Djava.security.manager");
            a.add("-Djava.security.policy==" + grantEverything());
        }
        return a.toArray(new String[0]);
    }

    /** Whether the forks' JVM (this one's JDK, unless --jvm names another) still starts with a SecurityManager. */
    private static boolean securityManagerRuns(String jvm) {
        return jvm == null && Runtime.version().feature() <= ForkMode.LAST_WITH_SECURITY_MANAGER;
    }

    /** A policy file that grants everything: the SecurityManager checks every operation, and each check passes. */
    private static Path grantEverything() {
        try {
            Path policy = Files.createTempFile("jvisor-bench-", ".policy");
            Files.writeString(policy, "grant {\n    permission java.security.AllPermission;\n};\n");
            return policy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the SecurityManager's policy file", e);
        }
    }

    private static Path temporaryDisk(Path work) {
        try {
            Path dir = Files.createTempDirectory(work, "jvisor-bench-disk");
            Files.createDirectory(dir.resolve("tmp"));
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create a disk for the benchmark's guest", e);
        }
    }

    private static Path scratch() {
        Path memory = Path.of("/dev/shm");
        return Files.isDirectory(memory) && Files.isWritable(memory) ? memory : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static Path findAgent(String option) {
        String named = option != null ? option : System.getProperty(AGENT_PROPERTY);
        if (named != null) {
            Path p = Path.of(named).toAbsolutePath().normalize();
            return Files.isRegularFile(p) ? p : null;
        }
        Path relative = Path.of("sandbox", "target", "jvisor-agent.jar");
        List<Path> candidates = new ArrayList<>();
        try {
            // bench/target/benchmarks.jar -> the checkout's root is two levels up
            Path jar = Path.of(RunBenchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.toAbsolutePath().getParent();
            for (int i = 0; i < 2 && root != null; i++) {
                root = root.getParent();
            }
            if (root != null) {
                candidates.add(root.resolve(relative));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source to start from: the working directory remains
        }
        candidates.add(relative);
        return candidates.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isRegularFile)
                .findFirst().orElse(null);
    }

    // ---- the report ----

    private static String report(List<Suite> suites, String jvm, Map<String, Result<?>> results,
            Map<String, BenchmarkParams> params, boolean quick) {
        StringBuilder md = new StringBuilder();
        BenchmarkParams any = params.values().stream().findFirst().orElse(null);
        md.append("Measured ").append(LocalDate.now()).append(" with JMH 1.37")
                .append(quick ? " in quick mode (1 fork, 1 warm-up and 1 measured iteration of " + QUICK_ITERATION_MS
                        + " ms: a smoke test, not a measurement)" : "")
                .append(".  \n");
        md.append("JDK: ").append(any == null ? System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                : any.getVmName() + " " + any.getVmVersion() + " (JDK " + any.getJdkVersion() + ")").append(".  \n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(cpuModel()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append(".  \n");
        md.append("Temporary files and the jvisor forks' disks in ").append(SCRATCH).append(".  \n");
        md.append("Scores are averages with JMH's 99.9% confidence interval (\u00b1).\n");

        List<Row> rows = new ArrayList<>();
        List<String> nativeOnly = new ArrayList<>();
        List<String> underAgentOnly = new ArrayList<>();
        for (Suite suite : suites) {
            List<ForkMode> modes = suite.modes(jvm);
            if (!suite.columns().isEmpty()) {
                Map<ForkMode, String> cells = new EnumMap<>(ForkMode.class);
                suite.columns().forEach((method, column) -> cells.put(column, key(suite.type().getName() + "." + method, ForkMode.JVISOR)));
                rows.add(new Row(suite.type().getSimpleName() + ".*Start", cells));
            } else if (modes.contains(ForkMode.NATIVE) && modes.size() > 1) {
                for (String b : suite.benchmarks()) {
                    Map<ForkMode, String> cells = new EnumMap<>(ForkMode.class);
                    modes.forEach(m -> cells.put(m, key(b, m)));
                    rows.add(new Row(simpleName(b), cells));
                }
            } else if (modes.contains(ForkMode.NATIVE)) {
                nativeOnly.addAll(suite.benchmarks());
            } else {
                suite.benchmarks().forEach(b -> underAgentOnly.add(key(b, modes.get(0))));
            }
        }
        if (!rows.isEmpty()) {
            operations(md, rows, results);
            md.append("\nSettings: ").append(settings(rows.stream().flatMap(r -> r.cells().values().stream()).toList(), params))
                    .append(".\n");
        }
        if (!nativeOnly.isEmpty()) {
            Corpus corpus = Corpus.get();
            md.append("\n### Rewrite throughput, no agent: every class file of ").append(corpus.artifact())
                    .append(String.format(Locale.ROOT, " (%,d classes, %.1f MB; the rewriter changes %,d of them)",
                            corpus.size(), corpus.bytes() / 1e6, RewriteThroughputBenchmark.rewrittenClasses()))
                    .append("\n\n");
            md.append("| benchmark | unit | score | MB/s | \u00d7 asmCopy | \u00d7 asmRoundTrip |\n");
            md.append("|---|---|---:|---:|---:|---:|\n");
            Result<?> copy = results.get(key(RewriteThroughputBenchmark.class.getName() + ".asmCopy", ForkMode.NATIVE));
            Result<?> roundTrip = results.get(key(RewriteThroughputBenchmark.class.getName() + ".asmRoundTrip", ForkMode.NATIVE));
            for (String b : nativeOnly) {
                Result<?> r = results.get(key(b, ForkMode.NATIVE));
                md.append("| ").append(simpleName(b)).append(" | ").append(unit(r, null)).append(" | ")
                        .append(score(r)).append(" | ").append(megabytesPerSecond(r, corpus.bytes())).append(" | ")
                        .append(ratio(r, copy)).append(" | ").append(ratio(r, roundTrip)).append(" |\n");
            }
            md.append("\nSettings: ").append(settings(nativeOnly.stream().map(b -> key(b, ForkMode.NATIVE)).toList(), params))
                    .append(".\n");
        }
        if (!underAgentOnly.isEmpty()) {
            underAgentOnly(md, underAgentOnly, results);
            md.append("\nSettings: ").append(settings(underAgentOnly, params)).append(".\n");
        }
        return md.toString();
    }

    /**
     * One row of the table of operations: the result (its key) that each column measured; a
     * column without a cell was not measured for that row.
     */
    private record Row(String name, Map<ForkMode, String> cells) {
    }

    /** The table of operations: each column's score and its ratio to native, in the columns some row has. */
    private static void operations(StringBuilder md, List<Row> rows, Map<String, Result<?>> results) {
        List<ForkMode> columns = COLUMNS.keySet().stream()
                .filter(c -> rows.stream().anyMatch(r -> r.cells().containsKey(c))).toList();
        md.append("\n### Operations: native, and each mode with its ratio to native\n\n");
        md.append("| benchmark | unit |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (ForkMode c : columns) {
            md.append(' ').append(COLUMNS.get(c)).append(" |");
            rule.append("---:|");
            if (c != ForkMode.NATIVE) {
                md.append(' ').append(COLUMNS.get(c)).append(" / native |");
                rule.append("---:|");
            }
        }
        md.append('\n').append(rule).append('\n');
        for (Row row : rows) {
            Result<?> n = results.get(row.cells().get(ForkMode.NATIVE));
            md.append("| ").append(row.name()).append(" | ")
                    .append(unit(n, results.get(row.cells().get(ForkMode.JVISOR)))).append(" |");
            for (ForkMode c : columns) {
                String cell = row.cells().get(c);
                Result<?> r = cell == null ? null : results.get(cell);
                md.append(' ').append(cell == null ? "" : score(r)).append(" |");
                if (c != ForkMode.NATIVE) {
                    md.append(' ').append(ratio(r, n)).append(" |");
                }
            }
            md.append('\n');
        }
    }

    private static Map<ForkMode, String> columns() {
        Map<ForkMode, String> c = new EnumMap<>(ForkMode.class);
        c.put(ForkMode.NATIVE, "native");
        c.put(ForkMode.JVISOR, "full");
        c.put(ForkMode.PARAVIRTUAL, "paravirtual");
        c.put(ForkMode.CONTAINER, "container");
        c.put(ForkMode.SECURITY_MANAGER, "SecurityManager");
        return Collections.unmodifiableMap(c);
    }

    /**
     * The benchmarks that run under the agent only (by result key): a pair {@code xNative}/{@code xGuest}
     * is one row, the score of a hosted guest's copy of some code beside that of the application's
     * copy, and their ratio; any other benchmark a row with its score alone.
     */
    private static void underAgentOnly(StringBuilder md, List<String> keys, Map<String, Result<?>> results) {
        md.append("\n### Under the agent only: hosted guests' safepoint polls and kills, hypercall attribution\n\n");
        md.append("| benchmark | unit | score (a hosted guest's copy) | the application's copy | guest / application |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (String k : keys) {
            if (k.contains("Native ") && keys.contains(k.replace("Native ", "Guest "))) {
                continue;
            }
            Result<?> r = results.get(k);
            String name = simpleName(k.substring(0, k.indexOf(' ')));
            if (name.endsWith("Guest")) {
                Result<?> n = results.get(k.replace("Guest ", "Native "));
                md.append("| ").append(name, 0, name.length() - 5).append(" | ").append(unit(n, r)).append(" | ")
                        .append(score(r)).append(" | ").append(score(n)).append(" | ").append(ratio(r, n)).append(" |\n");
            } else {
                md.append("| ").append(name).append(" | ").append(unit(r, null)).append(" | ").append(score(r)).append(" | | |\n");
            }
        }
    }

    /** The settings of the runs of some results (by key), per benchmark class. */
    private static String settings(List<String> keys, Map<String, BenchmarkParams> params) {
        Map<String, String> byClass = new LinkedHashMap<>();
        for (String k : keys) {
            BenchmarkParams p = params.get(k);
            if (p != null) {
                String name = simpleName(p.getBenchmark());
                byClass.putIfAbsent(name.substring(0, name.indexOf('.')), settings(p));
            }
        }
        return byClass.isEmpty() ? "none ran" : byClass.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + "; " + b).orElseThrow();
    }

    private static String settings(BenchmarkParams p) {
        String forks = p.getForks() + (p.getForks() == 1 ? " fork" : " forks");
        if (p.getMode() == org.openjdk.jmh.annotations.Mode.SingleShotTime) {
            return forks + " \u00d7 " + p.getMeasurement().getCount() + " single shot"
                    + (p.getWarmup().getCount() == 0 ? ", no warm-up" : " after " + p.getWarmup().getCount() + " warm-up shots");
        }
        return forks + ", " + iterations(p.getWarmup()) + " warm-up, " + iterations(p.getMeasurement()) + " measured";
    }

    private static String iterations(IterationParams p) {
        return p.getCount() + " \u00d7 " + p.getTime();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static String unit(Result<?> a, Result<?> b) {
        return a != null ? a.getScoreUnit() : b != null ? b.getScoreUnit() : "";
    }

    private static String score(Result<?> r) {
        if (r == null || !Double.isFinite(r.getScore())) {
            return "failed";
        }
        String format = format(r.getScore());
        String s = String.format(Locale.ROOT, format, r.getScore());
        return Double.isFinite(r.getScoreError()) ? s + " \u00b1 " + String.format(Locale.ROOT, format, r.getScoreError()) : s;
    }

    private static String format(double score) {
        double a = Math.abs(score);
        return a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    }

    private static String ratio(Result<?> numerator, Result<?> denominator) {
        if (numerator == null || denominator == null || !Double.isFinite(numerator.getScore())
                || !Double.isFinite(denominator.getScore()) || denominator.getScore() == 0
                || !numerator.getScoreUnit().equals(denominator.getScoreUnit())) {
            return "";
        }
        double r = numerator.getScore() / denominator.getScore();
        return String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
    }

    private static String megabytesPerSecond(Result<?> r, long bytes) {
        if (r == null || !Double.isFinite(r.getScore()) || !r.getScoreUnit().equals("ms/op")) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f", bytes / 1e6 / (r.getScore() / 1e3));
    }

    private static String key(String benchmark, ForkMode mode) {
        return benchmark + " " + mode.label();
    }

    private static String simpleName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
