package io.jvisor.sandbox;

import java.util.Locale;
import java.util.TimeZone;

/**
 * The defaults a hosted guest sets for itself where a program in a JVM of its own would set the
 * JVM's: its default locale (of each category) and time zone, which the guest follows the JVM's
 * in until it sets them ({@code null} until then), and its default uncaught-exception handler, of
 * which it has none until it sets one (its URL stream handlers: {@link GuestUrlHandlers}); and the
 * defaults its connections use: its proxy selector (the JVM's until it sets one), its cookie
 * handler, response cache and authenticator (none until it sets one: the JVM's hold the host's
 * cookies, pages and credentials); and its list of security providers (the JVM's until it changes
 * it: {@code Security.addProvider} and the rest).
 * Thread-safe.
 */
final class GuestDefaults {

    private volatile Locale locale;
    private volatile Locale display;
    private volatile Locale format;
    private volatile TimeZone zone;
    private volatile Thread.UncaughtExceptionHandler handler;
    private volatile java.net.ProxySelector proxySelector;
    private volatile boolean proxySelectorSet;
    private volatile java.net.CookieHandler cookieHandler;
    private volatile java.net.ResponseCache responseCache;
    private volatile java.net.Authenticator authenticator;
    /** The JDK's {@code sun.security.jca.ProviderList} (an immutable list) the guest made, or {@code null}. */
    private volatile Object securityProviders;

    /** The guest's default locale of a category ({@code null}: {@code Locale.getDefault()}'s), or {@code jvms} if it set none. */
    Locale locale(Locale.Category category, Locale jvms) {
        Locale own = category == null ? locale : category == Locale.Category.DISPLAY ? display : format;
        return own == null ? jvms : own;
    }

    /** As {@code Locale.setDefault}: of every category for {@code null}, else of that category. */
    void setLocale(Locale.Category category, Locale newLocale) {
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

    /** The guest's default uncaught-exception handler, or {@code null}. */
    Thread.UncaughtExceptionHandler handler() {
        return handler;
    }

    void setHandler(Thread.UncaughtExceptionHandler newHandler) {
        handler = newHandler;
    }

    /**
     * The guest's default of a JDK class of networking's ({@code ProxySelector}, {@code CookieHandler},
     * {@code ResponseCache}, {@code Authenticator}), by the class's name: its own, or the JVM's
     * proxy selector until it sets one; never the JVM's cookie handler, response cache or
     * authenticator, which hold the host's cookies, pages and credentials.
     *
     * @throws IllegalArgumentException for another class
     */
    Object networkDefault(String type, Object jvms) {
        switch (type) {
            case "java.net.ProxySelector":
                return proxySelectorSet ? proxySelector : jvms;
            case "java.net.CookieHandler":
                return cookieHandler;
            case "java.net.ResponseCache":
                return responseCache;
            case "java.net.Authenticator":
                return authenticator;
            default:
                throw new IllegalArgumentException("no default of a guest's own: " + type);
        }
    }

    /** As the class's {@code setDefault}, for the guest alone. */
    void setNetworkDefault(String type, Object value) {
        switch (type) {
            case "java.net.ProxySelector":
                proxySelector = (java.net.ProxySelector) value;
                proxySelectorSet = true;
                break;
            case "java.net.CookieHandler":
                cookieHandler = (java.net.CookieHandler) value;
                break;
            case "java.net.ResponseCache":
                responseCache = (java.net.ResponseCache) value;
                break;
            case "java.net.Authenticator":
                authenticator = (java.net.Authenticator) value;
                break;
            default:
                throw new IllegalArgumentException("no default of a guest's own: " + type);
        }
    }
}
