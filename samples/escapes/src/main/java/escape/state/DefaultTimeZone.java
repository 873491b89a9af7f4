package escape.state;

import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

/**
 * Sets the JVM-wide default {@code TimeZone}, which the host's clocks and calendars read too, then
 * reads the time with it on its main thread and on a thread of its own.
 *
 * <p>Source: JDK API, {@code TimeZone.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/TimeZone.html#setDefault(java.util.TimeZone)
 */
public final class DefaultTimeZone {

    private DefaultTimeZone() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        } catch (Throwable t) {
            System.out.println("state-timezone: " + t);
        }
        System.out.println("state-timezone: the default TimeZone is now " + TimeZone.getDefault().getID());
        System.out.println("state-timezone: main reads " + timed());
        Thread own = new Thread(() -> System.out.println("state-timezone: its thread reads " + timed()));
        own.start();
        own.join();
    }

    /** What the JDK's dates and clocks make of the default time zone. */
    static String timed() {
        return ZoneId.systemDefault() + " " + new Date(0) + " " + String.format("%tR", new Date(0));
    }
}
