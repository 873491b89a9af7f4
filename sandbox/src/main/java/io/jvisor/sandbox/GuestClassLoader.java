package io.jvisor.sandbox;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one guest: its class path over the platform loader, so the guest sees the
 * JDK and jvisor's trap entry points (on the bootstrap class path) but none of the host's or the
 * hypervisor's classes. Unnamed, so that stack traces read as they would outside jvisor.
 */
final class GuestClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    GuestClassLoader(URL[] classPath) {
        super(classPath, ClassLoader.getPlatformClassLoader());
    }
}
