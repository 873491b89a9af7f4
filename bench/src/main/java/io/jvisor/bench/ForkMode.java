package io.jvisor.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a benchmark fork runs: {@link #NATIVE}, a plain JVM; {@link #JVISOR}, a JVM started with
 * {@code -javaagent:jvisor-agent.jar}, in which every class of benchmarks.jar (the benchmark, JMH
 * and the code JMH generates) is a guest class, rewritten as it loads (full virtualisation);
 * {@link #PARAVIRTUAL} and {@link #CONTAINER}, the same JVM, in which {@link OperationBenchmark}
 * makes its operations through the hypercall API, or calls a container's copy of them; or
 * {@link #SECURITY_MANAGER}, the old way, a JVM under the JDK's SecurityManager with a policy that
 * grants everything (the least a policy can cost; JDK 17 to 23, as JDK 24 removed it).
 *
 * <p>{@link RunBenchmarks} tells each fork which it should be ({@value #PROPERTY}); the benchmarks
 * {@link #check() check} it in their setup, so that a fork whose agent did not attach fails instead
 * of reporting a native number as jvisor's.
 */
enum ForkMode {
    NATIVE,
    JVISOR,
    PARAVIRTUAL,
    CONTAINER,
    SECURITY_MANAGER;

    /** The newest JDK whose JVM starts with a SecurityManager (JDK 24 refuses one, JEP 486). */
    static final int LAST_WITH_SECURITY_MANAGER = 23;

    /** The system property that names the mode a fork must run in. */
    static final String PROPERTY = "jvisor.bench.mode";

    /** The mode's name, as in tables and in {@value #PROPERTY}. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this mode's forks run under jvisor's agent. */
    boolean underAgent() {
        return this == JVISOR || this == PARAVIRTUAL || this == CONTAINER;
    }

    /**
     * The kind of JVM this is: jvisor if it was started with jvisor's agent. (The benchmark's own
     * classes are guests there, and a guest class may not refer to jvisor's entry points.)
     */
    @SuppressWarnings("removal") // the SecurityManager, measured here where it still exists
    static ForkMode current() {
        boolean agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("jvisor-agent"));
        return agent ? JVISOR : System.getSecurityManager() != null ? SECURITY_MANAGER : NATIVE;
    }

    /**
     * Fails if this JVM is not the kind that the mode {@value #PROPERTY} asks for needs: a mode
     * {@link #underAgent() under the agent} needs a jvisor JVM (a {@link #PARAVIRTUAL} fork also
     * checks that hypercalls are served, where it makes its first). Without the property, as when
     * JMH's own main runs the benchmarks, nothing is checked.
     *
     * @return the mode asked for, else the kind of this JVM
     * @throws IllegalStateException on a mismatch
     */
    static ForkMode check() {
        String expected = System.getProperty(PROPERTY);
        ForkMode actual = current();
        if (expected == null) {
            return actual;
        }
        ForkMode asked = Arrays.stream(values()).filter(m -> m.label().equals(expected)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown -D" + PROPERTY + "=" + expected));
        if (asked.underAgent() ? actual != JVISOR : actual != asked) {
            throw new IllegalStateException("this fork should run " + expected + " but runs " + actual.label()
                    + (actual == JVISOR ? ": a jvisor agent is attached (remove -javaagent from the command)"
                            : asked.underAgent() ? ": it was not started with -javaagent:...jvisor-agent.jar"
                            : ": -Djava.security.manager is " + (actual == SECURITY_MANAGER ? "set" : "missing")));
        }
        return asked;
    }
}
