package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.imageio.spi.IIORegistry;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Woven into {@code IIORegistry.getDefaultInstance()}, the JVM's one registry of image readers and
 * writers: a hosted guest gets one of its own, with the JDK's plugins and those of its class path,
 * as in a JVM of its own. In the JVM's, a plugin one guest registered was asked by every other
 * guest's {@code ImageIO.read}: its code ran on their threads, with their images. {@code ImageIO}
 * keeps the registry it found first in a field, for every program: its reads of the field become
 * calls of the guarded {@code getDefaultInstance()}, and the field is never set (it would hold the first
 * guest's registry, and its classes, for good).
 */
final class ImageIoGuard {

    private ImageIoGuard() {
    }

    /** In {@code ImageIO}: each read of {@code theRegistry} becomes a call of {@link Guards#imageIoRegistry()}. */
    static AsmVisitorWrapper registryReads() {
        try {
            return MemberSubstitution.relaxed().field(named("theRegistry")).onRead()
                    .replaceWith(Guards.class.getMethod("imageIoRegistry")).on(any());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("jvisor-hooks has no Guards.imageIoRegistry()", e);
        }
    }

    /** In {@code ImageIO}'s static initialiser: {@code theRegistry} is never set. */
    static AsmVisitorWrapper registryWrite() {
        return MemberSubstitution.relaxed().field(named("theRegistry")).onWrite().stub().on(isTypeInitializer());
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter() {
        return Guards.ownSingleton(IIORegistry.class);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object own, @Advice.Return(readOnly = false) IIORegistry registry) throws Throwable {
        if (own == Guards.NEW_SINGLETON) {
            // inlined into IIORegistry, whose constructor is private: the lookup is IIORegistry's own
            registry = (IIORegistry) Guards.ownSingletonMade(IIORegistry.class, MethodHandles.lookup()
                    .findConstructor(IIORegistry.class, MethodType.methodType(void.class)).invoke());
        } else if (own != null) {
            registry = (IIORegistry) own;
        }
    }
}
