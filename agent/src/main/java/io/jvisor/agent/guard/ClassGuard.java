package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

import java.lang.invoke.MethodHandles;

/**
 * Woven where classes come to exist outside the class-file transformer's sight, where class
 * loaders are made, and where reflection opens up classes: every class a guest defines passes the
 * same rewrite as its own classes, and no guest opens up jvisor's classes.
 */
final class ClassGuard {

    private ClassGuard() {
    }

    /** On {@code Lookup.defineHiddenClass} and {@code defineHiddenClassWithClassData}: the bytes are rewritten first. */
    static final class Hidden {

        private Hidden() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This MethodHandles.Lookup lookup, @Advice.Argument(value = 0, readOnly = false) byte[] bytes) {
            bytes = Guards.hiddenClassDefining(lookup.lookupClass(), bytes);
        }
    }

    /** On the constructor every {@code ClassLoader} constructor ends in. */
    static final class Loader {

        private Loader() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 2, readOnly = false) ClassLoader parent) {
            parent = Guards.classLoaderParent(parent);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This ClassLoader loader) {
            Guards.classLoaderCreated(loader);
        }
    }

    /**
     * On a class loader's setters of the assertion status of the classes it defines next: a
     * guest's own loaders are its to set; a setting of the JVM's platform and application loaders,
     * the host's or other guests' (whose classes, for every program, would run with assertions on,
     * or without the host's {@code -ea}) is skipped, as no class of the guest's is theirs.
     */
    static final class AssertionStatus {

        private AssertionStatus() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This ClassLoader loader, @Advice.Origin("#t.#m") String method) {
            return Guards.assertionStatusChanging(loader, method);
        }
    }

    /**
     * Left by {@code ServiceLoader}'s look-up of the providers in the modules a loader defines, for
     * each loader up a loader's parents: at the platform loader, those the JDK's tool modules give
     * a guest's look-up (their loader is the JVM's application loader, no parent of a guest's).
     * The walk's own lookup lets the hook read the walk and ask it for the application loader's.
     */
    static final class JdkToolProviders {

        private JdkToolProviders() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object walk, @Advice.Argument(0) ClassLoader loader,
                @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC)
                java.util.Iterator<?> providers) throws Throwable {
            if (loader != null && loader == ClassLoader.getPlatformClassLoader()) {
                providers = Guards.withJdkToolProviders(MethodHandles.lookup(), walk, providers);
            }
        }
    }

    /**
     * Left by {@code FileSystemProvider.installedProviders()}, which the JDK loads once from the
     * JVM's system class loader: on a guest's behalf, the providers of its own class path besides.
     */
    static final class FileSystemProviders {

        private FileSystemProviders() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) java.util.List<java.nio.file.spi.FileSystemProvider> providers) {
            providers = Guards.installedFileSystemProviders(providers);
        }
    }

    /** On {@code AccessibleObject.checkCanSetAccessible(Class caller, Class declaringClass, boolean)}. */
    static final class Accessible {

        private Accessible() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object member, @Advice.Argument(0) Class<?> caller, @Advice.Argument(1) Class<?> declaringClass) {
            Guards.accessChecking(caller, declaringClass, member);
        }
    }

    /** On {@code MethodHandles.privateLookupIn(Class target, Lookup caller)}. */
    static final class PrivateLookup {

        private PrivateLookup() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> target, @Advice.Argument(1) MethodHandles.Lookup caller) {
            Guards.accessChecking(caller == null ? null : caller.lookupClass(), target, null);
        }
    }
}
