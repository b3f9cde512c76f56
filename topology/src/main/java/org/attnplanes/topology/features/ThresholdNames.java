package org.attnplanes.topology.features;

import java.math.BigDecimal;

/**
 * Formats thresholds for column and feature names: at least two decimals, as many as needed, no exponent
 * ({@code 0.1 → "0.10"}, {@code 0.025 → "0.025"}, {@code 1 → "1.00"}).
 */
public final class ThresholdNames {

    private ThresholdNames() {
    }

    /** The threshold as it appears in names, e.g. {@code "0.10"}. */
    public static String format(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be finite");
        }
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
