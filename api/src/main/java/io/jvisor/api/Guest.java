package io.jvisor.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a guest on its main class: how it wants to run under jvisor. The jvisor annotation
 * processor ({@code jvisor-processor}) checks it and writes the guest's descriptor,
 * {@code META-INF/jvisor/guest.properties}, into the class output, where the hypervisor reads it.
 *
 * <p>The processor reports an error on the annotated class when it is not a top-level or static
 * nested class with a {@code public static void main(String[])} (from Java 25 source on, the
 * {@code main} methods the {@code java} launcher accepts), when a second class of the same
 * compilation carries {@code @Guest}, or when a value below is malformed.
 *
 * <p>The descriptor is a properties file with these keys, in this order; a key whose element is
 * left at its default is left out:
 * <table>
 *   <caption>guest.properties</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@code name}</td><td>{@link #name()}</td></tr>
 *   <tr><td>{@code main}</td><td>the binary name of the annotated class (always present)</td></tr>
 *   <tr><td>{@code mode}</td><td>{@link #mode()} in lower case: {@code full}, {@code paravirtual}
 *       or {@code container} (always present)</td></tr>
 *   <tr><td>{@code preset}</td><td>{@link #preset()}</td></tr>
 *   <tr><td>{@code quota.cpuTimeMillis}</td><td>{@link #cpuTime()} in milliseconds</td></tr>
 *   <tr><td>{@code quota.allocatedBytes}</td><td>{@link #allocated()} in bytes</td></tr>
 *   <tr><td>{@code quota.liveHeapBytes}</td><td>{@link #liveHeap()} in bytes</td></tr>
 *   <tr><td>{@code quota.threads}</td><td>{@link #threads()}</td></tr>
 *   <tr><td>{@code quota.openFiles}</td><td>{@link #openFiles()}</td></tr>
 *   <tr><td>{@code quota.diskBytes}</td><td>{@link #diskBytes()} in bytes</td></tr>
 *   <tr><td>{@code quota.outputBytes}</td><td>{@link #output()} in bytes</td></tr>
 * </table>
 *
 * <pre>{@code
 * @Guest(name = "kv", mode = Guest.Mode.PARAVIRTUAL, preset = "constrained", diskBytes = "16M")
 * public final class KvStore { public static void main(String[] args) { ... } }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Guest {

    /**
     * The form of a guest's name, as a regular expression: 1 to 64 letters, digits, {@code .},
     * {@code _} or {@code -}, the first not a dot. A name is that of a directory (the guest's
     * default disk is {@code ~/.jvisor/disks/NAME}), so {@code .} and {@code ..} name none.
     */
    String NAME_FORM = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}";

    /** What a name not of {@link #NAME_FORM} is told, after it. */
    String NAME_RULE = "must be 1 to 64 letters, digits, '.', '_' or '-', the first not a dot";

    /**
     * The guest's name, of the form {@link #NAME_FORM}. By default the hypervisor names the guest
     * (after its jar).
     */
    String name() default "";

    /**
     * How the guest is virtualised. The host must grant {@link Mode#CONTAINER}, which rewrites
     * nothing ({@code jvisor run --mode container}); it may run any guest fully virtualised.
     */
    Mode mode() default Mode.FULL;

    /**
     * The policy preset the guest asks for: {@code trusted}, {@code constrained}, {@code isolated}
     * or {@code untrusted}. By default the hypervisor's default preset applies. A guest may ask for
     * less than the default on its own; the host must grant a preset that trusts more
     * ({@code jvisor run --preset}), and may always give a guest less than it asks for.
     */
    String preset() default "";

    /**
     * The CPU time the guest asks for, a whole number of milliseconds written as
     * {@code jvisor run --cpu-time} takes it ({@link io.jvisor.api.spi.Amounts}), e.g.
     * {@code "500ms"} or {@code "2s"}. By default no quota is asked for.
     */
    String cpuTime() default "";

    /**
     * The bytes the guest's threads may allocate on the heap in all, written as
     * {@code jvisor run --allocated} takes it ({@link io.jvisor.api.spi.Amounts}), e.g. {@code "1G"}.
     * By default no quota is asked for.
     */
    String allocated() default "";

    /**
     * The heap the guest may hold live, written as {@code jvisor run --live-heap} takes it, e.g.
     * {@code "64M"}; the guest sees it as its heap ({@code Runtime.maxMemory()},
     * {@link Hypercalls#quotas()}). By default no quota is asked for.
     */
    String liveHeap() default "";

    /** The most threads the guest asks to run at once, at least 1; by default (0) no quota is asked for. */
    int threads() default 0;

    /** The most files and sockets the guest asks to hold open at once, at least 1; by default (0) no quota is asked for. */
    int openFiles() default 0;

    /**
     * The disk space the guest asks for, written as {@code jvisor run --disk-quota} takes it
     * ({@link io.jvisor.api.spi.Amounts}), e.g. {@code "64M"}. By default no quota is asked for.
     */
    String diskBytes() default "";

    /**
     * The bytes the guest may write to its console, written as {@code jvisor run --output} takes
     * it, e.g. {@code "1M"}. By default no quota is asked for.
     */
    String output() default "";

    /** How a guest is virtualised. */
    enum Mode {
        /**
         * Full virtualisation: the guest knows nothing of jvisor; its privileged calls are
         * rewritten into traps when its classes load.
         */
        FULL,
        /**
         * Paravirtualisation: the guest calls {@link Hypercalls} instead of the JDK's privileged
         * methods. Implies {@link Paravirtual} for every class compiled with the annotated one, so
         * the processor rejects any direct privileged call in them.
         */
        PARAVIRTUAL,
        /**
         * A container: the guest runs in a class loader of its own over the shared JDK, without
         * rewriting; it isolates classes and static state only.
         */
        CONTAINER
    }
}
