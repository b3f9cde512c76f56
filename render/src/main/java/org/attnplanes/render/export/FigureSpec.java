package org.attnplanes.render.export;

import java.util.Objects;
import java.util.Optional;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Rgba;

/**
 * How to draw a figure: pixel size, scale (pixel density of PNG output), camera, title, encoding, background,
 * legend and labels. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * FigureSpec spec = FigureSpec.builder().size(1600, 1000).scale(2).title("BERT layer stack")
 *         .encoding(EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH)).build();
 * }</pre>
 *
 * Defaults: 1200 × 800 px, scale 1, the scene's camera and title, opacity encoding, white background,
 * legend shown, labels on the first plane, 12 px font.
 */
public final class FigureSpec {

    private final int width;
    private final int height;
    private final double scale;
    private final Camera camera;
    private final String title;
    private final EncodingSpec encoding;
    private final Rgba background;
    private final boolean legend;
    private final LabelMode labels;
    private final double fontSize;
    private final int columns;
    private final boolean fit;
    private final boolean frame;

    private FigureSpec(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.scale = b.scale;
        this.camera = b.camera;
        this.title = b.title;
        this.encoding = b.encoding;
        this.background = b.background;
        this.legend = b.legend;
        this.labels = b.labels;
        this.fontSize = b.fontSize;
        this.columns = b.columns;
        this.fit = b.fit;
        this.frame = b.frame;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static FigureSpec defaults() {
        return builder().build();
    }

    /** Width in pixels (of one panel for small multiples), in [16, 16384]. */
    public int width() {
        return width;
    }

    /** Height in pixels (of one panel for small multiples), in [16, 16384]. */
    public int height() {
        return height;
    }

    /** PNG pixel density: the raster is {@code scale·width × scale·height}; SVG ignores it. In [0.25, 8]. */
    public double scale() {
        return scale;
    }

    /** The camera, when it overrides the scene's. */
    public Optional<Camera> camera() {
        return Optional.ofNullable(camera);
    }

    /** The title, when it overrides the scene's. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The encoding used when a figure is built from a graph. */
    public EncodingSpec encoding() {
        return encoding;
    }

    /** The background colour (opaque or transparent). */
    public Rgba background() {
        return background;
    }

    /** Whether the legend is drawn. */
    public boolean legend() {
        return legend;
    }

    /** Which node labels are drawn. */
    public LabelMode labels() {
        return labels;
    }

    /** Base font size in pixels. */
    public double fontSize() {
        return fontSize;
    }

    /** Columns of a small-multiples figure; 0 means one row. */
    public int columns() {
        return columns;
    }

    /**
     * Whether a single-scene figure's canvas may be cut to its scene: a scene taller than the canvas's shape (a
     * stack) gets the width its projection (plus the plane titles) needs at this height, never below
     * {@link #MIN_FITTED_WIDTH} (the legend stays readable); a wider one (side-by-side stacks of few layers) the
     * height it needs at this width, never below {@link #MIN_FITTED_HEIGHT}. Never larger than
     * {@link #width()} × {@link #height()}; only with the scene's own camera (no {@link #camera()} override).
     */
    public boolean fit() {
        return fit;
    }

    /**
     * Whether the scene's camera direction is re-framed for the area the painter really gives the scene (below the
     * title, above the legend and the token labels, right of the plane titles), so that it fills that area's limiting
     * dimension instead of the 3:2 box the scene builder framed it for. Implied by {@link #fit()}; ignored with a
     * {@link #camera()} override. Off by default: a scene's own camera is drawn as it is.
     */
    public boolean frame() {
        return frame || fit;
    }

    /** The narrowest canvas {@link #fit()} cuts to, in pixels (or {@link #width()} when that is smaller). */
    public static final int MIN_FITTED_WIDTH = 640;

    /** The lowest canvas {@link #fit()} cuts to, in pixels (or {@link #height()} when that is smaller). */
    public static final int MIN_FITTED_HEIGHT = 480;

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.width = width;
        b.height = height;
        b.scale = scale;
        b.camera = camera;
        b.title = title;
        b.encoding = encoding;
        b.background = background;
        b.legend = legend;
        b.labels = labels;
        b.fontSize = fontSize;
        b.columns = columns;
        b.fit = fit;
        b.frame = frame;
        return b;
    }

    /** Builder of {@link FigureSpec}; not thread-safe. */
    public static final class Builder {
        private int width = 1200;
        private int height = 800;
        private double scale = 1;
        private Camera camera;
        private String title;
        private EncodingSpec encoding = EncodingSpec.of(Encoding.OPACITY);
        private Rgba background = Rgba.WHITE;
        private boolean legend = true;
        private LabelMode labels = LabelMode.FIRST_PLANE;
        private double fontSize = 12;
        private int columns;
        private boolean fit;
        private boolean frame;

        private Builder() {
        }

        /** Width and height in pixels, each in [16, 16384]. */
        public Builder size(int w, int h) {
            if (w < 16 || h < 16 || w > 16384 || h > 16384) {
                throw new IllegalArgumentException("figure size " + w + " × " + h + " px must be within [16, 16384] each");
            }
            this.width = w;
            this.height = h;
            return this;
        }

        /** PNG pixel density in [0.25, 8]. */
        public Builder scale(double s) {
            if (!(s >= 0.25 && s <= 8)) {
                throw new IllegalArgumentException("scale = " + s + " must be in [0.25, 8]");
            }
            this.scale = s;
            return this;
        }

        /** A camera overriding the scene's; null restores the scene's. */
        public Builder camera(Camera c) {
            this.camera = c;
            return this;
        }

        /** A title overriding the scene's; null restores the scene's. */
        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /** The encoding used when the figure is built from a graph. */
        public Builder encoding(EncodingSpec e) {
            this.encoding = Objects.requireNonNull(e, "encoding");
            return this;
        }

        /** The background colour. */
        public Builder background(Rgba c) {
            this.background = Objects.requireNonNull(c, "background");
            return this;
        }

        /** Whether to draw the legend. */
        public Builder legend(boolean show) {
            this.legend = show;
            return this;
        }

        /** Which node labels to draw. */
        public Builder labels(LabelMode mode) {
            this.labels = Objects.requireNonNull(mode, "labels");
            return this;
        }

        /** Base font size in pixels, in [4, 200]. */
        public Builder fontSize(double px) {
            if (!(px >= 4 && px <= 200)) {
                throw new IllegalArgumentException("fontSize = " + px + " px must be in [4, 200]");
            }
            this.fontSize = px;
            return this;
        }

        /** Columns of a small-multiples grid (0 = a single row), in [0, 64]. */
        public Builder columns(int c) {
            if (c < 0 || c > 64) {
                throw new IllegalArgumentException("columns = " + c + " must be in [0, 64]");
            }
            this.columns = c;
            return this;
        }

        /** Whether the canvas may be cut to the scene (see {@link FigureSpec#fit()}). */
        public Builder fit(boolean fit) {
            this.fit = fit;
            return this;
        }

        /** Whether the scene's camera is re-framed for the painted area (see {@link FigureSpec#frame()}). */
        public Builder frame(boolean reframe) {
            this.frame = reframe;
            return this;
        }

        /** The spec. */
        public FigureSpec build() {
            return new FigureSpec(this);
        }
    }
}
