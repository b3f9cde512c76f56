package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PairKeys#load} against a per-value brute force: every pair's key, and the threshold and closing value from
 * the enclosing radius, on seeded triangles of every size with and without NaN values (which PairKeys finds from
 * the row maxima of the bits, not per value, and then takes the radius from its float loop: a maximum is NaN once a
 * NaN is met along a row, the column side ignores it, the minimum over rows keeps a NaN).
 */
class PairKeysTest {

    @Test
    void load_seededTrianglesWithAndWithoutNaN_matchesBruteForce() {
        PairKeys pairs = new PairKeys();
        for (int n = 2; n <= SmallFlagEngine.MAX_VERTICES; n++) {
            for (int rep = 0; rep < 4; rep++) {
                long seed = 991L * n + rep;
                Random r = new Random(seed);
                float[] lower = new float[n * (n - 1) / 2];
                for (int k = 0; k < lower.length; k++) {
                    lower[k] = r.nextInt(8) == 0 ? Float.POSITIVE_INFINITY : r.nextFloat();
                }
                for (int k = 0; k < rep; k++) {
                    lower[r.nextInt(lower.length)] = Float.NaN;
                }
                String what = "n = " + n + " seed " + seed;
                long[] keys = new long[lower.length];
                assertTrue(pairs.load(lower, n, keys), what);
                int k = 0;
                for (int i = 1; i < n; i++) {
                    for (int j = 0; j < i; j++, k++) {
                        assertEquals(FiltrationSort.key(lower[k], (i << 6) | j), keys[k], what + " key " + k);
                    }
                }
                float radius = bruteForceRadius(lower, n);
                float threshold = radius > 0f && radius != Float.POSITIVE_INFINITY ? Math.nextDown(radius)
                        : Math.min(radius, Float.MAX_VALUE);
                float closeAt = radius > 0f && radius != Float.POSITIVE_INFINITY ? radius : Float.NaN;
                assertEquals(Float.floatToRawIntBits(threshold), Float.floatToRawIntBits(pairs.threshold), what);
                assertEquals(Float.floatToRawIntBits(closeAt), Float.floatToRawIntBits(pairs.closeAt), what);
            }
        }
    }

    /** The radius with the float comparisons of the general path, value by value. */
    private static float bruteForceRadius(float[] lower, int n) {
        boolean nan = false;
        for (float v : lower) {
            nan |= v != v;
        }
        float[] rowMax = new float[n];
        int k = 0;
        for (int i = 1; i < n; i++) {
            float mi = 0f;
            for (int j = 0; j < i; j++) {
                float v = lower[k++];
                mi = nan ? (v > mi || v != v ? v : mi) : Math.max(mi, v);
                if (v > rowMax[j]) {
                    rowMax[j] = v;
                }
            }
            rowMax[i] = Math.max(rowMax[i], mi);
        }
        float radius = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            radius = Math.min(radius, rowMax[i]);
        }
        return radius;
    }
}
