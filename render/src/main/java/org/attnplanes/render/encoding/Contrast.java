package org.attnplanes.render.encoding;

/**
 * A contrast (gamma) curve applied to |weight| before it drives a channel: {@code t ↦ t^gamma}. A gamma below
 * 1 lifts weak weights (the main critique of opacity-only encodings is that weak edges vanish); 1 is linear.
 *
 * @param gamma exponent, finite, in (0, 10]
 */
public record Contrast(double gamma) {

    /** The identity curve. */
    public static final Contrast LINEAR = new Contrast(1);

    /** Validates gamma. */
    public Contrast {
        if (!(gamma > 0 && gamma <= 10)) {
            throw new IllegalArgumentException("gamma = " + gamma + " must be in (0, 10]");
        }
    }

    /** {@code |t|^gamma} for t clamped to [−1, 1]; result in [0, 1]. NaN is rejected. */
    public double apply(double t) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("weight = NaN must be a number");
        }
        double a = Math.min(1, Math.abs(t));
        return gamma == 1 ? a : Math.pow(a, gamma);
    }
}
