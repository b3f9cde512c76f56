package org.attnplanes.topology.io;

import java.util.Arrays;
import java.util.Locale;

/** The text input formats of Ripser, by their command-line names. */
public enum InputFormat {
    /** Compressed lower triangle: row i (i ≥ 1) holds d(i,0) … d(i,i−1); separators are commas or spaces. */
    LOWER_DISTANCE("lower-distance"),
    /** Full square matrix, one row per line; must be symmetric with a zero diagonal. */
    DISTANCE("distance"),
    /** One point per line (coordinates); Euclidean distances computed in float32 like Ripser. */
    POINT_CLOUD("point-cloud"),
    /** One edge per line, {@code i j d} (0-based); missing pairs never enter; n = largest index + 1. */
    SPARSE("sparse");

    private final String cliName;

    InputFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line ({@code lower-distance}, …). */
    public String cliName() {
        return cliName;
    }

    /**
     * The format with this command-line name.
     *
     * @throws IllegalArgumentException listing the allowed names
     */
    public static InputFormat fromCliName(String name) {
        for (InputFormat f : values()) {
            if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format \"" + name + "\" is not one of "
                + Arrays.stream(values()).map(InputFormat::cliName).toList());
    }
}
