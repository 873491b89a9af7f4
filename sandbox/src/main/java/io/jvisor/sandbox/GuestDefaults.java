package io.jvisor.sandbox;

import java.util.Locale;
import java.util.TimeZone;

/**
 * The defaults a hosted guest sets for itself where a program in a JVM of its own would set the
 * JVM's: its default locale (of each category) and time zone, which the guest follows the JVM's
 * in until it sets them ({@code null} until then), and its default uncaught-exception handler, of
 * which it has none until it sets one (its URL stream handlers: {@link GuestUrlHandlers}). Thread-safe.
 */
final class GuestDefaults {

    private volatile Locale locale;
    private volatile Locale display;
    private volatile Locale format;
    private volatile TimeZone zone;
    private volatile Thread.UncaughtExceptionHandler handler;

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

    /** The guest's default uncaught-exception handler, or {@code null}. */
    Thread.UncaughtExceptionHandler handler() {
        return handler;
    }

    void setHandler(Thread.UncaughtExceptionHandler newHandler) {
        handler = newHandler;
    }
}
