package org.attnplanes.render.encoding;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.attnplanes.render.scene.Rgba;

/**
 * A named combination of edge-weight encodings with their parameters. Immutable; build with
 * {@link #builder()} or the one-channel shortcuts.
 *
 * <pre>{@code
 * EncodingSpec spec = EncodingSpec.builder().encodings(Encoding.OPACITY, Encoding.WIDTH).gamma(0.5).build();
 * EdgeEncoding e = spec.edgeEncoding(false);
 * }</pre>
 *
 * Defaults: colour map viridis (blue-red for signed weights), gamma 1, opacity 0.04–0.95, width 0.4–4 px,
 * base colour #1f3b73 at opacity 0.55 and width 1 px for channels that are not encoded.
 */
public final class EncodingSpec {

    private final Set<Encoding> encodings;
    private final ColourMap colourMap;
    private final Contrast contrast;
    private final double minAlpha;
    private final double maxAlpha;
    private final double minWidthPx;
    private final double maxWidthPx;
    private final Rgba baseColour;
    private final double baseWidthPx;

    private EncodingSpec(Builder b) {
        if (b.encodings.isEmpty()) {
            throw new IllegalArgumentException("encodings is empty; choose at least one of " + List.of(Encoding.values()));
        }
        this.encodings = java.util.Collections.unmodifiableSet(EnumSet.copyOf(b.encodings));
        this.colourMap = b.colourMap;
        this.contrast = new Contrast(b.gamma);
        if (!(b.minAlpha >= 0 && b.minAlpha <= b.maxAlpha && b.maxAlpha <= 1)) {
            throw new IllegalArgumentException("opacity range [" + b.minAlpha + ", " + b.maxAlpha
                    + "] must satisfy 0 <= min <= max <= 1");
        }
        if (!(b.minWidthPx > 0 && b.minWidthPx <= b.maxWidthPx && b.maxWidthPx <= 100)) {
            throw new IllegalArgumentException("width range [" + b.minWidthPx + ", " + b.maxWidthPx
                    + "] px must satisfy 0 < min <= max <= 100");
        }
        this.minAlpha = b.minAlpha;
        this.maxAlpha = b.maxAlpha;
        this.minWidthPx = b.minWidthPx;
        this.maxWidthPx = b.maxWidthPx;
        this.baseColour = b.baseColour;
        this.baseWidthPx = b.baseWidthPx;
    }

    /** A builder with the defaults above and no encodings chosen yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Only the given channels, default parameters. */
    public static EncodingSpec of(Encoding first, Encoding... more) {
        return builder().encodings(first, more).build();
    }

    /** The chosen channels, unmodifiable, in enum order. */
    public Set<Encoding> encodings() {
        return encodings;
    }

    /** Whether the channel is chosen. */
    public boolean has(Encoding e) {
        return encodings.contains(e);
    }

    /** The colour map used by {@link Encoding#COLOUR} for unsigned weights. */
    public ColourMap colourMap() {
        return colourMap;
    }

    /** The contrast curve applied before every channel. */
    public Contrast contrast() {
        return contrast;
    }

    /** Lower end of the opacity range of {@link Encoding#OPACITY}. */
    public double minAlpha() {
        return minAlpha;
    }

    /** Upper end of the opacity range of {@link Encoding#OPACITY}. */
    public double maxAlpha() {
        return maxAlpha;
    }

    /** Lower end of the width range of {@link Encoding#WIDTH}, in pixels. */
    public double minWidthPx() {
        return minWidthPx;
    }

    /** Upper end of the width range of {@link Encoding#WIDTH}, in pixels. */
    public double maxWidthPx() {
        return maxWidthPx;
    }

    /** Width in pixels of edges whose width is not encoded. */
    public double baseWidthPx() {
        return baseWidthPx;
    }

    /** The colour of edges whose colour is not encoded. */
    public Rgba baseColour() {
        return baseColour;
    }

    /**
     * The composed encoding for this spec.
     *
     * @param signed true for a difference graph (weights in [−1, 1]): colour then uses the diverging map
     */
    public EdgeEncoding edgeEncoding(boolean signed) {
        EdgeEncoding e = constant();
        if (has(Encoding.HEAD_HUE)) {
            e = e.andThen(EdgeEncoding.headHue(EdgeEncoding.TAB10));
        }
        if (has(Encoding.COLOUR)) {
            e = e.andThen(EdgeEncoding.colour(effectiveColourMap(signed), contrast));
        }
        if (has(Encoding.OPACITY)) {
            e = e.andThen(EdgeEncoding.opacity(minAlpha, maxAlpha, contrast));
        }
        if (has(Encoding.WIDTH)) {
            e = e.andThen(EdgeEncoding.width(minWidthPx, maxWidthPx, contrast));
        }
        return e;
    }

