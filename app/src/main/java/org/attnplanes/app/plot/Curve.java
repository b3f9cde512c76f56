package org.attnplanes.app.plot;

import java.util.Objects;

/**
 * A named curve y(x), e.g. β₁ against the weight threshold for one layer.
 *
 * @param name legend label, not null
 * @param x    abscissae, same length as {@code y}; copied
 * @param y    ordinates; copied
 */
public record Curve(String name, double[] x, double[] y) {

    /** Validates and copies. */
    public Curve {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve \"" + name + "\": x has " + x.length + " values but y has "
                    + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
