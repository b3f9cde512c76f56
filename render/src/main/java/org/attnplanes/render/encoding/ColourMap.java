package org.attnplanes.render.encoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.attnplanes.render.scene.Rgba;

/**
 * Colour maps for edge weights. The sequential maps are the 256-entry look-up tables of matplotlib's
 * perceptually uniform maps (viridis, magma by van der Walt and Smith; cividis by Nuñez, Anderton and
 * Renslow; CC0), stored as resources next to this class. {@link #BLUE_RED} is a diverging map for signed
 * differences: ColorBrewer's 11-class RdBu reversed (blue = negative, near-white = 0, red = positive),
 * interpolated to 256 entries.
 */
public enum ColourMap {
    /** Viridis (blue–green–yellow), sequential. */
    VIRIDIS("viridis", false),
    /** Cividis (blue–grey–yellow), sequential, designed for colour-vision deficiency. */
    CIVIDIS("cividis", false),
    /** Magma (black–purple–orange–light yellow), sequential. */
    MAGMA("magma", false),
    /** Blue–white–red, diverging around 0; for difference graphs with weights in [−1, 1]. */
    BLUE_RED("blue-red", true);

    private static final String[] RD_BU_REVERSED = {"053061", "2166AC", "4393C3", "92C5DE", "D1E5F0", "F7F7F7",
            "FDDBC7", "F4A582", "D6604D", "B2182B", "67001F"};

    private final String displayName;
    private final boolean diverging;
    private volatile int[] lut;

    ColourMap(String displayName, boolean diverging) {
        this.displayName = displayName;
        this.diverging = diverging;
    }

    /** Lower-case name as used in legends ({@code "viridis"}). */
    public String displayName() {
        return displayName;
    }

    /** Whether the map is diverging (meant for signed values with 0 in the middle). */
    public boolean diverging() {
        return diverging;
    }

    /** The map by its display name or constant name, case-insensitive. */
    public static ColourMap byName(String name) {
        for (ColourMap m : values()) {
            if (m.displayName.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("colour map \"" + name + "\" is not one of [viridis, cividis, magma, blue-red]");
    }

    /** Number of entries in the look-up table (256). */
    public int size() {
        return table().length;
    }

    /** Entry {@code i} of the look-up table as opaque {@code 0xFFRRGGBB}. */
    public int entry(int i) {
        return table()[i];
    }

    /**
     * The opaque colour at position {@code t} in [0, 1] (clamped), linearly interpolated between the two
     * nearest table entries. For a diverging map 0.5 is the neutral middle.
     *
     * @throws IllegalArgumentException if t is NaN
     */
    public Rgba at(double t) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("colour map position t = NaN must be a number in [0, 1]");
        }
        int[] tab = table();
        double x = Math.max(0, Math.min(1, t)) * (tab.length - 1);
        int i = (int) Math.floor(x);
        int j = Math.min(tab.length - 1, i + 1);
        double f = x - i;
        return new Rgba(mix(tab[i] >> 16, tab[j] >> 16, f), mix(tab[i] >> 8, tab[j] >> 8, f), mix(tab[i], tab[j], f), 1f);
    }

    private static float mix(int a, int b, double f) {
        return (float) (((a & 0xFF) * (1 - f) + (b & 0xFF) * f) / 255.0);
    }

    private int[] table() {
        int[] t = lut;
        if (t == null) {
            t = diverging ? interpolate(RD_BU_REVERSED, 256) : load(displayName + ".lut");
            lut = t;
        }
        return t;
    }

    private static int[] interpolate(String[] anchors, int n) {
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            double x = k * (anchors.length - 1.0) / (n - 1);
            int i = Math.min(anchors.length - 2, (int) Math.floor(x));
            Rgba c = Rgba.hex(anchors[i]).lerp(Rgba.hex(anchors[i + 1]), x - i);
            out[k] = c.toArgb();
        }
        return out;
    }

    private static int[] load(String resource) {
        try (InputStream in = ColourMap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colour map resource " + resource + " is missing from the render jar");
            }
            int[] out = new int[256];
            int count = 0;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (count == out.length) {
                    throw new IllegalStateException("colour map resource " + resource + " has more than 256 entries");
                }
                out[count++] = 0xFF000000 | Integer.parseInt(line.toUpperCase(Locale.ROOT), 16);
            }
            if (count != out.length) {
                throw new IllegalStateException("colour map resource " + resource + " has " + count + " entries, expected 256");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colour map resource " + resource, e);
        }
    }
}
