package io.jvisor.sandbox.cli;

import io.jvisor.agent.internal.Json;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.cli.EscapeSuite.Outcome;
import io.jvisor.sandbox.cli.EscapeSuite.Technique;
import io.jvisor.sandbox.cli.EscapeSuite.Verdict;
import io.jvisor.sandbox.policy.Policy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code jvisor escapes}: runs the escape suite and reports which techniques were contained. */
@Command(name = "escapes",
        mixinStandardHelpOptions = true,
        description = {"Runs the escape suite: each hostile technique of an escapes jar as a guest, judged from the host's side.",
            "", "The jar indexes its techniques in " + EscapeSuite.INDEX + "; those that do not apply to this JDK are not run. "
                + "Exit status 0 if every technique that applies was contained, 1 if not."},
        footer = {"", "Example: jvisor escapes --json samples/escapes/target/escapes.jar"})
final class EscapesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ESCAPES.jar", description = "the escapes jar (samples/escapes/target/escapes.jar)")
    private Path jar;

    @Mixin
    private PolicyOptions policy = new PolicyOptions();

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "run only these techniques (ids from the index)")
    private List<String> only = new ArrayList<>();

    @Option(names = "--json", description = "one JSON object a line per technique, then a summary object")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s", converter = Timeout.class,
            description = "how long each guest may run: a number of seconds, or with ms, s or m (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The technique whose guest runs now, blamed if the JVM shuts down meanwhile. */
    private volatile Technique running;

    @Override
    public Integer call() throws InterruptedException {
        Policy p = policy.resolve();
        List<Technique> techniques = select(EscapeSuite.read(jar));
        Hypervisor hypervisor;
        try {
            hypervisor = Hypervisor.get();
        } catch (IllegalStateException e) {
            throw new FailedException(e.getMessage(), e);
        }
        EscapeSuite suite = new EscapeSuite(hypervisor, jar, p, timeout);
        Report report = new Report(System.out, json, techniques);
        Thread shutdown = new Thread(() -> jvmEnding(report), "jvisor-escapes-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            for (Technique t : techniques) {
                running = t;
                Verdict v = suite.run(t);
                running = null;
                report.print(v);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        }
        return report.summary() ? 0 : 1;
    }

    /**
     * A JVM that shuts down while a technique runs did not survive it: that technique escaped. Says
     * so, and ends the JVM with status 1 rather than with whatever status the guest gave.
     */
    private void jvmEnding(Report report) {
        Technique t = running;
        if (t != null) {
            report.print(new Verdict(t, Outcome.ESCAPED, "the JVM began to shut down while it ran"));
            report.summary();
            Runtime.getRuntime().halt(1);
        }
    }

    /** The techniques {@code --only} names, in the index's order; all without it. */
    private List<Technique> select(List<Technique> all) {
        if (only.isEmpty()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>(only);
        all.forEach(t -> wanted.remove(t.id()));
        if (!wanted.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--only: " + jar + " has no technique "
                    + String.join(", ", wanted));
        }
        return all.stream().filter(t -> only.contains(t.id())).toList();
    }

    /** What the command prints: a line per technique as it is judged, then the summary. Thread-safe. */
    private static final class Report {
        private static final String[] LABELS = {"contained", "ESCAPED", "inconclusive", "n/a"};

        private final PrintStream out;
        private final boolean json;
        private final String format;
        private final String indent;
        private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);

        Report(PrintStream out, boolean json, List<Technique> techniques) {
            this.out = out;
            this.json = json;
            int id = techniques.stream().mapToInt(t -> t.id().length()).max().orElse(0);
            int door = techniques.stream().mapToInt(t -> t.door().length()).max().orElse(0);
            this.format = "%-12s %-" + id + "s  %-" + door + "s  %s%n";
            this.indent = " ".repeat(13 + id + 2);
            for (Outcome o : Outcome.values()) {
                counts.put(o, 0);
            }
        }

        synchronized void print(Verdict v) {
            Technique t = v.technique();
            counts.merge(v.outcome(), 1, Integer::sum);
            if (json) {
                out.println("{\"id\": " + Json.quote(t.id()) + ", \"door\": " + Json.quote(t.door())
                        + ", \"goal\": " + Json.quote(t.goal().word) + ", \"verdict\": " + Json.quote(v.outcome().word)
                        + ", \"detail\": " + Json.quote(v.detail()) + ", \"source\": " + Json.quote(t.source()) + "}");
            } else {
                out.printf(format, LABELS[v.outcome().ordinal()], t.id(), t.door(), v.detail());
                if (v.outcome() == Outcome.ESCAPED) {
                    out.println(indent + "source: " + t.source());
                }
            }
            out.flush();
        }

        /** Prints the summary; returns whether every technique that applies was contained. */
        synchronized boolean summary() {
            int contained = counts.get(Outcome.CONTAINED);
            int escaped = counts.get(Outcome.ESCAPED);
            int inconclusive = counts.get(Outcome.INCONCLUSIVE);
            int notApplicable = counts.get(Outcome.NOT_APPLICABLE);
            int applicable = contained + escaped + inconclusive;
            String jdk = System.getProperty("java.version");
            if (json) {
                out.println("{\"jdk\": " + Json.quote(jdk) + ", \"techniques\": " + applicable + ", \"contained\": " + contained
                        + ", \"escaped\": " + escaped + ", \"inconclusive\": " + inconclusive
                        + ", \"notApplicable\": " + notApplicable + "}");
            } else {
                out.println("escape suite on JDK " + jdk + ": " + applicable + (applicable == 1 ? " technique, " : " techniques, ")
                        + contained + " contained, " + escaped + " escaped, " + inconclusive + " inconclusive, "
                        + notApplicable + " not applicable");
            }
            out.flush();
            return applicable == contained;
        }
    }

    /** A duration: a number of seconds, or a number with ms, s or m. */
    static final class Timeout implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration (such as 20s, 500ms or 2m)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return unit.equals("ms") ? Duration.ofMillis(n) : unit.equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
        }
    }
}
