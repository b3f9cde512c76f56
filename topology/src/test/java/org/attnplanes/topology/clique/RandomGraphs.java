package org.attnplanes.topology.clique;

import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;

/** Seeded random inputs for the clique tests. */
final class RandomGraphs {

    private RandomGraphs() {
    }

    /** Erdős–Rényi G(n, p). */
    static ThresholdGraph erdosRenyi(int n, double p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] s = new int[n * (n - 1) / 2];
        int[] t = new int[s.length];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (rnd.nextDouble() < p) {
                    s[m] = i;
                    t[m] = j;
                    m++;
                }
            }
        }
        return ThresholdGraph.fromEdges(n, java.util.Arrays.copyOf(s, m), java.util.Arrays.copyOf(t, m));
    }

    /** Symmetric i.i.d. U(0, 1) weights from a seeded hash of the unordered pair. */
    static ThresholdGraph.WeightFunction uniformSymmetric(long seed) {
        return (i, j) -> {
            long a = Math.min(i, j);
            long b = Math.max(i, j);
            long h = new SplittableRandom(seed * 1_000_003L + a * 65_537L + b).nextLong();
            return (h >>> 11) * 0x1.0p-53;
        };
    }

    /** Row softmax of N(0, sigma²) logits: an attention-like matrix with rows summing to 1. */
    static AttentionMatrix attentionLike(int n, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            double[] logits = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                logits[j] = sigma * gaussian(rnd);
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                logits[j] = Math.exp(logits[j] - max);
                sum += logits[j];
            }
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (float) (logits[j] / sum);
            }
        }
        return AttentionMatrix.of(n, a);
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
