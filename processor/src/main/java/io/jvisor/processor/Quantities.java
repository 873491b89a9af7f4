package io.jvisor.processor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The quantities a {@code @Guest} asks for, from their strings. */
final class Quantities {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kKmMgG]?)[bB]?");

    private Quantities() {
    }

    /**
     * A duration in milliseconds: a whole number with a unit, {@code ms}, {@code s}, {@code m} or
     * {@code h}, e.g. {@code 500ms} or {@code 2s}.
     *
     * @throws IllegalArgumentException if {@code text} is not such a duration
     */
    static long millis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: a whole number with ms, s, m or h,"
                    + " such as \"500ms\" or \"2s\"");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    /**
     * A size in bytes: a whole number, optionally with {@code k}, {@code M} or {@code G} (powers of
     * 1024) and an optional {@code B}, e.g. {@code 64M}.
     *
     * @throws IllegalArgumentException if {@code text} is not such a size
     */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size: a whole number of bytes, optionally with"
                    + " k, M or G, such as \"64M\"");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        int shift = 10 * (unit.isEmpty() ? 0 : "kmg".indexOf(unit) + 1);
        long number = Long.parseLong(m.group(1));
        if (number > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("\"" + text + "\" is too large a size");
        }
        return number << shift;
    }
}
