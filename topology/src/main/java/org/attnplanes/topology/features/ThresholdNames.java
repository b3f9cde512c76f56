package org.attnplanes.topology.features;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Formats thresholds for column and feature names: at least two decimals, as many as needed, no exponent
 * ({@code 0.1 → "0.10"}, {@code 0.025 → "0.025"}, {@code 1 → "1.00"}).
 *
 * <p>Names are built per plane and per statistic, so formatted thresholds are cached (a bounded, thread-safe
 * map; a run uses a handful of thresholds).
 */
public final class ThresholdNames {

    /** Formatted thresholds kept at most (further values are formatted each time). */
    private static final int CACHE_LIMIT = 1024;

    private static final ConcurrentHashMap<Double, String> CACHE = new ConcurrentHashMap<>();

    private ThresholdNames() {
    }

    /** The threshold as it appears in names, e.g. {@code "0.10"}. */
    public static String format(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be finite");
        }
        String s = CACHE.get(threshold);
        if (s == null) {
            s = formatUncached(threshold);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(threshold, s);
            }
        }
        return s;
    }

    private static String formatUncached(double threshold) {
        BigDecimal d = BigDecimal.valueOf(threshold).stripTrailingZeros();
        if (d.scale() < 2) {
            d = d.setScale(2);
        }
        return d.toPlainString();
    }

    /** {@code prefix + "_t" + format(threshold)}, e.g. {@code suffixed("betti1", 0.1) = "betti1_t0.10"}. */
    public static String suffixed(String prefix, double threshold) {
        return prefix + "_t" + format(threshold);
    }
}
