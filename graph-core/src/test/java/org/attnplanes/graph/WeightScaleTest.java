package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightScale.MinMax#applyToSums} (the default plane's flat loop) bit for bit against
 * {@link WeightScale.MinMax#apply} of each pair's sum, on seeded matrices of softmax-like and uniform values with
 * scales whose minimum and maximum are sums of the matrix (so 0 and 1 are hit exactly) or arbitrary.
 */
class WeightScaleTest {

    @Test
    void applyToSums_seededMatrices_equalsApplyPairByPair() {
        for (int rep = 0; rep < 60; rep++) {
            long seed = 4242L + rep;
            Random r = new Random(seed);
            int n = 2 + r.nextInt(63);
            float[] a = new float[n * n];
            for (int k = 0; k < a.length; k++) {
                a[k] = rep % 2 == 0 ? (float) Math.exp(-8 * r.nextDouble()) : r.nextFloat();
            }
            float min = Float.POSITIVE_INFINITY;
            float max = 0f;
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    float v = Math.abs(a[i * n + j] + a[j * n + i]);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (rep % 3 == 2) {
                min = min * 1.5f;
                max = max * 0.75f;
            }
            if (!(max > min)) {
                continue;
            }
            WeightScale.MinMax scale = new WeightScale.MinMax(min, max);
            float[] out = new float[n * (n - 1) / 2];
            scale.applyToSums(a, n, out);
            int k = 0;
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++, k++) {
                    float expected = scale.apply(a[i * n + j] + a[j * n + i]);
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[k]),
                            "seed " + seed + " (" + i + ", " + j + ")");
                }
            }
        }
    }
}
