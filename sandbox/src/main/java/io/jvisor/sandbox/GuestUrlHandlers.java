package io.jvisor.sandbox;

import java.net.URLStreamHandler;
import java.net.URLStreamHandlerFactory;
import java.net.spi.URLStreamHandlerProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hosted guest's own URL stream handlers, where a program in a JVM of its own names the JVM's:
 * its factory ({@code URL.setURLStreamHandlerFactory}), the providers of
 * {@link URLStreamHandlerProvider} on its class path, and the packages its system property
 * {@value #PACKAGES} names, as Spring Boot's executable jars do for their nested jars. Asked in
 * the JDK's order for each URL its threads make without a handler; what the JDK would find beyond
 * them (its own handlers, those of the host's class path) is left to the JDK. Thread-safe.
 */
final class GuestUrlHandlers {

    /** The system property whose packages, separated by {@code |}, hold a handler per protocol. */
    static final String PACKAGES = "java.protocol.handler.pkgs";

    /** Set while this thread looks a handler up: the guest's class loader makes URLs of its own as it loads one. */
    private static final ThreadLocal<Boolean> LOOKING_UP = new ThreadLocal<>();

    private volatile URLStreamHandlerFactory factory;
    /** What was found for each protocol: the JDK asks once for each protocol it finds a handler for. */
    private final Map<String, Optional<URLStreamHandler>> found = new ConcurrentHashMap<>();
    /** The handler packages under which the protocols found to have none of the guest's were asked. */
    private volatile String packagesAsked;

    /** As {@code URL.setURLStreamHandlerFactory}: once, unless given {@code null}; {@code Error} the second time, as the JDK's. */
    synchronized void setFactory(URLStreamHandlerFactory newFactory) {
        if (factory != null) {
            throw new Error("factory already defined");
        }
        // as the JDK forgets the handlers it found: Spring Boot sets a null factory to have its packages asked again
        found.clear();
        factory = newFactory;
    }

    /**
     * The guest's own handler of a protocol, or {@code null} for the JDK's: from its factory, else
     * (but for {@code jar}) its providers, else its handler packages; never for {@code file} and
     * {@code jrt}, which the JDK lets nothing override.
     *
     * @param protocol   the protocol, in lower case as {@code URL} asks
     * @param properties the guest's system properties
     * @param loader     the guest's system class loader, or {@code null} if it has none
     */
    URLStreamHandler handler(String protocol, Properties properties, ClassLoader loader) {
        if (protocol.equals("file") || protocol.equals("jrt") || LOOKING_UP.get() != null) {
            return null;
        }
        String packages = properties.getProperty(PACKAGES);
        if (!Objects.equals(packages, packagesAsked)) {
            // the JDK keeps no "none": a protocol without a handler is asked again under new packages
            found.values().removeIf(Optional::isEmpty);
            packagesAsked = packages;
        }
        Optional<URLStreamHandler> known = found.get(protocol);
        if (known == null) {
            LOOKING_UP.set(Boolean.TRUE);
            try {
                // not computeIfAbsent: the guest's code runs, and may make URLs of its own
                known = Optional.ofNullable(lookUp(protocol, packages, loader));
            } finally {
                LOOKING_UP.remove();
            }
            found.putIfAbsent(protocol, known);
        }
        return known.orElse(null);
    }

    private URLStreamHandler lookUp(String protocol, String packages, ClassLoader loader) {
        URLStreamHandlerFactory own = factory;
        URLStreamHandler handler = own == null ? null : own.createURLStreamHandler(protocol);
        if (handler == null && loader != null && !protocol.equals("jar")) {
            handler = viaProviders(protocol, loader);
        }
        if (handler == null && loader != null && packages != null) {
            handler = viaPackages(protocol, packages, loader);
        }
        return handler;
    }

    /** As the JDK asks the providers on the system class loader's path: a provider that fails to load is passed over. */
    private static URLStreamHandler viaProviders(String protocol, ClassLoader loader) {
        Iterator<URLStreamHandlerProvider> providers = ServiceLoader.load(URLStreamHandlerProvider.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return null;
                }
                URLStreamHandler handler = providers.next().createURLStreamHandler(protocol);
                if (handler != null) {
                    return handler;
                }
            } catch (ServiceConfigurationError e) {
                // as the JDK: the next provider
            }
        }
    }

    /** As the JDK reads the packages: {@code PACKAGE.PROTOCOL.Handler}, made by its public constructor; whatever fails is passed over. */
    private static URLStreamHandler viaPackages(String protocol, String packages, ClassLoader loader) {
        for (String prefix : packages.split("\\|")) {
            try {
                Class<?> type = Class.forName(prefix.trim() + "." + protocol + ".Handler", true, loader);
                if (URLStreamHandler.class.isAssignableFrom(type)) {
                    return (URLStreamHandler) type.getConstructor().newInstance();
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // as the JDK: the next package
            }
        }
        return null;
    }
}
