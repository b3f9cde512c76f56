package org.attnplanes.render.encoding;

import java.util.List;
import java.util.Objects;
import org.attnplanes.render.scene.Rgba;

/**
 * A pure mapping from an edge's normalized weight (and head) to its visual style. Encodings are views, not
 * copies: each changes one channel of the style it is given, so they combine with {@link #andThen}.
 *
 * <pre>{@code
 * EdgeEncoding e = EdgeEncoding.opacity(0.05, 1, new Contrast(0.5)).andThen(EdgeEncoding.width(0.5, 4, Contrast.LINEAR));
 * EdgeStyle s = e.apply(new EdgeStyle(Rgba.BLACK, 1), 0.8f, -1);
 * }</pre>
 */
public interface EdgeEncoding {

    /**
     * The style of an edge.
     *
     * @param base   the style before this encoding, not null
     * @param weight normalized weight in [0, 1], or [−1, 1] for a difference graph
     * @param head   the head index of the edge's plane, or −1 when the plane aggregates heads
     * @return the new style, never null
     */
    EdgeStyle apply(EdgeStyle base, float weight, int head);

    /** One legend phrase describing the mapping ({@code "opacity = 0.05 + 0.95·|w|^0.5"}). */
    String describe();

    /** This encoding, then {@code next}. */
    default EdgeEncoding andThen(EdgeEncoding next) {
        Objects.requireNonNull(next, "next");
        EdgeEncoding first = this;
        return new EdgeEncoding() {
            @Override
            public EdgeStyle apply(EdgeStyle base, float weight, int head) {
                return next.apply(first.apply(base, weight, head), weight, head);
            }

            @Override
            public String describe() {
                return first.describe() + "; " + next.describe();
            }
        };
    }

    /** Opacity {@code minAlpha + (maxAlpha − minAlpha)·contrast(|w|)}: the paper's encoding. */
    static EdgeEncoding opacity(double minAlpha, double maxAlpha, Contrast contrast) {
        checkRange("alpha", minAlpha, maxAlpha, 0, 1);
        Objects.requireNonNull(contrast, "contrast");
        return new EdgeEncoding() {
            @Override
            public EdgeStyle apply(EdgeStyle base, float weight, int head) {
                return base.withAlpha((float) (minAlpha + (maxAlpha - minAlpha) * contrast.apply(weight)));
            }

            @Override
            public String describe() {
                return "opacity " + Fmt.num(minAlpha) + "–" + Fmt.num(maxAlpha) + " ∝ " + curve(contrast);
            }
        };
    }

    /** Stroke width {@code minPx + (maxPx − minPx)·contrast(|w|)} pixels. */
    static EdgeEncoding width(double minPx, double maxPx, Contrast contrast) {
        checkRange("width", minPx, maxPx, 1e-3, 1000);
        Objects.requireNonNull(contrast, "contrast");
        return new EdgeEncoding() {
            @Override
            public EdgeStyle apply(EdgeStyle base, float weight, int head) {
                return base.withWidth(minPx + (maxPx - minPx) * contrast.apply(weight));
            }

            @Override
            public String describe() {
                return "width " + Fmt.num(minPx) + "–" + Fmt.num(maxPx) + " px ∝ " + curve(contrast);
            }
        };
    }

    /**
     * Colour from a map: a sequential map at {@code contrast(|w|)}; a diverging map at
     * {@code (1 + sign(w)·contrast(|w|)) / 2}, so 0 is the neutral middle. Alpha is kept.
     */
    static EdgeEncoding colour(ColourMap map, Contrast contrast) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(contrast, "contrast");
        return new EdgeEncoding() {
            @Override
            public EdgeStyle apply(EdgeStyle base, float weight, int head) {
                double c = contrast.apply(weight);
                double t = map.diverging() ? (1 + Math.signum(weight) * c) / 2 : c;
                return base.withRgb(map.at(t));
            }

            @Override
            public String describe() {
                return map.diverging()
                        ? "colour " + map.displayName() + " (−1 blue, 0 white, +1 red) ∝ " + curve(contrast)
                        : "colour " + map.displayName() + " ∝ " + curve(contrast);
            }
        };
    }

    /** A categorical hue per head (cycling through {@code palette}); planes that aggregate heads keep their colour. */
    static EdgeEncoding headHue(List<Rgba> palette) {
        List<Rgba> p = List.copyOf(palette);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("head palette is empty; give at least one colour");
        }
        return new EdgeEncoding() {
            @Override
            public EdgeStyle apply(EdgeStyle base, float weight, int head) {
                return head < 0 ? base : base.withRgb(p.get(head % p.size()));
            }

            @Override
            public String describe() {
                return "hue per head (" + p.size() + " categorical colours, cycling)";
            }
        };
    }

    /** The ten categorical colours used by {@link #headHue} by default (matplotlib's "tab10"). */
    List<Rgba> TAB10 = List.of(Rgba.hex("1f77b4"), Rgba.hex("ff7f0e"), Rgba.hex("2ca02c"), Rgba.hex("d62728"),
            Rgba.hex("9467bd"), Rgba.hex("8c564b"), Rgba.hex("e377c2"), Rgba.hex("7f7f7f"), Rgba.hex("bcbd22"),
            Rgba.hex("17becf"));

    private static String curve(Contrast c) {
        return c.gamma() == 1 ? "|w|" : "|w|^" + Fmt.num(c.gamma());
    }

    private static void checkRange(String what, double lo, double hi, double min, double max) {
        if (!(lo >= min && hi <= max && lo <= hi)) {
            throw new IllegalArgumentException(what + " range [" + lo + ", " + hi + "] must satisfy " + min
                    + " <= low <= high <= " + max);
        }
    }
}
