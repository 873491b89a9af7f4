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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every benchmark of this module and prints what jvisor costs: each benchmark of
 * {@link TrapOverheadBenchmark}, {@link ClassLoadBenchmark}, {@link FileBenchmark} and {@link HostGuardBenchmark} twice, in a native fork and in a
 * fork started with {@code -javaagent:jvisor-agent.jar}, with the ratio jvisor/native; and
 * {@link RewriteThroughputBenchmark} once, against its ASM baselines.
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

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp bench/target/benchmarks.jar io.jvisor.bench.RunBenchmarks [OPTIONS]",
            "  --quick          1 fork, 1 warm-up and 1 measured iteration of 1 s each: proves that every",
            "                   benchmark starts and that the agent attaches (well under 2 minutes)",
            "  --out FILE       also write the tables as Markdown to FILE",
            "  --agent JAR      jvisor-agent.jar (default: -D" + AGENT_PROPERTY + ", else sandbox/target/jvisor-agent.jar",
            "                   of the checkout that holds this benchmarks.jar, else of the working directory)",
            "  --jvm JAVA       the java executable of the forks (default: the one running this)",
            "  --include REGEX  only the benchmark classes whose simple name contains a match",
            "Without --quick the full run takes about 11 minutes on 2 cores.");

    /**
     * One benchmark class and the modes it runs in; a cold one measures a single shot per fork
     * with no warm-up, which {@code --quick} keeps.
     */
    private record Suite(Class<?> type, List<ForkMode> modes, boolean cold, boolean onDisk) {

        Suite(Class<?> type, List<ForkMode> modes, boolean cold) {
            this(type, modes, cold, false);
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
            new Suite(TrapOverheadBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR, ForkMode.SECURITY_MANAGER), false),
            new Suite(ClassLoadBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR), false),
            new Suite(ColdClassLoadBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR), true),
            new Suite(FileBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR, ForkMode.SECURITY_MANAGER), false, true),
            new Suite(HostGuardBenchmark.class, List.of(ForkMode.NATIVE, ForkMode.JVISOR), false),
            new Suite(RewriteThroughputBenchmark.class, List.of(ForkMode.NATIVE), false),
            new Suite(PreemptionBenchmark.class, List.of(ForkMode.JVISOR), false),
            new Suite(KillBenchmark.class, List.of(ForkMode.JVISOR), true),
            new Suite(GuestStartBenchmark.class, List.of(ForkMode.JVISOR), false));

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
            err.println("bench: run from bench/target/benchmarks.jar (built by 'mvn install'), not from classes: "
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
        if (suites.stream().anyMatch(s -> s.modes().contains(ForkMode.JVISOR))) {
            agent = findAgent(agentOption);
            if (agent == null) {
                err.println("bench: jvisor-agent.jar not found: build it ('mvn -B -q install -Dmaven.test.skip=true' "
                        + "in the checkout) or name it with --agent JAR");
                return 2;
            }
            out.println("bench: jvisor forks run with -javaagent:" + agent);
        }

        Map<String, Result<?>> results = new LinkedHashMap<>();
        Map<String, BenchmarkParams> params = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Suite suite : suites) {
            for (ForkMode mode : suite.modes()) {
                if (mode == ForkMode.SECURITY_MANAGER && !securityManagerRuns(jvm)) {
                    continue;
                }
                ChainedOptionsBuilder options = new OptionsBuilder()
                        .include("^" + Pattern.quote(suite.type().getName() + ".") + "\\w+$")
                        .shouldFailOnError(true)
                        .jvmArgsAppend(jvmArgs(mode, agent, suite.onDisk()));
                if (quick) {
                    options.forks(1);
                }
                if (quick && !suite.cold()) {
                    options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                            .measurementIterations(1).measurementTime(TimeValue.seconds(1));
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
        for (Suite suite : suites) {
            for (String benchmark : suite.benchmarks()) {
                for (ForkMode mode : suite.modes()) {
                    Result<?> r = results.get(key(benchmark, mode));
                    if (mode == ForkMode.SECURITY_MANAGER && !securityManagerRuns(jvm)) {
                        continue;
                    }
                    if (r == null || !Double.isFinite(r.getScore())) {
                        failures.add(simpleName(benchmark) + " (" + mode.label() + "): no result");
                    }
                }
            }
        }

        String report = report(suites, results, params, quick, agent != null);
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

    /** A fork's JVM arguments; a suite on disk runs its jvisor fork with a virtual disk in a new temporary directory. */
    private static String[] jvmArgs(ForkMode mode, Path agent, boolean onDisk) {
        List<String> a = new ArrayList<>();
        a.add("-D" + ForkMode.PROPERTY + "=" + mode.label());
        if (mode == ForkMode.JVISOR) {
            a.add("-javaagent:" + agent + (onDisk ? "=disk=" + temporaryDisk() : ""));
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

    private static Path temporaryDisk() {
        try {
            return Files.createTempDirectory("jvisor-bench-disk");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create a disk for the benchmark's guest", e);
        }
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

    private static String report(List<Suite> suites, Map<String, Result<?>> results,
            Map<String, BenchmarkParams> params, boolean quick, boolean withAgent) {
        StringBuilder md = new StringBuilder();
        BenchmarkParams any = params.values().stream().findFirst().orElse(null);
        md.append("Measured ").append(LocalDate.now()).append(" with JMH 1.37")
                .append(quick ? " in quick mode (1 fork, 1 s warm-up, 1 s measured: a smoke test, not a measurement)" : "")
                .append(".  \n");
        md.append("JDK: ").append(any == null ? System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                : any.getVmName() + " " + any.getVmVersion() + " (JDK " + any.getJdkVersion() + ")").append(".  \n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(cpuModel()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append(".  \n");
        md.append("Scores are averages with JMH's 99.9% confidence interval (\u00b1).\n");

        List<String> both = new ArrayList<>();
        List<String> nativeOnly = new ArrayList<>();
        List<String> jvisorOnly = new ArrayList<>();
        for (Suite suite : suites) {
            boolean j = suite.modes().contains(ForkMode.JVISOR);
            boolean n = suite.modes().contains(ForkMode.NATIVE);
            (j && n ? both : n ? nativeOnly : jvisorOnly).addAll(suite.benchmarks());
        }
        if (!both.isEmpty()) {
            md.append("\n### jvisor against native: the same code, with and without the agent\n\n");
            md.append("| benchmark | unit | native | jvisor | jvisor / native | SecurityManager | SecurityManager / native |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|\n");
            for (String b : both) {
                Result<?> n = results.get(key(b, ForkMode.NATIVE));
                Result<?> j = results.get(key(b, ForkMode.JVISOR));
                Result<?> sm = results.get(key(b, ForkMode.SECURITY_MANAGER));
                md.append("| ").append(simpleName(b)).append(" | ").append(unit(n, j)).append(" | ")
                        .append(score(n)).append(" | ").append(withAgent ? score(j) : "not run").append(" | ")
                        .append(ratio(j, n)).append(" | ").append(sm == null ? "" : score(sm)).append(" | ")
                        .append(ratio(sm, n)).append(" |\n");
            }
            md.append("\nSettings: ").append(settings(both, params, ForkMode.NATIVE)).append(".\n");
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
            md.append("\nSettings: ").append(settings(nativeOnly, params, ForkMode.NATIVE)).append(".\n");
        }
        if (!jvisorOnly.isEmpty()) {
            hostedGuests(md, jvisorOnly, results, withAgent);
            md.append("\nSettings: ").append(settings(jvisorOnly, params, ForkMode.JVISOR)).append(".\n");
        }
        return md.toString();
    }

    /**
     * The benchmarks that host guests, in jvisor forks: a pair {@code xNative}/{@code xGuest} is one
     * row with its ratio, the same code on the application's copy and on a hosted guest's.
     */
    private static void hostedGuests(StringBuilder md, List<String> benchmarks, Map<String, Result<?>> results, boolean withAgent) {
        md.append("\n### Hosted guests, in jvisor forks: safepoint polls, kills and starts\n\n");
        md.append("| benchmark | unit | application's copy | hosted guest's copy | guest / application |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (String b : benchmarks) {
            if (b.endsWith("Native") && benchmarks.contains(b.substring(0, b.length() - 6) + "Guest")) {
                continue;
            }
            Result<?> r = results.get(key(b, ForkMode.JVISOR));
            String name = simpleName(b);
            if (b.endsWith("Guest")) {
                Result<?> n = results.get(key(b.substring(0, b.length() - 5) + "Native", ForkMode.JVISOR));
                md.append("| ").append(name, 0, name.length() - 5).append(" | ").append(unit(n, r)).append(" | ")
                        .append(withAgent ? score(n) : "not run").append(" | ").append(withAgent ? score(r) : "not run")
                        .append(" | ").append(ratio(r, n)).append(" |\n");
            } else {
                md.append("| ").append(name).append(" | ").append(unit(r, null)).append(" | | ")
                        .append(withAgent ? score(r) : "not run").append(" | |\n");
            }
        }
    }

    private static String settings(List<String> benchmarks, Map<String, BenchmarkParams> params, ForkMode mode) {
        Map<String, String> byClass = new LinkedHashMap<>();
        for (String b : benchmarks) {
            BenchmarkParams p = params.get(key(b, mode));
            if (p != null) {
                byClass.putIfAbsent(simpleName(b).substring(0, simpleName(b).indexOf('.')), settings(p));
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
