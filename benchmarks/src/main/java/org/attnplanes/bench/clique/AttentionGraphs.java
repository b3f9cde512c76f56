package org.attnplanes.bench.clique;

import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Seeded attention-like inputs shared by the clique benchmarks: row softmax of N(0, σ²) logits (σ = 2, a
 * BERT-like spread, the note's "kush" kind), thresholded on {@code max(A, Aᵀ) >= t}.
 */
public final class AttentionGraphs {

    private AttentionGraphs() {
    }

    /** Row softmax of N(0, sigma²) logits, seeded. */
    public static AttentionMatrix attention(int n, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[n * n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double u = 1.0 - rnd.nextDouble();
                double v = rnd.nextDouble();
                row[j] = sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
                max = Math.max(max, row[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                row[j] = Math.exp(row[j] - max);
                sum += row[j];
            }
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (float) (row[j] / sum);
            }
        }
        return AttentionMatrix.of(n, a);
    }

    /** The threshold graph of {@link #attention} at {@code t}. */
    public static ThresholdGraph graph(int n, double t, long seed) {
        return ThresholdGraph.of(attention(n, 2.0, seed), t);
    }

    /** The same graph as a JGraphT {@code SimpleGraph} (the baseline's input). */
    public static Graph<Integer, DefaultEdge> toJGraphT(ThresholdGraph g) {
        Graph<Integer, DefaultEdge> jg = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < g.size(); v++) {
            jg.addVertex(v);
        }
        for (int v = 0; v < g.size(); v++) {
            for (int u : g.neighbours(v)) {
                if (u > v) {
                    jg.addEdge(v, u);
                }
            }
        }
        return jg;
    }
}
