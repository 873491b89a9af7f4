package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.net.URLStreamHandler;
import java.net.URLStreamHandlerFactory;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Woven into the JDK's default locale, time zone, uncaught-exception handler and factory of URL
 * stream handlers, which a program in a JVM of its own would set for the whole JVM: a guest sets
 * its own instead, and its threads (the JDK's formatting, the deaths of its threads and the URLs
 * they make included) use its own; and into the roots of the JDK's preferences, one tree for the
 * whole JVM, where a guest finds its own.
 */
final class DefaultsGuard {

    private DefaultsGuard() {
    }

    /** Left by {@code Locale.getDefault()}. */
    static final class GetLocale {

        private GetLocale() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) Locale locale) {
            locale = Guards.defaultLocale(null, locale);
        }
    }

    /** Left by {@code Locale.getDefault(Category)}. */
    static final class GetLocaleOf {

        private GetLocaleOf() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) Locale.Category category, @Advice.Return(readOnly = false) Locale locale) {
            locale = Guards.defaultLocale(category, locale);
        }
    }

    /** Entered at {@code Locale.setDefault(Locale)}. */
    static final class SetLocale {

        private SetLocale() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Locale locale) {
            return Guards.defaultLocaleSetting(null, locale);
        }
    }

    /** Entered at {@code Locale.setDefault(Category, Locale)}; a {@code null} category is the JDK's to refuse. */
    static final class SetLocaleOf {

        private SetLocaleOf() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Locale.Category category, @Advice.Argument(1) Locale locale) {
            return category != null && Guards.defaultLocaleSetting(category, locale);
        }
    }

    /** Left by {@code TimeZone.getDefaultRef()}, which {@code getDefault()} copies and the JDK's calendars and dates read. */
    static final class GetTimeZone {

        private GetTimeZone() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) TimeZone zone) {
            zone = Guards.defaultTimeZone(zone);
        }
    }

    /** Left by the getters of the JVM-wide defaults connections use: a guest's own. */
    static final class GetNetworkDefault {

        private GetNetworkDefault() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Origin("#t.#m") String method,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value)
                throws java.security.NoSuchAlgorithmException {
            value = Guards.networkDefault(method, value);
        }
    }

    /**
     * At {@code SSLContext.getDefault()}, which makes the JVM's default context from the JVM's
     * properties and stores, and {@code HttpsURLConnection.getDefaultSSLSocketFactory()}, which
     * keeps for the JVM the factory of the default context it finds: a guest's own is given before
     * the JDK's code runs, which runs only where the guest has none (and so keeps the JVM's).
     */
    static final class GetTlsDefault {

        private GetTlsDefault() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.Origin("#t.#m") String method) throws java.security.NoSuchAlgorithmException {
            return Guards.networkDefault(method, null);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object own,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
            if (own != null) {
                value = own;
            }
        }
    }

    /**
     * Entered at their setters: a guest sets its own. A {@code null} the JDK refuses (HTTPS's
     * defaults) is the JDK's to refuse.
     */
    static final class SetNetworkDefault {

        private SetNetworkDefault() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Origin("#t.#m") String method,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object value) {
            return (value != null || method.startsWith("java.net.")) && Guards.networkDefaultSetting(method, value);
        }
    }

    /** Left by {@code HttpURLConnection}'s constructor, which copies whether to follow redirects from the JVM's. */
    static final class FollowRedirects {

        private FollowRedirects() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.FieldValue(value = "instanceFollowRedirects", readOnly = false) boolean follow)
                throws java.security.NoSuchAlgorithmException {
            follow = (Boolean) Guards.networkDefault("java.net.HttpURLConnection.getFollowRedirects", follow);
        }
    }

    /** Left by {@code URLConnection.getDefaultUseCaches(String)}, which each connection asks as it is made. */
    static final class GetUseCaches {

        private GetUseCaches() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) String protocol, @Advice.Return(readOnly = false) boolean use) {
            use = Guards.defaultUseCaches(protocol, use);
        }
    }

    /** Entered at {@code URLConnection.setDefaultUseCaches(String, boolean)}; a {@code null} protocol is the JDK's to refuse. */
    static final class SetUseCaches {

        private SetUseCaches() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) String protocol, @Advice.Argument(1) boolean use) {
            return protocol != null && Guards.defaultUseCachesSetting(protocol, use);
        }
    }

    /**
     * Left by {@code URLConnection}'s constructor, which copies whether to interact with a user
     * from the JVM's field, and whether to use caches too where it has no URL (else it asks
     * {@code getDefaultUseCaches(protocol)}).
     */
    static final class ConnectionDefaults {

        private ConnectionDefaults() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) java.net.URL url,
                @Advice.FieldValue(value = "allowUserInteraction", readOnly = false) boolean interact,
                @Advice.FieldValue(value = "useCaches", readOnly = false) boolean useCaches)
                throws java.security.NoSuchAlgorithmException {
            interact = (Boolean) Guards.networkDefault("java.net.URLConnection.getDefaultAllowUserInteraction", interact);
            if (url == null) {
                useCaches = (Boolean) Guards.networkDefault("java.net.URLConnection.getDefaultUseCaches", useCaches);
            }
        }
    }

    /** Left by {@code HttpsURLConnection}'s constructor, which copies the JVM's default hostname verifier. */
    static final class HostnameVerifier {

        private HostnameVerifier() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.FieldValue(value = "hostnameVerifier", readOnly = false) javax.net.ssl.HostnameVerifier verifier)
                throws java.security.NoSuchAlgorithmException {
            verifier = (javax.net.ssl.HostnameVerifier) Guards.networkDefault(
                    "javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier", verifier);
        }
    }

    /**
     * At {@code Authenticator.requestPasswordAuthentication}, each form: on a guest's behalf without
     * an authenticator of the caller's, the guest's own default authenticator answers instead of
     * the JVM's.
     */
    static final class PasswordRequest {

        private PasswordRequest() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.AllArguments Object[] arguments) {
            return Guards.guestPasswordAuthentication(arguments);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object answered,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object password) {
            if (answered != null) {
                password = answered == Guards.NO_PASSWORD ? null : answered;
            }
        }
    }

    /** Entered at {@code Preferences.userRoot()} and {@code systemRoot()}: a guest's own tree instead of the JVM's. */
    static final class PreferencesRoot {

        private PreferencesRoot() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static java.util.prefs.Preferences enter(@Advice.Origin("#m") String method) {
            return Guards.preferencesRoot(method.equals("userRoot"));
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter java.util.prefs.Preferences own, @Advice.Return(readOnly = false) java.util.prefs.Preferences root) {
            if (own != null) {
                root = own;
            }
        }
    }

    /** Entered at {@code TimeZone.setDefault(TimeZone)}. */
    static final class SetTimeZone {

        private SetTimeZone() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) TimeZone zone) {
            return Guards.defaultTimeZoneSetting(zone);
        }
    }

    /** Left by {@code Thread.getDefaultUncaughtExceptionHandler()}. */
    static final class GetHandler {

        private GetHandler() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) Thread.UncaughtExceptionHandler handler) {
            handler = Guards.defaultUncaughtExceptionHandler(handler);
        }
    }

    /** Entered at {@code Thread.setDefaultUncaughtExceptionHandler}. */
    static final class SetHandler {

        private SetHandler() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Thread.UncaughtExceptionHandler handler) {
            return Guards.defaultUncaughtExceptionHandlerSetting(handler);
        }
    }

    /** Entered at {@code URL.setURLStreamHandlerFactory}. */
    static final class SetUrlHandlerFactory {

        private SetUrlHandlerFactory() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) URLStreamHandlerFactory factory) {
            return Guards.urlHandlerFactorySetting(factory);
        }
    }

    /** On {@code URL.getURLStreamHandler(String)}: a guest's own factory first. */
    static final class GetUrlHandler {

        private GetUrlHandler() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static URLStreamHandler enter(@Advice.Argument(0) String protocol) {
            return Guards.urlStreamHandler(protocol);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter URLStreamHandler own, @Advice.Return(readOnly = false) URLStreamHandler handler) {
            if (own != null) {
                handler = own;
            }
        }
    }

    /** Entered at {@code Thread.dispatchUncaughtException}, where the JVM hands a thread's death to its handler. */
    static final class UncaughtUnwinding {

        private UncaughtUnwinding() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
            return Guards.uncaughtUnwinding(thread, error);
        }
    }

    /** Entered at {@code ThreadGroup.uncaughtException}, where a thread's death arrives in a group of the JDK's. */
    static final class Uncaught {

        private Uncaught() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Thread thread, @Advice.Argument(1) Throwable error) {
            return Guards.uncaughtException(thread, error);
        }
    }
}
