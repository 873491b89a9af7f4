package io.jvisor.api.spi;

import java.util.List;

/**
 * The names of jvisor's policy presets, which {@code jvisor run --preset} and
 * {@link io.jvisor.api.Guest#preset()} name. For jvisor's tools; a guest never uses it.
 */
public final class Presets {

    /** The presets, from the most to the least trusting. */
    public static final List<String> NAMES = List.of("trusted", "constrained", "isolated", "untrusted");

    /** The preset of a guest for which nobody names one. */
    public static final String DEFAULT = "constrained";

    private Presets() {
    }

    /**
     * Whether one preset trusts a guest more than another: comes before it in {@link #NAMES}.
     *
     * @param preset a preset's name
     * @param than   another preset's name
     * @return {@code true} if {@code preset} trusts more
     * @throws IllegalArgumentException if either is no preset's name
     */
    public static boolean trustsMore(String preset, String than) {
        return rank(preset) < rank(than);
    }

    private static int rank(String preset) {
        int rank = NAMES.indexOf(preset);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown preset '" + preset + "' (known: " + String.join(", ", NAMES) + ")");
        }
        return rank;
    }
}
