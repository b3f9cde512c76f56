package org.attnplanes.topology.clique;

import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;

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
        return AttentionMatrix.of(n, SoftmaxTraceGenerator.softmaxRows(n, sigma, false, new SplittableRandom(seed)));
    }
}
