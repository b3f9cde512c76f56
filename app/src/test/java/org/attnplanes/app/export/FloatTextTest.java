package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link FloatText} writes exactly {@link Float#toString(float)} of the running JDK for floats in [0.001, 1) (or
 * nothing, for the JDK to write): on the edges of the range and of every binade and decade, on 2 M seeded floats
 * (uniform over the range's bit patterns and over its values, and bar ends 1 − w), on every 37th float of the
 * range and, with {@code -Dattnplanes.test.exhaustive=true}, on every float of the range (≈ 2 min).
 */
class FloatTextTest {

    private static final int FROM = Float.floatToRawIntBits(1e-3f);
    private static final int TO = Float.floatToRawIntBits(1f);

    @Test
    void edgesAndSeededFloats_sameTextAsTheJdk() {
        float[] edges = {1e-3f, Math.nextUp(1e-3f), Math.nextDown(1e-3f), 0.01f, Math.nextUp(0.01f),
            Math.nextDown(0.01f), 0.1f, Math.nextUp(0.1f), Math.nextDown(0.1f), Math.nextDown(1f), 0.5f, 0.25f,
            0.125f, 0.0625f, 0.03125f, 0.015625f, 0.0078125f, 0.00390625f, 0.001953125f, 0.9999999f, 0.99999994f,
            0.3f, 0.7f, 1f, 0f, -0.5f, 2f, Float.NaN, Float.MIN_VALUE, 1e-4f};
        byte[] out = new byte[FloatText.MAX_BYTES + 8];
        for (float f : edges) {
            check(f, out, "edge");
        }
        for (int binade = 117; binade < 127; binade++) {       // every power of two of the range and its neighbours
            float p = Float.intBitsToFloat(binade << 23);
            check(p, out, "power of two");
            check(Math.nextUp(p), out, "above a power of two");
            check(Math.nextDown(p), out, "below a power of two");
        }
        long seed = 1016L;
        SplittableRandom rnd = new SplittableRandom(seed);
        int handled = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float f = switch (i % 3) {
                case 0 -> Float.intBitsToFloat(rnd.nextInt(FROM, TO));
                case 1 -> (float) rnd.nextDouble(1e-3, 1);
                default -> 1f - (float) rnd.nextDouble();
            };
            handled += check(f, out, "seed " + seed + ", value " + i) ? 1 : 0;
        }
        assertTrue(handled > 1_990_000, "only " + handled + " of 2 M written without the JDK");
    }

    /** Every 37th float of the range (2.3 M), or with {@code -Dattnplanes.test.exhaustive=true} every one. */
    @Test
    void everyFloatOfTheRange_sameTextAsTheJdk() {
        int stride = Boolean.getBoolean("attnplanes.test.exhaustive") ? 1 : 37;
        byte[] out = new byte[FloatText.MAX_BYTES + 3];
        long handled = 0;
        for (int b = FROM; b < TO; b += stride) {
            handled += check(Float.intBitsToFloat(b), out, "every float") ? 1 : 0;
        }
        assertTrue(handled > (TO - FROM) / stride - 200, handled + " written without the JDK");
        System.out.println("FloatText: " + ((TO - FROM + stride - 1) / stride) + " floats (stride " + stride + "), "
                + handled + " written without the JDK, each as Float.toString");
    }

    /** Whether FloatText wrote f; when it did, asserts the text is the JDK's. */
    private static boolean check(float f, byte[] out, String what) {
        int end = FloatText.unitInterval(f, out, 3);
        if (end < 0) {
            return false;
        }
        assertEquals(Float.toString(f), new String(out, 3, end - 3, StandardCharsets.US_ASCII), what + ": " + f);
        return true;
    }
}
