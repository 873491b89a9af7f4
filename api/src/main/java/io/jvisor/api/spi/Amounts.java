package io.jvisor.api.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How jvisor writes amounts of time and size, wherever a person gives one: {@code jvisor run}'s
 * quota options, the elements of {@link io.jvisor.api.Guest} the annotation processor reads. For
 * jvisor's tools; a guest never uses it.
 *
 * <p>An amount is a whole number, optionally followed by white space and a unit:
 * <ul>
 *   <li>a time: {@code ns}, {@code us}, {@code ms}, {@code s} (also no unit), {@code m} or
 *       {@code min}, {@code h}; e.g. {@code 500ms}, {@code 2s}, {@code 1m};</li>
 *   <li>a size: no unit (bytes), or {@code k}, {@code M}, {@code G} (powers of 1024, in either
 *       case) with an optional {@code B} or {@code iB}; e.g. {@code 500k}, {@code 10M}, {@code 3KiB};</li>
 *   <li>a count: no unit.</li>
 * </ul>
 * Each method throws {@link IllegalArgumentException} with a message that quotes the text and gives
 * an example, e.g. {@code 'ten' is not a size (such as 500k, 10M or 1G)}.
 */
public final class Amounts {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    private Amounts() {
    }

    /**
     * A time in nanoseconds.
     *
     * @param text the time, as above
     * @return its nanoseconds
     * @throws IllegalArgumentException if {@code text} is not a time, or too large
     */
    public static long nanos(String text) {
        return amount(text, "a time (such as 500ms, 2s or 1m)", Amounts::nanosPer);
    }

    /**
     * A size in bytes.
     *
     * @param text the size, as above
     * @return its bytes
     * @throws IllegalArgumentException if {@code text} is not a size, or too large
     */
    public static long bytes(String text) {
        return amount(text, "a size (such as 500k, 10M or 1G)", Amounts::bytesPer);
    }

    /**
     * A count.
     *
     * @param text the count, digits only
     * @return its value
     * @throws IllegalArgumentException if {@code text} is not a whole number, or too large
     */
    public static long count(String text) {
        return amount(text, "a whole number", unit -> unit.isEmpty() ? 1 : -1);
    }

    /** The factor of a unit, or -1 if it is none. */
    @FunctionalInterface
    private interface Unit {
        long factor(String unit);
    }

    private static long amount(String text, String example, Unit units) {
        Matcher m = AMOUNT.matcher(text.trim());
        long factor = m.matches() ? units.factor(m.group(2)) : -1;
        if (factor < 0) {
            throw new IllegalArgumentException("'" + text + "' is not " + example);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large: it is not " + example);
        }
    }

    private static long nanosPer(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
                return 1_000;
            case "ms":
                return 1_000_000;
            case "s":
            case "":
                return 1_000_000_000L;
            case "m":
            case "min":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return -1;
        }
    }

    private static long bytesPer(String unit) {
        String s = unit.toLowerCase(Locale.ROOT);
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return unit.isEmpty() || unit.equalsIgnoreCase("b") ? 1 : -1;
        }
        int shift = s.length() == 1 ? "kmg".indexOf(s) : -1;
        return shift < 0 ? -1 : 1L << (10 * (shift + 1));
    }
}
