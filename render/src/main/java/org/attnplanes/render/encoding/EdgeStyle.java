package org.attnplanes.render.encoding;

import java.util.Objects;
import org.attnplanes.render.scene.Rgba;

/**
 * The visual channels of one edge: straight RGBA colour and stroke width.
 *
 * @param colour  straight (not premultiplied) colour, never null
 * @param widthPx stroke width in pixels at figure scale 1, finite and &gt; 0
 */
public record EdgeStyle(Rgba colour, double widthPx) {

    /** Validates the fields. */
    public EdgeStyle {
        Objects.requireNonNull(colour, "colour");
        if (!(widthPx > 0) || !Double.isFinite(widthPx)) {
            throw new IllegalArgumentException("widthPx = " + widthPx + " must be finite and > 0");
        }
    }

    /** A copy with another colour, keeping this style's alpha. */
    public EdgeStyle withRgb(Rgba rgb) {
        return new EdgeStyle(rgb.withAlpha(colour.a()), widthPx);
    }

    /** A copy with another alpha. */
    public EdgeStyle withAlpha(float alpha) {
        return new EdgeStyle(colour.withAlpha(alpha), widthPx);
    }

    /** A copy with another width. */
    public EdgeStyle withWidth(double px) {
        return new EdgeStyle(colour, px);
    }
}
