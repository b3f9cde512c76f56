package org.attnplanes.render.encoding;

import java.math.BigDecimal;
import java.math.MathContext;

/** Compact number formatting for legends (internal). */
final class Fmt {

    private Fmt() {
    }

    /** {@code v} to three significant digits without trailing zeros: 0.5, 0.04, 4, 0.333. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
