package io.jvisor.sandbox;

/**
 * Where a host application that embeds jvisor as a library starts it: the seed's type 2
 * hypervisor, hosted by an ordinary program that was started without {@code -javaagent}.
 * <pre>{@code
 * Hypervisor hypervisor = Jvisor.attach();          // first, before any other class of jvisor's
 * Guest guest = hypervisor.start(GuestSpec.builder("plugin").classPath(jar).build());
 * }</pre>
 * {@code jvisor.jar} (or {@code jvisor-agent.jar}) goes on the host's class path, with
 * {@code jvisor-hooks.jar} and {@code jvisor-api.jar} beside it and not on the class path: the
 * agent puts them on the bootstrap class path, where the JDK's guarded code and every guest find
 * the one copy. This class names no other class of jvisor's before the agent is attached, since
 * those need that copy.
 */
public final class Jvisor {

    private Jvisor() {
    }

    /**
     * The hypervisor of this JVM, started now if the JVM was started without jvisor. Attaches
     * jvisor's agent, the jar this class comes from, to the running JVM: by a helper process, since
     * a JVM may not attach to itself by default, which takes a few hundred milliseconds. From JDK 21
     * the JVM prints a warning about an agent loaded so, unless started with
     * {@code -XX:+EnableDynamicAgentLoading}. The host's classes loaded before are not rewritten:
     * the host is no guest. Idempotent and thread-safe.
     *
     * @return the hypervisor, never {@code null}
     * @throws IllegalStateException if the agent cannot be attached (jvisor is not in a jar, the JVM
     *                               has no attach API or refuses it) or cannot start; the message says why
     */
    public static synchronized Hypervisor attach() {
        JvisorAgent.attachToThisJvm();
        return Hypervisor.get();
    }
}
