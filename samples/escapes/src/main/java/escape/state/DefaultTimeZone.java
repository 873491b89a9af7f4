package escape.state;

import java.util.TimeZone;

/**
 * Sets the JVM-wide default {@code TimeZone}, which the host's clocks and calendars read too.
 *
 * <p>Source: JDK API, {@code TimeZone.setDefault},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/TimeZone.html#setDefault(java.util.TimeZone)
 */
public final class DefaultTimeZone {

    private DefaultTimeZone() {
    }

    public static void main(String[] args) {
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        } catch (Throwable t) {
            System.out.println("state-timezone: " + t);
        }
        System.out.println("state-timezone: the default TimeZone is now " + TimeZone.getDefault().getID());
    }
}
