package io.jvisor.agent.guard;

import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.Predicate;

/**
 * The guards' transformer, asked only of the classes that the JDK's own loaders define. Byte Buddy
 * prepares each class it is offered (a class file locator, a type pool, the description its
 * ignore matcher is given) before any matcher can pass it by, and every class of a guest would
 * pass through that at each load: in a cold JVM, where it runs interpreted, about 15 µs a class.
 */
final class JdkOnlyTransformer extends ResettableClassFileTransformer.WithDelegation {

    private final Predicate<ClassLoader> outsideJdk;

    JdkOnlyTransformer(ResettableClassFileTransformer guards, Predicate<ClassLoader> outsideJdk) {
        super(guards);
        this.outsideJdk = outsideJdk;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] classFile)
            throws IllegalClassFormatException {
        return outsideJdk.test(loader) ? null : classFileTransformer.transform(loader, name, redefined, domain, classFile);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) throws IllegalClassFormatException {
        return outsideJdk.test(loader) ? null : classFileTransformer.transform(module, loader, name, redefined, domain, classFile);
    }
}
