package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link AttentionMatrix#ofProbabilityRows}: the one-pass check of capture (rows sum to 1, values in [0, 1]) against
 * a brute-force check in double precision, on seeded random planes with planted faults.
 */
class ProbabilityRowsTest {

    private static final double TOL = 1e-3;

    /** What the one-pass check must report: -1 = accepted, else the row; kind 's' (sum) or 'r' (range). */
    private record Verdict(int row, char kind) {
    }

    private static Verdict bruteForce(float[] p, int n) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            boolean range = true;
            for (int j = 0; j < n; j++) {
                float w = p[i * n + j];
                s += w;
                range &= w >= 0f && w <= AttentionTrace.MAX_PROBABILITY;
            }
            if (!(Math.abs(s - 1) <= TOL)) {
                return new Verdict(i, 's');
            }
            if (!range) {
                return new Verdict(i, 'r');
            }
        }
        return new Verdict(-1, ' ');
    }

    @Test
    void randomPlanesWithPlantedFaults_sameVerdictAsBruteForce() {
        Random rnd = new Random(20261206L);
        int accepted = 0;
        int[] faults = new int[5];
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rnd.nextInt(trial % 10 == 0 ? 300 : 40);
            float[] p = new float[n * n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] e = new double[n];
                for (int j = 0; j < n; j++) {
                    e[j] = Math.exp(rnd.nextGaussian() * 3);
                    s += e[j];
                }
                for (int j = 0; j < n; j++) {
                    p[i * n + j] = (float) (e[j] / s);
                }
            }
            int fault = rnd.nextInt(6);         // 0: none
            int row = rnd.nextInt(n);
            int col = rnd.nextInt(n);
            switch (fault) {
                case 1 -> p[row * n + col] += 0.01f + rnd.nextFloat();             // row sum too large
                case 2 -> p[row * n + col] = Float.NaN;                            // NaN
                case 3 -> {                                                         // negative, sum kept at 1
                    if (n > 1) {
                        int other = (col + 1) % n;
                        p[row * n + col] -= 0.5f;
                        p[row * n + other] += 0.5f;
                    }
                }
                case 4 -> {                                                         // one value above 1, sum 1
                    if (n > 1) {
                        int other = (col + 1) % n;
                        p[row * n + col] = 1.5f;
                        p[row * n + other] = -0.5f - (rowSumWithout(p, n, row, col, other) - 0f);
                    }
                }
                case 5 -> p[row * n + col] += 2e-5f;                               // tiny: still accepted
                default -> { }
            }
            Verdict expected = bruteForce(p, n);
            float[] copy = p.clone();
            if (expected.row() < 0) {
                AttentionMatrix m = AttentionMatrix.ofProbabilityRows(n, p, TOL);
                assertEquals(n, m.size());
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(copy[i * n + j], m.weight(i, j));
                    }
                }
                accepted++;
            } else if (expected.kind() == 's') {
                AttentionMatrix.RowSumException e = assertThrows(AttentionMatrix.RowSumException.class,
                        () -> AttentionMatrix.ofProbabilityRows(n, p, TOL), "trial " + trial);
                assertEquals(expected.row(), e.row(), "trial " + trial);
                faults[fault]++;
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> AttentionMatrix.ofProbabilityRows(n, p, TOL), "trial " + trial);
                assertTrue(!(e instanceof AttentionMatrix.RowSumException), e.getMessage());
                assertTrue(e.getMessage().startsWith("weight[" + expected.row() + "]["), e.getMessage());
                faults[fault]++;
            }
        }
        assertTrue(accepted > 500, "accepted " + accepted);
        for (int f = 1; f <= 4; f++) {
            assertTrue(faults[f] > 50, "fault kind " + f + " was refused only " + faults[f] + " times");
        }
    }

    private static float rowSumWithout(float[] p, int n, int row, int a, int b) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            if (j != a && j != b) {
                s += p[row * n + j];
            }
        }
        return (float) s;
    }

    /**
     * The fast path's proof (no sign bit + computed sum below MAX_PROBABILITY minus the rounding bound ⇒ every value
     * ≤ MAX_PROBABILITY): rows of non-negative values whose largest is near MAX_PROBABILITY, and rows with −0, get the
     * element-wise verdict, through both the in-place and the copying check.
     */
    @Test
    void valuesNearTheUpperBoundAndNegativeZero_sameVerdictAsBruteForce() {
        Random rnd = new Random(4_096L);
        int refused = 0;
        int accepted = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rnd.nextInt(trial % 7 == 0 ? 700 : 60);
            float[] p = new float[n * n];
            int near = rnd.nextInt(n);     // the one row whose largest value may pass MAX_PROBABILITY
            for (int i = 0; i < n; i++) {
                int top = rnd.nextInt(n);
                float big = (float) (1 - 2e-4 + rnd.nextDouble() * (i == near ? 5e-4 : 2e-4));   // ≤ 1.0003 / ≤ 1
                float rest = n > 1 ? (float) (rnd.nextDouble() * 3e-4 / (n - 1)) : 0f;
                for (int j = 0; j < n; j++) {
                    p[i * n + j] = j == top ? big : rnd.nextInt(5) == 0 ? -0f : rest;
                }
            }
            Verdict expected = bruteForce(p, n);
            java.nio.FloatBuffer direct = java.nio.ByteBuffer.allocateDirect(4 * n * n)
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().put(p);
            if (expected.row() < 0) {
                assertEquals(n, AttentionMatrix.ofProbabilityRows(n, p.clone(), TOL).size());
                assertEquals(n, AttentionMatrix.copyProbabilityRows(n, direct, 0, n, TOL).size());
                accepted++;
            } else {
                for (int path = 0; path < 2; path++) {
                    int k = path;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                        if (k == 0) {
                            AttentionMatrix.ofProbabilityRows(n, p.clone(), TOL);
                        } else {
                            AttentionMatrix.copyProbabilityRows(n, direct, 0, n, TOL);
                        }
                    }, "trial " + trial);
                    String want = expected.kind() == 's' ? "row " + expected.row() + " " : "weight[" + expected.row() + "][";
                    assertTrue(e.getMessage().startsWith(want), e.getMessage() + " / " + expected);
                }
                refused++;
            }
        }
        assertTrue(accepted > 500 && refused > 500, accepted + " accepted, " + refused + " refused");
    }

    @Test
    void shapeErrors() {
        assertThrows(IllegalArgumentException.class, () -> AttentionMatrix.ofProbabilityRows(2, new float[3], TOL));
        assertThrows(IllegalArgumentException.class, () -> AttentionMatrix.ofProbabilityRows(-1, new float[0], TOL));
        assertEquals(0, AttentionMatrix.ofProbabilityRows(0, new float[0], TOL).size());
    }
}
