package io.jvisor.sandbox;

import io.jvisor.hooks.Traps;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one guest: its class path over the platform loader, so the guest sees the
 * JDK but none of the host's or the hypervisor's classes, except jvisor's trap entry points
 * ({@code io.jvisor.hooks}), which resolve to the hypervisor's one copy wherever it was loaded.
 * Unnamed, so that stack traces read as they would outside jvisor.
 */
final class GuestClassLoader extends URLClassLoader {

    private static final String HOOKS_PACKAGE = Traps.class.getPackageName() + ".";

    static {
        registerAsParallelCapable();
    }

    GuestClassLoader(URL[] classPath) {
        super(classPath, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(HOOKS_PACKAGE)) {
            return Class.forName(name, false, Traps.class.getClassLoader());
        }
        return super.loadClass(name, resolve);
    }
}
