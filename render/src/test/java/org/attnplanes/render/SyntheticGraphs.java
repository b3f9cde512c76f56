package org.attnplanes.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;

/** Seeded synthetic traces for render tests: every attention row is the softmax of random logits. */
public final class SyntheticGraphs {

    private SyntheticGraphs() {
    }

    /** A trace of {@code layers × heads × n} with row-softmax attention of N(0, scale²) logits. */
    public static AttentionTrace trace(int layers, int heads, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[layers * heads * n * n];
        double[] row = new double[n];
        for (int m = 0; m < layers * heads; m++) {
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    row[j] = gaussian(rnd) * 2.0;
                    max = Math.max(max, row[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = Math.exp(row[j] - max);
                    sum += row[j];
                }
                for (int j = 0; j < n; j++) {
                    data[(m * n + i) * n + j] = (float) (row[j] / sum);
                }
            }
        }
        List<Token> tokens = new ArrayList<>();
        tokens.add(Token.special("[CLS]", 0));
        for (int i = 1; i < n - 1; i++) {
            tokens.add(new Token("tok" + i, 4 * i, 4 * i + 3, false, i));
        }
        if (n > 1) {
            tokens.add(Token.special("[SEP]", n - 1));
        }
        Provenance p = Provenance.synthetic("synthetic-softmax seed " + seed);
        return AttentionTrace.fromArray("", tokens, layers, heads, data, null, Map.of(), p);
    }

    /** The graph of {@link #trace} under the given spec. */
    public static MultiPlanarGraph graph(int layers, int heads, int n, long seed, GraphSpec spec) {
        return MultiPlanarGraph.build(trace(layers, heads, n, seed), spec);
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
