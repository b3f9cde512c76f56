package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attnplanes.topology.persistence.Barcodes;
import org.junit.jupiter.api.Test;

/**
 * The small-plane fast path against the general engine: identical barcodes (values and order) on seeded inputs
 * of every size it handles, with and without ties, missing edges and thresholds.
 */
class SmallFlagEngineTest {

    /** Kinds of seeded inputs. */
    private enum Kind {
        UNIFORM, FEW_VALUES, ATTENTION, MISSING_EDGES, THRESHOLDED, SOFTMAX_ROWS, QUANTIZED_SOFTMAX
    }

    private static float[] input(Kind kind, int n, Random r) {
        if (kind == Kind.SOFTMAX_ROWS || kind == Kind.QUANTIZED_SOFTMAX) {
            return softmaxPlane(n, r, kind == Kind.QUANTIZED_SOFTMAX);
        }
        int m = n * (n - 1) / 2;
        float[] lower = new float[m];
        for (int k = 0; k < m; k++) {
            lower[k] = switch (kind) {
                case UNIFORM -> r.nextFloat();
                case FEW_VALUES -> r.nextInt(4) / 4f;
                case ATTENTION -> 1f - (float) Math.min(1.0, Math.exp(3 * r.nextGaussian() - 4));
                case MISSING_EDGES -> r.nextInt(3) == 0 ? Float.POSITIVE_INFINITY : r.nextInt(20) / 20f;
                case THRESHOLDED -> {
                    float v = r.nextFloat();
                    yield v > 0.6f ? Float.POSITIVE_INFINITY : v;
                }
                case SOFTMAX_ROWS, QUANTIZED_SOFTMAX -> throw new AssertionError(kind);
            };
        }
        return lower;
    }

    /**
     * A head's filtration {@code 1 − max(a_ij, a_ji)} of softmax rows with a few strong links per row (the shape of
     * real planes: most values crowd just below the enclosing radius); quantized to 1/32, most values tie.
     */
    private static float[] softmaxPlane(int n, Random r, boolean quantized) {
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                z[j] = Math.exp(r.nextGaussian() * 1.5 + (r.nextInt(6) == 0 ? 3 : 0));
                sum += z[j];
            }
            for (int j = 0; j < n; j++) {
                float w = (float) (z[j] / sum);
                a[i * n + j] = quantized ? Math.round(w * 32) / 32f : w;
            }
        }
        float[] lower = new float[n * (n - 1) / 2];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                lower[k++] = 1f - Math.max(a[i * n + j], a[j * n + i]);
            }
        }
        return lower;
    }

    private static void assertSame(float[] lower, int n, int maxDim, String what) {
        float[] copy = lower.clone();
        Barcodes general = RipsEngine.computeGeneral(lower, n, maxDim, 2, false, false);
        Barcodes fast = RipsEngine.compute(lower, n, maxDim, 2, false, false);
        assertEquals(general, fast, what);
        assertTrue(java.util.Arrays.equals(copy, lower), what + ": input modified");
    }

    @Test
    void compute_seededInputsOfEverySize_equalsGeneralEngine() {
        for (Kind kind : Kind.values()) {
            for (int n = 1; n <= SmallFlagEngine.MAX_VERTICES; n++) {
                for (int rep = 0; rep < (n < 16 ? 6 : 2); rep++) {
                    long seed = 1000L * n + 31L * rep + kind.ordinal();
                    float[] lower = input(kind, n, new Random(seed));
                    for (int dim = 0; dim <= 1; dim++) {
                        assertSame(lower, n, dim, kind + " n = " + n + " dim " + dim + " seed " + seed);
                    }
                }
            }
        }
    }

    /**
     * Inputs whose values are pairwise distinct: every pivot of {@link RankedColumn} is its lowest position (no tie
     * between edges to settle; the tied kinds above cover the other case); attention shapes and uniform values, many
     * seeds, every size.
     */
    @Test
    void compute_distinctValues_equalsGeneralEngine() {
        Random r = new Random(20261206L);
        int tested = 0;
        for (int rep = 0; rep < 600; rep++) {
            int n = 3 + r.nextInt(SmallFlagEngine.MAX_VERTICES - 2);
            Kind kind = rep % 3 == 0 ? Kind.UNIFORM : rep % 3 == 1 ? Kind.ATTENTION : Kind.SOFTMAX_ROWS;
            long seed = r.nextLong();
            float[] lower = input(kind, n, new Random(seed));
            if (java.util.Arrays.stream(toDoubles(lower)).distinct().count() < lower.length) {
                continue;
            }
            tested++;
            assertSame(lower, n, 1, kind + " n = " + n + " seed " + seed);
        }
        assertTrue(tested > 300, "distinct inputs tested: " + tested);
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            d[k] = v[k];
        }
        return d;
    }

    @Test
    void compute_cycleGraphs_giveOneEssentialOrFiniteBar() {
        // C_n with chords missing: beta1 = 1 forever (no threshold cut since rows have +inf)
        for (int n = 4; n <= 64; n += 5) {
            float[] lower = new float[n * (n - 1) / 2];
            java.util.Arrays.fill(lower, Float.POSITIVE_INFINITY);
            for (int i = 1; i < n; i++) {
                lower[i * (i - 1) / 2 + i - 1] = 0.5f;
            }
            lower[(n - 1) * (n - 2) / 2] = 0.5f;
            Barcodes b = RipsEngine.compute(lower, n, 1, 2, false, false);
            assertEquals(1, b.dimension(1).essentialCount(), "C_" + n);
            assertEquals(b, RipsEngine.computeGeneral(lower, n, 1, 2, false, false), "C_" + n);
        }
    }

    @Test
    void compute_manyThreadsAtOnce_eachGetsItsOwnWorkspace() throws Exception {
        List<float[]> inputs = new ArrayList<>();
        List<Barcodes> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int n = 10 + i % 50;
            float[] lower = input(Kind.ATTENTION, n, new Random(77 + i));
            inputs.add(lower);
            expected.add(RipsEngine.computeGeneral(lower, n, 1, 2, false, false));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Barcodes>> got = new ArrayList<>();
            for (int rep = 0; rep < 8; rep++) {
                for (int i = 0; i < inputs.size(); i++) {
                    int k = i;
                    got.add(pool.submit(() -> RipsEngine.compute(inputs.get(k), 10 + k % 50, 1, 2, false, false)));
                }
            }
            for (int g = 0; g < got.size(); g++) {
                assertEquals(expected.get(g % inputs.size()), got.get(g).get(), "input " + g % inputs.size()
                        + " (seed " + (77 + g % inputs.size()) + ")");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void applies_optionsTheFastPathDoesNotCover_false() {
        assertTrue(SmallFlagEngine.applies(10, 1, 2, false, false));
        assertFalse(SmallFlagEngine.applies(10, 2, 2, false, false), "dimension 2");
        assertFalse(SmallFlagEngine.applies(10, 1, 3, false, false), "Z/3");
        assertFalse(SmallFlagEngine.applies(10, 1, 2, true, false), "edge collapse");
        assertFalse(SmallFlagEngine.applies(10, 1, 2, false, true), "representatives");
        assertFalse(SmallFlagEngine.applies(65, 1, 2, false, false), "n = 65");
    }

    @Test
    void compute_negativeZeroValue_fallsBackToGeneralEngine() {
        float[] lower = input(Kind.FEW_VALUES, 12, new Random(9));
        lower[3] = -0.0f;
        lower[7] = 0.0f;
        assertEquals(null, SmallFlagEngine.local().compute(lower, 12, 1));
        assertSame(lower, 12, 1, "-0.0 and 0.0 ties");
    }
}
