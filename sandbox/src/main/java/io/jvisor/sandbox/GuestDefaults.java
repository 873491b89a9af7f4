package io.jvisor.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The defaults a hosted guest sets for itself where a program in a JVM of its own would set the
 * JVM's: its default locale (of each category) and time zone, which the guest follows the JVM's
 * in until it sets them ({@code null} until then), and its default uncaught-exception handler, of
 * which it has none until it sets one (its URL stream handlers: {@link GuestUrlHandlers}); and the
 * defaults its connections use: its proxy selector, HTTPS defaults and whether they follow
 * redirects (the JVM's until it sets them), its cookie handler, response cache and authenticator
 * (none until it sets one: the JVM's hold the host's cookies, pages and credentials); its list of
 * security providers (the JVM's until it changes it: {@code Security.addProvider} and the rest);
 * its registry of image readers and writers; and its AWT context.
 * Thread-safe.
 */
final class GuestDefaults {

    /** Whether any guest has a default locale, time zone or handler of its own: until then the getters' guards return the JVM's at once. */
    private static volatile boolean anyOwn;
    /** The properties the JVM makes its default locale of at its start. */
    private static final List<String> LOCALE = List.of("user.language", "user.script", "user.country", "user.variant");

    private volatile Locale locale;
    private volatile Locale display;
    private volatile Locale format;
    private volatile TimeZone zone;
    private volatile Thread.UncaughtExceptionHandler handler;
    private volatile java.net.CookieHandler cookieHandler;
    private volatile java.net.ResponseCache responseCache;
    private volatile java.net.Authenticator authenticator;
    /** The JDK's {@code sun.security.jca.ProviderList} (an immutable list) the guest made, or {@code null}. */
    private volatile Object securityProviders;
    /** What the JDK keeps one of for the JVM and the guest has its own of, by the class of its getter (JDK classes alone). */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> singletons = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Its AWT context ({@code sun.awt.AppContext}), held weakly: the JDK's map of contexts holds it
     * until its end, and the context holds the guest's class loader, which a map keyed weakly by
     * the loader and valued by the guest would then never let go of. Written under
     * {@link GuestAppContexts}' lock.
     */
    private volatile java.lang.ref.WeakReference<Object> appContext;
    /** What disposes of the context at its end (holding it until then); {@code null} before its first use and after. */
    private volatile Runnable appContextDisposal;
    private volatile boolean appContextDisposed;
    private final java.util.concurrent.atomic.AtomicReference<javax.net.ssl.SSLContext> tlsContext =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<java.util.Map.Entry<List<String>, GuestTls.Anchors>> trust =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<List<java.nio.file.spi.FileSystemProvider>> fileSystemProviders =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean loadingProviders = new java.util.concurrent.atomic.AtomicBoolean();

    /** The guest's default locale of a category ({@code null}: {@code Locale.getDefault()}'s), or {@code jvms} if it set none. */
    Locale locale(Locale.Category category, Locale jvms) {
        Locale own = category == null ? locale : category == Locale.Category.DISPLAY ? display : format;
        return own == null ? jvms : own;
    }

    /** Whether any guest has a default locale, time zone or uncaught-exception handler of its own. */
    static boolean anyOwn() {
        return anyOwn;
    }

    /**
     * Seeds a guest's default time zone and locale from its own properties where they are not the
     * JVM's, as the JVM makes its defaults from its properties at its start: a guest's
     * {@code -Duser.timezone} or {@code -Duser.language} and {@code -Duser.country}. A locale the
     * properties do not make well is left the JVM's.
     */
    void seed(java.util.Properties own) {
        String zoneId = own.getProperty("user.timezone", "");
        if (!zoneId.isEmpty() && !zoneId.equals(System.getProperty("user.timezone", ""))) {
            setZone(TimeZone.getTimeZone(zoneId));
        }
        if (LOCALE.stream().anyMatch(p -> !java.util.Objects.equals(own.getProperty(p), System.getProperty(p)))) {
            try {
                setLocale(null, new Locale.Builder().setLanguage(own.getProperty("user.language", ""))
                        .setScript(own.getProperty("user.script", "")).setRegion(own.getProperty("user.country", ""))
                        .setVariant(own.getProperty("user.variant", "")).build());
            } catch (java.util.IllformedLocaleException e) {
                // the JVM's
            }
        }
    }

    /** As {@code Locale.setDefault}: of every category for {@code null}, else of that category. */
    void setLocale(Locale.Category category, Locale newLocale) {
        anyOwn = true;
        if (category == null) {
            locale = newLocale;
            display = newLocale;
            format = newLocale;
        } else if (category == Locale.Category.DISPLAY) {
            display = newLocale;
        } else {
            format = newLocale;
        }
    }

    /** The guest's default time zone, the one object the JDK's code reads ({@code TimeZone.getDefaultRef()}), or {@code jvms}. */
    TimeZone zone(TimeZone jvms) {
        TimeZone own = zone;
        return own == null ? jvms : own;
    }

    /** As {@code TimeZone.setDefault}: a copy of the zone, which the guest cannot change afterwards; {@code null} follows the JVM's again. */
    void setZone(TimeZone newZone) {
        anyOwn = true;
        zone = newZone == null ? null : (TimeZone) newZone.clone();
    }

    /** The guest's list of security providers, or {@code jvms} until it changed it. */
    Object securityProviders(Object jvms) {
        Object own = securityProviders;
        return own == null ? jvms : own;
    }

    /** Keeps the list of providers the JDK made for the guest from its own. */
    void setSecurityProviders(Object list) {
        securityProviders = list;
    }

    /**
     * The guest's own AWT context, or {@code null} before its first use (see {@link GuestAppContexts})
     * and once let go of after its end.
     */
    Object appContext() {
        java.lang.ref.WeakReference<Object> context = appContext;
        return context == null ? null : context.get();
    }

    /** Whether the guest's AWT context was disposed of, at its end: none is made for it any more. */
    boolean appContextDisposed() {
        return appContextDisposed;
    }

    /** Keeps the guest's AWT context, and what disposes of it when the guest ends. */
    synchronized void keepAppContext(Object context, Runnable disposal) {
        appContext = new java.lang.ref.WeakReference<>(context);
        appContextDisposal = disposal;
        if (appContextDisposed) {
            disposeAppContext(); // it ended while the context was made
        }
    }

    /** Disposes of the guest's AWT context, if it has one: at its end, before its threads are interrupted. */
    synchronized void disposeAppContext() {
        appContextDisposed = true;
        Runnable disposal = appContextDisposal;
        appContextDisposal = null;
        if (disposal != null) {
            disposal.run();
        }
    }

    /**
     * The guest's own object of a kind the JDK keeps one of for the JVM (its registry of image
     * readers and writers, its default {@code StyleContext}), or {@code null} before its first use.
     */
    Object singleton(Class<?> type) {
        return singletons.get(type);
    }

    /** Keeps the guest's object of a kind, unless another of its threads kept one first; returns the one kept. */
    Object keepSingleton(Class<?> type, Object made) {
        Object kept = singletons.putIfAbsent(type, made);
        return kept == null ? made : kept;
    }

    /**
     * The default SSL context the guest's own {@code javax.net.ssl} properties describe, made at
     * its first use and kept, as the JDK keeps its own (see {@link GuestTls}).
     */
    javax.net.ssl.SSLContext tlsContext(TlsMaker make) throws java.security.NoSuchAlgorithmException {
        javax.net.ssl.SSLContext made = tlsContext.get();
        if (made == null) {
            made = make.make();
            if (!tlsContext.compareAndSet(null, made)) {
                made = tlsContext.get();
            }
        }
        return made;
    }

    /** Makes a guest's default SSL context. */
    @FunctionalInterface
    interface TlsMaker {
        javax.net.ssl.SSLContext make() throws java.security.NoSuchAlgorithmException;
    }

    /**
     * The guest's default trust anchors, kept under the properties that name its trust store
     * ({@code key}) and made again when they change, as the JDK reads the JVM's again when its
     * properties change.
     */
    GuestTls.Anchors trust(List<String> key, TrustMaker make) throws Exception {
        java.util.Map.Entry<List<String>, GuestTls.Anchors> kept = trust.get();
        if (kept == null || !kept.getKey().equals(key)) {
            kept = java.util.Map.entry(key, make.make());
            trust.set(kept);
        }
        return kept.getValue();
    }

    /**
     * The file system providers installed for the guest: the JVM's, and those of its own class
     * path whose schemes are not among them, loaded as the JDK loads the JVM's from the system
     * class loader's (a provider that fails to load is passed over), the first time it asks. While
     * they load (a provider's constructor may ask again), the JVM's.
     */
    List<java.nio.file.spi.FileSystemProvider> fileSystemProviders(List<java.nio.file.spi.FileSystemProvider> jvms,
            ClassLoader classPath) {
        List<java.nio.file.spi.FileSystemProvider> own = fileSystemProviders.get();
        if (own != null) {
            return own;
        }
        if (!loadingProviders.compareAndSet(false, true)) {
            return jvms;
        }
        try {
            List<java.nio.file.spi.FileSystemProvider> all = new java.util.ArrayList<>(jvms);
            java.util.Set<String> schemes = new java.util.HashSet<>();
            jvms.forEach(p -> schemes.add(p.getScheme().toLowerCase(Locale.ROOT)));
            java.util.Iterator<java.nio.file.spi.FileSystemProvider> found =
                    java.util.ServiceLoader.load(java.nio.file.spi.FileSystemProvider.class, classPath).iterator();
            while (true) {
                try {
                    if (!found.hasNext()) {
                        break;
                    }
                    java.nio.file.spi.FileSystemProvider p = found.next();
                    if (schemes.add(p.getScheme().toLowerCase(Locale.ROOT))) {
                        all.add(p);
                    }
                } catch (java.util.ServiceConfigurationError e) {
                    // as the JDK: the next provider
                }
            }
            fileSystemProviders.compareAndSet(null, java.util.Collections.unmodifiableList(all));
            return fileSystemProviders.get();
        } finally {
            loadingProviders.set(false);
        }
    }

    /** Makes a guest's default trust anchors. */
    @FunctionalInterface
    interface TrustMaker {
        GuestTls.Anchors make() throws Exception;
    }

    /** The guest's default uncaught-exception handler, or {@code null}. */
    Thread.UncaughtExceptionHandler handler() {
        return handler;
    }

    void setHandler(Thread.UncaughtExceptionHandler newHandler) {
        anyOwn = true;
        handler = newHandler;
    }

    /**
     * The guest's value of one of the JVM-wide settings its connections use, named by the getter
     * or setter of the JDK's ({@code java.net.ProxySelector.getDefault},
     * {@code javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier} ...): its own, or the
     * JVM's ({@code jvms}) until it sets one for the proxy selector, the HTTPS defaults (SSL
     * context, socket factory, hostname verifier), whether connections follow redirects, use
     * caches and may interact with a user; never
     * the JVM's cookie handler, response cache or authenticator, which hold the host's cookies,
     * pages and credentials.
     *
     * @throws IllegalArgumentException for another method
     */
    Object networkDefault(String method, Object jvms) {
        String setting = setting(method);
        switch (setting) {
            case "java.net.CookieHandler.Default":
                return cookieHandler;
            case "java.net.ResponseCache.Default":
                return responseCache;
            case "java.net.Authenticator.Default":
                return authenticator;
            default:
                Object own = followed.get(setting);
                return own == null ? jvms : own == UNSET ? null : own;
        }
    }

    /** As the JDK's setter, for the guest alone. */
    void setNetworkDefault(String method, Object value) {
        String setting = setting(method);
        switch (setting) {
            case "java.net.CookieHandler.Default":
                cookieHandler = (java.net.CookieHandler) value;
                break;
            case "java.net.ResponseCache.Default":
                responseCache = (java.net.ResponseCache) value;
                break;
            case "java.net.Authenticator.Default":
                authenticator = (java.net.Authenticator) value;
                break;
            default:
                followed.put(setting, value == null ? UNSET : value);
        }
    }

    /**
     * Whether the guest's own URL connections of a protocol use caches: as it set for the protocol,
     * else as it set for all; {@code null} where it set neither (the JVM's, then).
     */
    Boolean useCaches(String protocol) {
        Boolean own = useCaches.get(protocol.toLowerCase(java.util.Locale.ROOT));
        return own != null ? own : (Boolean) followed.get(ALL_USE_CACHES);
    }

    /** As {@code URLConnection.setDefaultUseCaches(protocol, use)}, for the guest alone. */
    void setUseCaches(String protocol, boolean use) {
        useCaches.put(protocol.toLowerCase(java.util.Locale.ROOT), use);
    }

    private static final String ALL_USE_CACHES = "java.net.URLConnection.DefaultUseCaches";
    /** The settings a guest follows the JVM's in until it sets its own. */
    private static final java.util.Set<String> FOLLOWED = java.util.Set.of("java.net.ProxySelector.Default",
            "javax.net.ssl.SSLContext.Default", "javax.net.ssl.HttpsURLConnection.DefaultHostnameVerifier",
            "javax.net.ssl.HttpsURLConnection.DefaultSSLSocketFactory", "java.net.HttpURLConnection.FollowRedirects",
            ALL_USE_CACHES, "java.net.URLConnection.DefaultAllowUserInteraction");
    /** The settings a guest has none of until it sets its own. */
    private static final java.util.Set<String> NEVER_THE_JVMS = java.util.Set.of("java.net.CookieHandler.Default",
            "java.net.ResponseCache.Default", "java.net.Authenticator.Default");
    /** What the guest set a followed setting to, {@link #UNSET} for {@code null}. */
    private final java.util.Map<String, Object> followed = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether its connections of a protocol (lower case) use caches, as the guest set it. */
    private final java.util.Map<String, Boolean> useCaches = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Object UNSET = new Object();

    /** The setting a getter or setter of the JDK's names: {@code java.net.ProxySelector.Default} for {@code ...ProxySelector.getDefault}. */
    private static String setting(String method) {
        int dot = method.lastIndexOf('.');
        String setting = method.substring(0, dot + 1) + method.substring(dot + 4);
        if (!FOLLOWED.contains(setting) && !NEVER_THE_JVMS.contains(setting)) {
            throw new IllegalArgumentException("no setting of a guest's own: " + method);
        }
        return setting;
    }
}
