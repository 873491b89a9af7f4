package io.jvisor.agent.transform;

import io.jvisor.agent.rewrite.RewriteException;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.rewrite.TrapSite;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The class-file transformer: rewrites each class a guest defines, as it loads, or verifies it
 * (a paravirtual guest's), as its {@link Territory} says, and leaves every other class alone.
 * Classes of the bootstrap loader are never guest classes.
 *
 * <p>Fails closed. The JVM ignores whatever a transformer throws and loads the original class, so
 * a class that cannot be classified or rewritten, for whatever exception or error, is replaced
 * instead by a stub whose initialisation throws {@link NoClassDefFoundError} naming the class and
 * the cause.
 */
public final class GuestTransformer implements ClassFileTransformer {

    /** What the transformer does to a class. */
    public enum Treatment {
        /** nothing: the class is not a guest's (the JDK's, jvisor's, a container's) */
        NONE,
        /** rewritten: every use of a critical instruction traps */
        TRAP,
        /** rewritten with traps and with safepoint polls, so that the hypervisor can stop its code */
        TRAP_AND_PREEMPT,
        /**
         * verified, not trapped: a paravirtual guest's class, which calls the hypervisor itself,
         * is refused if it uses a critical instruction directly; it gets the safepoint polls (and
         * the guarded catch-all handlers) of {@link #TRAP_AND_PREEMPT}, so that the hypervisor can
         * stop its code as any other guest's
         */
        VERIFY
    }

    /** Decides which classes belong to guests and how they are treated, and hears of those refused. */
    public interface Territory {

        /**
         * How a class being defined is treated.
         *
         * @param loader       the defining loader, never {@code null}
         * @param internalName the class's internal name, or {@code null} for a class defined without
         *                     one whose class file is unreadable
         * @param domain       its protection domain, or {@code null}
         */
        Treatment treatment(ClassLoader loader, String internalName, ProtectionDomain domain);

        /**
         * Told of each guest class that was refused, before its stub is defined.
         *
         * @param loader     the defining loader
         * @param binaryName the class's binary name, or what stands for it where the class has none
         * @param reason     why, fit for a message to people
         */
        void refused(ClassLoader loader, String binaryName, String reason);
    }

    /**
     * What a class gets whose refusal itself failed (no heap or stack left for its stub): a class
     * file of another name, whose definition under the class's name fails. Made beforehand, so that
     * returning it needs nothing.
     */
    private static final String UNNAMED_STUB = "io/jvisor/agent/transform/Unrewritable";
    private static final byte[] UNNAMED_REFUSAL = RefusedClass.stub(UNNAMED_STUB,
            "jvisor refused to load a guest class, and could not say which");
    /** What a refusal names a class defined without a name whose bytes do not name it either. */
    private static final String UNNAMED = "(a class defined without a name)";

    private final Rewriter rewriter;
    private final Rewriter preemptible;
    private final Territory territory;
    private final SharedRewrites shared;

    /**
     * @param rewriter  the rewriter to apply; its {@link Rewriter#withSafepoints()} variant to
     *                  classes treated {@link Treatment#TRAP_AND_PREEMPT} or {@link Treatment#VERIFY}
     * @param territory which classes are guest classes
     */
    public GuestTransformer(Rewriter rewriter, Territory territory) {
        // an eighth of the heap at most for the rewrites guests share
        this(rewriter, territory, Runtime.getRuntime().maxMemory() / 8);
    }

    /** As {@link #GuestTransformer(Rewriter, Territory)}, keeping up to {@code sharedBytes} of rewrites with safepoints to share. */
    GuestTransformer(Rewriter rewriter, Territory territory, long sharedBytes) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.preemptible = rewriter.withSafepoints();
        this.territory = Objects.requireNonNull(territory, "territory");
        this.shared = new SharedRewrites(sharedBytes);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == null || classBeingRedefined != null) {
            return null;
        }
        try {
            // defined without a name, the class is named by its bytes, which the JVM reads it from:
            // left alone, it would load unrewritten
            return transformDefined(loader, className != null ? className : Rewriter.className(classFile), protectionDomain,
                    classFile);
        } catch (Throwable e) {
            // thrown on, it would have the JVM define the original
            return UNNAMED_REFUSAL;
        }
    }

    private byte[] transformDefined(ClassLoader loader, String className, ProtectionDomain protectionDomain, byte[] classFile) {
        try {
            Treatment treatment = territory.treatment(loader, className, protectionDomain);
            switch (treatment) {
                case TRAP:
                    byte[] rewritten = rewriter.rewrite(classFile);
                    return rewritten == classFile ? null : rewritten;
                case TRAP_AND_PREEMPT:
                    return shared.of(classFile, this::preempted).classFile();
                case VERIFY:
                    SharedRewrites.Rewrite preempted = shared.of(classFile, this::preempted);
                    if (preempted.trapped()) {
                        List<TrapSite> uses = new ArrayList<>();
                        preemptible.rewrite(classFile, uses::add);
                        return refuse(loader, className, describe(uses.get(0)) + ": a paravirtual guest calls jvisor's "
                                + "hypercalls (io.jvisor.api.Hypercalls) instead; compile it with jvisor's annotation processor, "
                                + "or run it fully virtualised");
                    }
                    return preempted.classFile();
                default:
                    return null;
            }
        } catch (RewriteException e) {
            return refuse(loader, className, e.getMessage());
        } catch (RuntimeException | Error e) {
            // any error too (a stack or heap used up)
            return refuse(loader, className, "cannot rewrite: " + e);
        }
    }

    /** A class file rewritten with safepoints (a paravirtual guest's too, which is refused where it traps). */
    private SharedRewrites.Rewrite preempted(byte[] classFile) {
        boolean[] trapped = {false};
        byte[] rewritten = preemptible.rewrite(classFile, site -> trapped[0] = true);
        return new SharedRewrites.Rewrite(rewritten == classFile ? null : rewritten, trapped[0]);
    }

    /** A use of a critical instruction, described. */
    private static String describe(TrapSite s) {
        return "it uses " + s.target().displayName() + " in " + s.methodName() + (s.line() > 0 ? " at line " + s.line() : "");
    }

    private byte[] refuse(ClassLoader loader, String internalName, String reason) {
        String name = internalName == null ? UNNAMED : internalName.replace('/', '.');
        try {
            territory.refused(loader, name, reason);
        } catch (RuntimeException | Error e) {
            // the refusal's report failed; the class is refused all the same
        }
        return internalName == null
                ? RefusedClass.stub(UNNAMED_STUB, "jvisor refused to load a guest class defined without a name: " + reason)
                : RefusedClass.stub(internalName, "jvisor refused to load guest class " + name + ": " + reason);
    }
}
