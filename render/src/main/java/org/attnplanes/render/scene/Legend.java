package org.attnplanes.render.scene;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a figure's legend states: the encoding, the normalization and the scale, as plain text lines, and an
 * optional colour bar.
 *
 * @param encoding      how weight maps to the visual channels ({@code "opacity = w^0.50 in [0.05, 1]; ..."})
 * @param normalization how raw weights became [0, 1] ({@code "global min–max of |w|"})
 * @param scale         the weight range and pruning shown ({@code "w in [0, 1]; kept: top-8 per node, w ≥ 0.10"})
 * @param extra         further lines (layout, head hues, …), copied
 * @param colourBar     a colour bar when colour encodes weight
 */
public record Legend(String encoding, String normalization, String scale, List<String> extra,
                     Optional<ColourBar> colourBar) {

    /** Validates and copies. */
    public Legend {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(scale, "scale");
        extra = List.copyOf(extra);
        Objects.requireNonNull(colourBar, "colourBar");
    }

    /** All text lines in display order: encoding, normalization, scale, then the extra lines. */
    public List<String> lines() {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        l.add("encoding: " + encoding);
        l.add("normalization: " + normalization);
        l.add("scale: " + scale);
        l.addAll(extra);
        return List.copyOf(l);
    }

    /**
     * A colour bar: evenly spaced colour samples from the low to the high end, with their labels.
     *
     * @param name    colour map name ({@code "viridis"})
     * @param samples at least two colours, low to high, copied
     * @param low     label of the low end ({@code "0"})
     * @param high    label of the high end ({@code "1"})
     */
    public record ColourBar(String name, List<Rgba> samples, String low, String high) {
        /** Validates and copies. */
        public ColourBar {
            Objects.requireNonNull(name, "name");
            samples = List.copyOf(samples);
            if (samples.size() < 2) {
                throw new IllegalArgumentException("colour bar needs >= 2 samples, got " + samples.size());
            }
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }
    }
}
