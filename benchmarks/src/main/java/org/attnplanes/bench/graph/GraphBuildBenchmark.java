package org.attnplanes.bench.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Builds the multi-planar graph of a synthetic 12-layer × 12-head trace (row softmax of seeded Gaussian
 * logits) with MEAN reduction, SUM symmetrization and RESIDUAL links, either unpruned or top-8 pruned, and
 * compares it with {@link #copyBaseline}, which only copies every (layer, head) attention array.
 *
 * <p>Run: {@code scripts/bench GraphBuildBenchmark -prof gc}. The goals (issue 3) are: top-8 pruned build of
 * 512 tokens ≤ 3 × the copy baseline of 512 tokens; unpruned build of 256 tokens (≈ 390k edges) under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class GraphBuildBenchmark {

    /** Number of tokens n. */
    @Param({"256", "512"})
    public int tokens;

    private AttentionTrace trace;
    private GraphSpec unpruned;
    private GraphSpec pruned;

    /** Builds the synthetic trace (seed 42) and the two specs. */
    @Setup(Level.Trial)
    public void setUp() {
        trace = syntheticTrace(42, 12, 12, tokens);
        GraphSpec.Builder base = GraphSpec.builder().headReduction(HeadReduction.MEAN)
                .symmetrization(Symmetrization.SUM).links(LinkKind.RESIDUAL);
        unpruned = base.build();
        pruned = base.topK(8).build();
    }

    /** Baseline: copy every (layer, head) attention array of the trace. */
    @Benchmark
    public void copyBaseline(Blackhole bh) {
        for (int l = 0; l < trace.layers(); l++) {
            for (int h = 0; h < trace.heads(); h++) {
                bh.consume(trace.attention(l, h).toArray());
            }
        }
    }

    /** Unpruned build: every pair of tokens is an edge (n(n − 1)/2 per plane). */
    @Benchmark
    public MultiPlanarGraph buildUnpruned() {
        return MultiPlanarGraph.build(trace, unpruned);
    }

    /** Top-8 pruned build. */
    @Benchmark
    public MultiPlanarGraph buildTopK8() {
        return MultiPlanarGraph.build(trace, pruned);
    }

    /** A trace whose attention is the row softmax of N(0, 2²) logits. */
    static AttentionTrace syntheticTrace(long seed, int layers, int heads, int n) {
        Random rnd = new Random(seed);
        float[] data = new float[layers * heads * n * n];
        for (int p = 0; p < layers * heads; p++) {
            System.arraycopy(SoftmaxTraceGenerator.softmaxRows(n, 2, false, rnd), 0, data, p * n * n, n * n);
        }
        List<Token> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tokens.add(new Token("t" + i, 3 * i, 3 * i + 2, false, i));
        }
        return AttentionTrace.fromArray("", tokens, layers, heads, data, null, Map.of(),
                Provenance.synthetic("GraphBuildBenchmark seed " + seed));
    }
}
