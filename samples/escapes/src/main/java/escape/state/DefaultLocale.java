package escape.state;

import java.text.DateFormat;
import java.util.Date;
import java.util.Locale;

/**
 * Sets the JVM-wide default {@code Locale}: one static value that every formatter of the host reads
 * too, so a guest can change how the host formats numbers and dates (and upper-cases an 'i'), then
 * formats with it on its main thread and on a thread of its own.
 *
 * <p>Source: JDK API, {@code Locale.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Locale.html#setDefault(java.util.Locale)
 */
public final class DefaultLocale {

    private DefaultLocale() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        } catch (Throwable t) {
            System.out.println("state-locale: " + t);
        }
        System.out.println("state-locale: the default Locale is now " + Locale.getDefault());
        System.out.println("state-locale: main formats " + formatted());
        Thread own = new Thread(() -> System.out.println("state-locale: its thread formats " + formatted()));
        own.start();
        own.join();
    }

    /** What the JDK's formatting makes of the default locale. */
    static String formatted() {
        return String.format("%,d", 1234567) + " " + DateFormat.getDateInstance(DateFormat.LONG).format(new Date(0))
                + " " + "title".toUpperCase();
    }
}