    /** The colour map actually used: the diverging map for signed weights, else {@link #colourMap()}. */
    public ColourMap effectiveColourMap(boolean signed) {
        return signed && !colourMap.diverging() ? ColourMap.BLUE_RED : colourMap;
    }

    /** The style every edge starts from (base colour, opacity and width of channels that are not encoded). */
    public EdgeStyle baseStyle() {
        return new EdgeStyle(baseColour, baseWidthPx);
    }

    private EdgeEncoding constant() {
        EdgeStyle base = baseStyle();
        return new EdgeEncoding() {
            @Override
            public EdgeStyle apply(EdgeStyle ignored, float weight, int head) {
                return base;
            }

            @Override
            public String describe() {
                return "base " + baseColour.toHexRgb() + ", opacity " + Fmt.num(baseColour.a()) + ", width "
                        + Fmt.num(baseWidthPx) + " px";
            }
        };
    }

    /** Short name for panel titles: the chosen channels joined by "+", with the colour map ({@code "opacity+colour (viridis)"}). */
    public String shortName() {
        String s = encodings.stream().map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining("+"));
        return has(Encoding.COLOUR) ? s + " (" + colourMap.displayName() + ")" : s;
    }

    /** The legend's encoding line: what each chosen channel means. */
    public String describe(boolean signed) {
        List<String> parts = new ArrayList<>();
        for (String p : edgeEncoding(signed).describe().split("; ")) {
            if (!p.startsWith("base ")) {
                parts.add(p);
            }
        }
        if (has(Encoding.LENGTH)) {
            parts.add("length: nodes placed by a distance layout, strong edges short");
        }
        if (!has(Encoding.OPACITY) || !has(Encoding.COLOUR) || !has(Encoding.WIDTH)) {
            List<String> fixed = new ArrayList<>();
            if (!has(Encoding.COLOUR) && !has(Encoding.HEAD_HUE)) {
                fixed.add("colour " + baseColour.toHexRgb());
            }
            if (!has(Encoding.OPACITY)) {
                fixed.add("opacity " + Fmt.num(baseColour.a()));
            }
            if (!has(Encoding.WIDTH)) {
                fixed.add("width " + Fmt.num(baseWidthPx) + " px");
            }
            if (!fixed.isEmpty()) {
                parts.add("fixed " + String.join(", ", fixed));
            }
        }
        return String.join("; ", parts);
    }

    @Override
    public String toString() {
        return "EncodingSpec[" + shortName() + ", gamma " + contrast.gamma() + "]";
    }

    /** Builder of {@link EncodingSpec}; not thread-safe. */
    public static final class Builder {
        private final EnumSet<Encoding> encodings = EnumSet.noneOf(Encoding.class);
        private ColourMap colourMap = ColourMap.VIRIDIS;
        private double gamma = 1;
        private double minAlpha = 0.04;
        private double maxAlpha = 0.95;
        private double minWidthPx = 0.4;
        private double maxWidthPx = 4;
        private Rgba baseColour = Rgba.hex("1f3b73").withAlpha(0.55f);
        private double baseWidthPx = 1;

        private Builder() {
        }

        /** Replaces the chosen channels. */
        public Builder encodings(Encoding first, Encoding... more) {
            encodings.clear();
            encodings.add(Objects.requireNonNull(first, "encoding"));
            for (Encoding e : more) {
                encodings.add(Objects.requireNonNull(e, "encoding"));
            }
            return this;
        }

        /** Replaces the chosen channels. */
        public Builder encodings(Set<Encoding> chosen) {
            encodings.clear();
            encodings.addAll(chosen);
            return this;
        }

        /** The colour map for {@link Encoding#COLOUR}. */
        public Builder colourMap(ColourMap map) {
            this.colourMap = Objects.requireNonNull(map, "colourMap");
            return this;
        }

        /** Contrast gamma in (0, 10]; below 1 lifts weak weights. */
        public Builder gamma(double g) {
            new Contrast(g);
            this.gamma = g;
            return this;
        }

        /** Opacity range of {@link Encoding#OPACITY}, within [0, 1]. */
        public Builder opacityRange(double min, double max) {
            this.minAlpha = min;
            this.maxAlpha = max;
            return this;
        }

        /** Width range of {@link Encoding#WIDTH} in pixels. */
        public Builder widthRange(double minPx, double maxPx) {
            this.minWidthPx = minPx;
            this.maxWidthPx = maxPx;
            return this;
        }

        /** Colour (with its alpha) and width used for channels that are not encoded. */
        public Builder base(Rgba colour, double widthPx) {
            this.baseColour = Objects.requireNonNull(colour, "colour");
            if (!(widthPx > 0) || !Double.isFinite(widthPx)) {
                throw new IllegalArgumentException("base width = " + widthPx + " px must be finite and > 0");
            }
            this.baseWidthPx = widthPx;
            return this;
        }

        /** The spec. */
        public EncodingSpec build() {
            return new EncodingSpec(this);
        }
    }
}
