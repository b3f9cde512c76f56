package org.attnplanes.render.scene;

import java.util.Locale;

/**
 * A straight (not premultiplied) sRGB colour with alpha, every channel in [0, 1].
 *
 * @param r red in [0, 1]
 * @param g green in [0, 1]
 * @param b blue in [0, 1]
 * @param a alpha (opacity) in [0, 1]; 0 is fully transparent
 */
public record Rgba(float r, float g, float b, float a) {

    /** Opaque black. */
    public static final Rgba BLACK = new Rgba(0, 0, 0, 1);
    /** Opaque white. */
    public static final Rgba WHITE = new Rgba(1, 1, 1, 1);

    /** Validates the channels. */
    public Rgba {
        check("r", r);
        check("g", g);
        check("b", b);
        check("a", a);
    }

    private static void check(String name, float v) {
        if (!(v >= 0f && v <= 1f)) {
            throw new IllegalArgumentException("colour channel " + name + " = " + v + " must be in [0, 1]");
        }
    }

    /** Parses {@code "RRGGBB"} or {@code "#RRGGBB"} (opaque) or {@code "#RRGGBBAA"}. */
    public static Rgba hex(String hex) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (h.length() != 6 && h.length() != 8) {
            throw new IllegalArgumentException("colour \"" + hex + "\" must be RRGGBB or RRGGBBAA hex");
        }
        try {
            long v = Long.parseLong(h, 16);
            int a = h.length() == 8 ? (int) (v & 0xFF) : 255;
            long rgb = h.length() == 8 ? v >>> 8 : v;
            return of8((int) (rgb >> 16) & 0xFF, (int) (rgb >> 8) & 0xFF, (int) rgb & 0xFF, a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("colour \"" + hex + "\" must be RRGGBB or RRGGBBAA hex", e);
        }
    }

    /** From 8-bit channels in [0, 255]. */
    public static Rgba of8(int r, int g, int b, int a) {
        return new Rgba(r / 255f, g / 255f, b / 255f, a / 255f);
    }

    /** The same colour with another alpha. */
    public Rgba withAlpha(float alpha) {
        return new Rgba(r, g, b, alpha);
    }

    /** Linear interpolation in sRGB between this ({@code t = 0}) and {@code o} ({@code t = 1}). */
    public Rgba lerp(Rgba o, double t) {
        float u = (float) Math.max(0, Math.min(1, t));
        return new Rgba(r + (o.r - r) * u, g + (o.g - g) * u, b + (o.b - b) * u, a + (o.a - a) * u);
    }

    /** The premultiplied channels {@code (r·a, g·a, b·a, a)}, as JavaFX's blending expects (see the render notes). */
    public float[] premultiplied() {
        return new float[] {r * a, g * a, b * a, a};
    }

    /** Packs into a non-premultiplied {@code 0xAARRGGBB} int (each channel rounded to 8 bits). */
    public int toArgb() {
        return (to8(a) << 24) | (to8(r) << 16) | (to8(g) << 8) | to8(b);
    }

    /** Unpacks a non-premultiplied {@code 0xAARRGGBB} int. */
    public static Rgba fromArgb(int argb) {
        return of8((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, (argb >>> 24) & 0xFF);
    }

    /** {@code "#rrggbb"}, ignoring alpha (SVG/CSS fill). */
    public String toHexRgb() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", to8(r), to8(g), to8(b));
    }

    private static int to8(float v) {
        return Math.round(v * 255f);
    }
}
