package org.attnplanes.topology.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attnplanes.topology.filtration.Filtration;
import org.junit.jupiter.api.Test;

/**
 * {@link RipsPersistence#computeFromWeights} (the small-plane engine reading the weights straight into its matrix)
 * against {@link RipsPersistence#compute} of the built {@link Filtration#fromWeights} filtration, and
 * {@link Filtration#sameValuesAsWeights} against {@link Filtration#sameValues} of that filtration, on seeded
 * attention-shaped matrices of 1 to 70 tokens (past the fast path's 64) with exact zeros, ones, -0.0, weights at
 * and around the zeroing bound, and quantized ties.
 */
class RipsPersistenceFromWeightsTest {

    private static float[] attention(int n, Random r) {
        float[] a = new float[n * n];
        boolean quantized = r.nextInt(4) == 0;
        for (int i = 0; i < n; i++) {
            double[] z = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                z[j] = Math.exp(r.nextGaussian() * 2 + (r.nextInt(5) == 0 ? 3 : 0));
                sum += z[j];
            }
            for (int j = 0; j < n; j++) {
                float w = (float) (z[j] / sum);
                switch (r.nextInt(40)) {
                    case 0 -> w = 0f;
                    case 1 -> w = -0f;
                    case 2 -> w = 1f;
                    case 3 -> w = 1e-3f;
                    case 4 -> w = Math.nextUp(1e-3f);
                    default -> w = quantized ? Math.round(w * 16) / 16f : w;
                }
                a[i * n + j] = w;
            }
        }
        return a;
    }

    @Test
    void computeFromWeights_seededAttention_equalsComputeOfTheFiltration() {
        float[] bounds = {1e-3f, 0f, -1f, 0.05f};
        for (int n = 1; n <= 70; n++) {
            for (int rep = 0; rep < (n < 20 ? 4 : 2); rep++) {
                long seed = 97L * n + rep;
                float[] a = attention(n, new Random(seed));
                float bound = bounds[(n + rep) % bounds.length];
                for (int dim = 0; dim <= 2; dim++) {
                    RipsPersistence ph = new RipsPersistence(dim);
                    Barcodes expected = ph.compute(Filtration.fromWeights(n, a, 0f, bound, "x"));
                    assertEquals(expected, ph.computeFromWeights(n, a, bound),
                            "n = " + n + " dim " + dim + " bound " + bound + " seed " + seed);
                }
            }
        }
    }

    @Test
    void computeFromWeights_weightOutsideUnitInterval_throwsAsTheFiltration() {
        for (float bad : new float[] {-0.25f, 1.5f, Float.NaN, Math.nextUp(1f)}) {
            // otherwise valid weights without -0 (which alone would send the input to the filtration)
            float[] a = new float[12 * 12];
            java.util.Arrays.fill(a, 1f / 12);
            a[3 * 12 + 7] = bad;
            IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                    () -> Filtration.fromWeights(12, a, 0f, 1e-3f, "x"));
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> new RipsPersistence(1).computeFromWeights(12, a, 1e-3f));
            assertEquals(e1.getMessage(), e2.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new RipsPersistence(1).computeFromWeights(3, new float[8],
                0f));
    }

    @Test
    void sameValuesAsWeights_seededPairs_equalsSameValuesOfTheFiltration() {
        for (int n = 0; n <= 40; n++) {
            for (int rep = 0; rep < 6; rep++) {
                long seed = 1009L * n + rep;
                Random r = new Random(seed);
                float[] a = attention(n, r);
                float bound = rep % 2 == 0 ? 1e-3f : 0f;
                Filtration reference = Filtration.fromWeights(n, a, 0f, bound, "x");
                Filtration other = switch (rep % 3) {
                    case 0 -> reference; // equal
                    case 1 -> Filtration.fromWeights(n, perturbed(a, r), 0f, bound, "x");
                    default -> n > 1 ? reference.withThreshold(0.9f) : reference;
                };
                assertEquals(other.sameValues(reference), other.sameValuesAsWeights(n, a, bound),
                        "n = " + n + " rep " + rep + " seed " + seed);
            }
        }
        float[] a = attention(5, new Random(3));
        assertEquals(false, Filtration.fromWeights(5, a, 0f, 0f, "x").sameValuesAsWeights(4, a, 0f), "size");
    }

    private static float[] perturbed(float[] a, Random r) {
        float[] b = a.clone();
        if (b.length > 1) {
            int k = r.nextInt(b.length);
            b[k] = b[k] > 0.5f ? b[k] - 0.25f : b[k] + 0.25f;
        }
        return b;
    }
}
