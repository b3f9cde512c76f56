package org.attnplanes.render.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.attnplanes.render.scene.Rgba;
import org.junit.jupiter.api.Test;

class EdgeEncodingTest {

    private static final EdgeStyle BASE = new EdgeStyle(Rgba.BLACK.withAlpha(0.5f), 1);

    private static float[] sortedWeights(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) r.nextDouble();
        }
        Arrays.sort(w);
        return w;
    }

    @Test
    void opacity_randomWeights_alphaMonotoneInWeight() {
        for (long seed = 1; seed <= 5; seed++) {
            float[] w = sortedWeights(seed, 200);
            EdgeEncoding e = EdgeEncoding.opacity(0.05, 1, new Contrast(0.5));
            float prev = -1;
            for (float x : w) {
                float a = e.apply(BASE, x, -1).colour().a();
                assertTrue(a >= prev, "seed " + seed + ": alpha " + a + " at w = " + x + " below " + prev);
                prev = a;
            }
        }
    }

    @Test
    void width_randomWeights_widthMonotoneInWeightAndWithinRange() {
        for (long seed = 1; seed <= 5; seed++) {
            float[] w = sortedWeights(seed, 200);
            EdgeEncoding e = EdgeEncoding.width(0.5, 4, Contrast.LINEAR);
            double prev = 0;
            for (float x : w) {
                double px = e.apply(BASE, x, -1).widthPx();
                assertTrue(px >= prev && px >= 0.5 && px <= 4, "seed " + seed + ": width " + px + " at w = " + x);
                prev = px;
            }
        }
    }

    @Test
    void contrast_gammaBelowOne_liftsWeakWeights() {
        EdgeEncoding linear = EdgeEncoding.opacity(0, 1, Contrast.LINEAR);
        EdgeEncoding lifted = EdgeEncoding.opacity(0, 1, new Contrast(0.5));
        assertEquals(0.04f, linear.apply(BASE, 0.04f, -1).colour().a(), 1e-6);
        assertEquals(0.2f, lifted.apply(BASE, 0.04f, -1).colour().a(), 1e-6);
        assertEquals(1f, lifted.apply(BASE, 1f, -1).colour().a(), 1e-6);
    }

    @Test
    void andThen_opacityThenColour_keepsBothChannels() {
        EdgeEncoding e = EdgeEncoding.opacity(0, 1, Contrast.LINEAR).andThen(EdgeEncoding.colour(ColourMap.VIRIDIS, Contrast.LINEAR));
        EdgeStyle s = e.apply(BASE, 1f, -1);
        assertEquals(1f, s.colour().a(), 1e-6);
        assertEquals(0xFFFDE724, s.colour().withAlpha(1f).toArgb());
        assertTrue(e.describe().contains("opacity") && e.describe().contains("viridis"), e.describe());
    }

    @Test
    void colour_divergingSignedWeights_negativeBluePositiveRed() {
        EdgeEncoding e = EdgeEncoding.colour(ColourMap.BLUE_RED, Contrast.LINEAR);
        Rgba neg = e.apply(BASE, -0.9f, -1).colour();
        Rgba pos = e.apply(BASE, 0.9f, -1).colour();
        assertTrue(neg.b() > neg.r() && pos.r() > pos.b(), neg + " / " + pos);
    }

    @Test
    void headHue_twoHeads_differentColoursAggregatedPlaneUnchanged() {
        EdgeEncoding e = EdgeEncoding.headHue(EdgeEncoding.TAB10);
        assertNotEquals(e.apply(BASE, 0.5f, 0).colour(), e.apply(BASE, 0.5f, 1).colour());
        assertEquals(BASE, e.apply(BASE, 0.5f, -1));
        assertEquals(e.apply(BASE, 0.5f, 2).colour(), e.apply(BASE, 0.5f, 12).colour(), "palette cycles");
    }

    @Test
    void opacity_badRange_failsNamingTheRange() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> EdgeEncoding.opacity(0.5, 1.5, Contrast.LINEAR));
        assertEquals("alpha range [0.5, 1.5] must satisfy 0.0 <= low <= high <= 1.0", ex.getMessage());
    }

    @Test
    void contrast_nonPositiveGamma_failsNamingTheValue() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new Contrast(0));
        assertEquals("gamma = 0.0 must be in (0, 10]", ex.getMessage());
    }

    @Test
    void encodingSpec_empty_failsListingTheChoices() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> EncodingSpec.builder().build());
        assertEquals("encodings is empty; choose at least one of [OPACITY, COLOUR, WIDTH, LENGTH, HEAD_HUE]", ex.getMessage());
    }

    @Test
    void encodingSpec_describe_namesEveryChosenChannelAndTheFixedOnes() {
        EncodingSpec s = EncodingSpec.builder().encodings(Encoding.OPACITY, Encoding.WIDTH).gamma(0.5).build();
        assertEquals("opacity 0.04–0.95 ∝ |w|^0.5; width 0.4–4 px ∝ |w|^0.5; fixed colour #1f3b73", s.describe(false));
        assertEquals("opacity+width", s.shortName());
    }
}
