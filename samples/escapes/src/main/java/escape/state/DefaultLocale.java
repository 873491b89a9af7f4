package escape.state;

import java.util.Locale;

/**
 * Sets the JVM-wide default {@code Locale}: one static value that every formatter of the host reads
 * too, so a guest can change how the host formats numbers and dates.
 *
 * <p>Source: JDK API, {@code Locale.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Locale.html#setDefault(java.util.Locale)
 */
public final class DefaultLocale {

    private DefaultLocale() {
    }

    public static void main(String[] args) {
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        } catch (Throwable t) {
            System.out.println("state-locale: " + t);
        }
        System.out.println("state-locale: the default Locale is now " + Locale.getDefault());
    }
}
