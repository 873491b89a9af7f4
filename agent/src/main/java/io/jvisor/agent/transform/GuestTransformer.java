package io.jvisor.agent.transform;

import io.jvisor.agent.rewrite.RewriteException;
import io.jvisor.agent.rewrite.Rewriter;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Objects;

/**
 * The class-file transformer: rewrites each class a guest defines, as it loads, and leaves every
 * other class alone. Classes of the bootstrap loader are never guest classes.
 *
 * <p>Fails closed. The JVM ignores an exception thrown by a transformer and loads the original
 * class, so a guest class that cannot be rewritten is replaced instead by a stub whose
 * initialisation throws {@link NoClassDefFoundError} naming the class and the cause.
 */
public final class GuestTransformer implements ClassFileTransformer {

    /** Decides which classes belong to guests, and hears of those refused. */
    public interface Territory {

        /**
         * Whether a class being defined belongs to a guest and must be rewritten.
         *
         * @param loader       the defining loader, never {@code null}
         * @param internalName the class's internal name
         * @param domain       its protection domain, or {@code null}
         */
        boolean isGuestClass(ClassLoader loader, String internalName, ProtectionDomain domain);

        /**
         * Whether the hypervisor must be able to stop a guest class's code (pause or end its guest
         * while it computes): its code then gets safepoint polls.
         *
         * @param loader the defining loader of a guest class, never {@code null}
         */
        boolean isPreemptible(ClassLoader loader);

        /**
         * Told of each guest class that was refused, before its stub is defined.
         *
         * @param loader     the defining loader
         * @param binaryName the class's binary name
         * @param reason     why, fit for a message to people
         */
        void refused(ClassLoader loader, String binaryName, String reason);
    }

    private final Rewriter rewriter;
    private final Rewriter preemptible;
    private final Territory territory;

    /**
     * @param rewriter  the rewriter to apply; its {@link Rewriter#withSafepoints()} variant to
     *                  classes that the territory says are preemptible
     * @param territory which classes are guest classes
     */
    public GuestTransformer(Rewriter rewriter, Territory territory) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.preemptible = rewriter.withSafepoints();
        this.territory = Objects.requireNonNull(territory, "territory");
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == null || className == null || classBeingRedefined != null
                || !territory.isGuestClass(loader, className, protectionDomain)) {
            return null;
        }
        try {
            byte[] rewritten = (territory.isPreemptible(loader) ? preemptible : rewriter).rewrite(classFile);
            return rewritten == classFile ? null : rewritten;
        } catch (RewriteException e) {
            return refuse(loader, className, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return refuse(loader, className, "cannot rewrite: " + e);
        }
    }

    private byte[] refuse(ClassLoader loader, String internalName, String reason) {
        String name = internalName.replace('/', '.');
        territory.refused(loader, name, reason);
        return RefusedClass.stub(internalName, "jvisor refused to load guest class " + name + ": " + reason);
    }
}
