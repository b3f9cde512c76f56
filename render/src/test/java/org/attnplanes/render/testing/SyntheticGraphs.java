package org.attnplanes.render.testing;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;

/** Seeded synthetic traces for render tests ({@link SoftmaxTraceGenerator} with σ = 2) and their graphs. */
public final class SyntheticGraphs {

    private SyntheticGraphs() {
    }

    /** A trace of {@code layers × heads × n} with row-softmax attention of N(0, 2²) logits. */
    public static AttentionTrace trace(int layers, int heads, int n, long seed) {
        return new SoftmaxTraceGenerator(layers, heads, n, 2.0).generate(seed);
    }

    /** The graph of {@link #trace} under the given spec. */
    public static MultiPlanarGraph graph(int layers, int heads, int n, long seed, GraphSpec spec) {
        return MultiPlanarGraph.build(trace(layers, heads, n, seed), spec);
    }
}
