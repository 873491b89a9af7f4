package io.jvisor.agent.transform;

import io.jvisor.agent.rewrite.RewriteException;
import io.jvisor.agent.rewrite.Rewriter;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The class-file transformer: rewrites each class a guest loads, as it loads, and leaves every
 * other class alone.
 *
 * <p>Fails closed. The JVM ignores an exception thrown by a transformer and loads the original
 * class, so a class that cannot be rewritten is replaced instead by a {@linkplain RefusedClass
 * stub} whose initialisation throws {@link NoClassDefFoundError} naming the class and the cause.
 */
public final class GuestTransformer implements ClassFileTransformer {

    private final Rewriter rewriter;
    private final Predicate<ClassLoader> isGuestLoader;
    private final BiConsumer<String, String> refusals;

    /**
     * @param rewriter      the rewriter to apply
     * @param isGuestLoader whether classes defined by a loader belong to a guest; never asked
     *                      about the bootstrap loader
     * @param refusals      told the binary name and the reason of each class refused
     */
    public GuestTransformer(Rewriter rewriter, Predicate<ClassLoader> isGuestLoader, BiConsumer<String, String> refusals) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.isGuestLoader = Objects.requireNonNull(isGuestLoader, "isGuestLoader");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == null || className == null || classBeingRedefined != null || isOwn(className)
                || !isGuestLoader.test(loader)) {
            return null;
        }
        try {
            byte[] rewritten = rewriter.rewrite(classFile);
            return rewritten == classFile ? null : rewritten;
        } catch (RewriteException e) {
            return refuse(className, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return refuse(className, "cannot rewrite: " + e);
        }
    }

    private byte[] refuse(String internalName, String reason) {
        String name = internalName.replace('/', '.');
        refusals.accept(name, reason);
        return RefusedClass.stub(internalName, "jvisor refused to load guest class " + name + ": " + reason);
    }

    /** jvisor's own classes, which the hypervisor loads and a guest never defines. */
    static boolean isOwn(String internalName) {
        return internalName.startsWith("io/jvisor/");
    }
}
