package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.Token;
import org.junit.jupiter.api.Test;

/**
 * The row-major array entry points the analyzer uses (no copy of the plane's attention) give exactly what the
 * {@link AttentionMatrix} entry points give, and the threshold-graph statistics equal the adjacency-list reference
 * ({@link ThresholdGraphFeatures#generalStats}) at every threshold, on seeded attention-like matrices of 0 to 70
 * tokens (both sides of the 64-token bitset path), with thresholds unsorted and at 0 (and below, for the bitset rows).
 */
class ArrayInputsTest {

    private static float[] attentionLike(int n, SplittableRandom rnd) {
        float[] w = new float[n * n];
        for (int i = 0; i < w.length; i++) {
            int kind = rnd.nextInt(12);
            w[i] = kind == 0 ? 0.1f : kind == 1 ? 0f : kind == 2 ? 0.025f
                    : (float) Math.min(1.0, Math.exp(2.5 * rnd.nextGaussian() - 4));
        }
        return w;
    }

    private static List<Token> tokens(int n, SplittableRandom rnd) {
        String[] words = {"the", ",", ".", "cat", "!", "sat"};
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i == n - 1 ? Token.special("[SEP]", i) : new Token(words[rnd.nextInt(words.length)], i, i + 1,
                    false, i));
        }
        return out;
    }

    @Test
    void arrayEntryPoints_randomMatrices_equalMatrixEntryPointsAndReference() {
        List<Double> thresholds = List.of(0.5, 0.0, 0.1, 0.025, 0.75, 0.05);
        ThresholdGraphFeatures tgf = new ThresholdGraphFeatures(thresholds, 500);
        for (long seed = 1; seed <= 80; seed++) {
            SplittableRandom rnd = new SplittableRandom(4200 + seed);
            int n = (int) (seed % 71);
            float[] a = attentionLike(n, rnd);
            float[] copy = a.clone();
            AttentionMatrix m = AttentionMatrix.of(n, a);
            String msg = "seed " + seed + ", n = " + n;

            FeatureVector byArray = tgf.compute(n, a);
            assertArrayEquals(tgf.compute(m).toArray(), byArray.toArray(), msg);
            double[] v = byArray.toArray();
            for (int k = 0; k < thresholds.size(); k++) {
                ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.generalStats(m, thresholds.get(k), 500);
                double[] expected = {s.strongComponents(), s.edges(), s.averageDegree(), s.simpleCycles(),
                        s.components(), s.graphB1()};
                for (int f = 0; f < 6; f++) {
                    assertEquals(expected[f], v[6 * k + f], msg + ", t = " + thresholds.get(k) + ", feature " + f);
                }
            }

            assertEquals(BarcodeFeatures.filtration(m).valuesLowerTriangular().length,
                    BarcodeFeatures.filtration(n, a).valuesLowerTriangular().length, msg);
            assertArrayEquals(BarcodeFeatures.filtration(m).valuesLowerTriangular(),
                    BarcodeFeatures.filtration(n, a).valuesLowerTriangular(), msg);

            List<Token> tokens = tokens(n, rnd);
            assertArrayEquals(PatternDistances.compute(m, tokens).toArray(),
                    PatternDistances.compute(n, a, tokens).toArray(), msg);

            for (FeatureReference r : FeatureReference.values()) {
                assertArrayEquals(r.prepare(m).toArray(), r.prepare(n, a), msg + ", " + r);
            }
            assertArrayEquals(copy, a, "the array entry points only read: " + msg);
        }
    }

    @Test
    void bitsetPath_negativeAndSignedZeroWeights_decideLikeTheFloatComparison() {
        // the first threshold's rows compare raw bits when it is > 0: negative weights and -0 stay below it
        float[] a = {0f, -0f, -0.5f, 0.3f, Float.MIN_VALUE, 0.025f, 0.0249999f, -1e-30f, 1f};
        AttentionMatrix m = AttentionMatrix.of(3, a);
        for (List<Double> ts : List.of(List.of(0.025, Double.MIN_VALUE, 0.0, -0.5), List.of(0.3, Double.MIN_VALUE),
                List.of(Double.MIN_VALUE, 0.025, 1.0), List.of(0.0, 0.025))) {
            ThresholdGraphFeatures tgf = new ThresholdGraphFeatures(ts, 500);
            double[] v = tgf.compute(3, a).toArray();
            for (int k = 0; k < ts.size(); k++) {
                assertEquals(ThresholdGraphFeatures.generalStats(m, ts.get(k), 500).edges(), (int) v[6 * k + 1],
                        "t = " + ts.get(k) + " of " + ts);
            }
        }
    }

    /**
     * The attention filtrations (branch-free on raw bits) against the float definition {@code 1 − max(x, y)} with
     * {@code max <= bound} set to 0 and {@code max < minWeight} never entering, on seeded matrices full of ties:
     * exact 0, -0, 1, the bound itself and its float neighbours, for bounds above, at and below 0.
     */
    @Test
    void weightFiltrations_tiesAndSignedZeros_equalTheFloatDefinition() {
        float bound = BarcodeFeatures.LOWER_BOUND;
        float[] special = {0f, -0f, 1f, bound, Math.nextUp(bound), Math.nextDown(bound), 0.5f, Float.MIN_VALUE};
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(9100 + seed);
            int n = 1 + rnd.nextInt(40);
            float[] a = new float[n * n];
            for (int k = 0; k < a.length; k++) {
                a[k] = rnd.nextBoolean() ? special[rnd.nextInt(special.length)] : (float) rnd.nextDouble();
            }
            for (float zero : new float[] {bound, 0f, -0f, -1f, Float.NaN, 0.5f}) {
                for (float minWeight : new float[] {0f, 0.5f}) {
                    float[] got = org.attnplanes.topology.filtration.Filtration.fromWeights(n, a, minWeight, zero, "t")
                            .valuesLowerTriangular();
                    int k = 0;
                    for (int i = 1; i < n; i++) {
                        for (int j = 0; j < i; j++, k++) {
                            float x = a[i * n + j];
                            float y = a[j * n + i];
                            float w = x >= y ? x : y;
                            if (w <= zero) {
                                w = 0f;
                            }
                            float expected = w < minWeight ? Float.POSITIVE_INFINITY : 1f - w;
                            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got[k]),
                                    "seed " + seed + " (" + i + ", " + j + ") x " + x + " y " + y + " bound " + zero
                                            + " minWeight " + minWeight);
                        }
                    }
                }
            }
        }
    }

    /** The column patterns kept per token list follow a list that changes between calls (kept as a copy). */
    @Test
    void patternDistances_tokenListChangedBetweenCalls_followsTheChange() {
        SplittableRandom rnd = new SplittableRandom(77);
        int n = 6;
        float[] a = attentionLike(n, rnd);
        List<Token> tokens = new ArrayList<>(tokens(n, rnd));
        tokens.set(2, new Token("cat", 2, 3, false, 2));
        double[] before = PatternDistances.compute(n, a, tokens).toArray();
        assertArrayEquals(before, PatternDistances.compute(n, a, List.copyOf(tokens)).toArray());
        tokens.set(2, new Token(",", 2, 3, false, 2));
        double[] after = PatternDistances.compute(n, a, tokens).toArray();
        for (PatternDistances.Pattern p : PatternDistances.Pattern.values()) {
            assertEquals(PatternDistances.distance(AttentionMatrix.of(n, a), List.copyOf(tokens), p),
                    after[p.ordinal()], p.toString());
        }
    }

    @Test
    void arrayEntryPoints_wrongLength_failNamingLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ThresholdGraphFeatures().compute(3, new float[8]));
        assertEquals("rowMajor.length = 8 must be n² for n = 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PatternDistances.compute(2, new float[3], List.of()));
        assertEquals("rowMajor.length = 3 must be n² for n = 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BarcodeFeatures.filtration(2, new float[5]));
        assertEquals("a.length = 5 must be n² for n = 2", e.getMessage());
    }
}
