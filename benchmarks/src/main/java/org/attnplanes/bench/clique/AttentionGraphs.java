package org.attnplanes.bench.clique;

import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.topology.clique.ThresholdGraph;

/**
 * Seeded attention-like inputs shared by the clique benchmarks: row softmax of N(0, σ²) logits (σ = 2, a
 * BERT-like spread, the note's "kush" kind), thresholded on {@code max(A, Aᵀ) >= t}.
 */
public final class AttentionGraphs {

    private AttentionGraphs() {
    }

    /** Row softmax of N(0, sigma²) logits, seeded. */
    public static AttentionMatrix attention(int n, double sigma, long seed) {
        return AttentionMatrix.of(n, SoftmaxTraceGenerator.softmaxRows(n, sigma, false, new SplittableRandom(seed)));
    }

    /** The threshold graph of {@link #attention} at {@code t}. */
    public static ThresholdGraph graph(int n, double t, long seed) {
        return ThresholdGraph.of(attention(n, 2.0, seed), t);
    }
}
