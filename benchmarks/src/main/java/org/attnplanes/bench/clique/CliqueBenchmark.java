package org.attnplanes.bench.clique;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.MaximalCliqueStats;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.jgrapht.Graph;
import org.jgrapht.alg.clique.DegeneracyBronKerboschCliqueFinder;
import org.jgrapht.alg.clique.PivotBronKerboschCliqueFinder;
import org.jgrapht.graph.DefaultEdge;
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

/**
 * Clique statistics of one attention-like threshold graph: our {@link BitsetCliqueCounter} (k-clique counts
 * for every k, and maximal cliques) against JGraphT's Bron–Kerbosch maximal-clique enumeration (Tomita pivot,
 * and the degeneracy variant) on the same graph in the same run. JGraphT cannot count non-maximal cliques, so
 * its enumeration of the maximal cliques (less output than all k-cliques) is the baseline.
 *
 * <p>Run: {@code scripts/bench CliqueBenchmark -f 1 -wi 3 -i 5}. The setup checks that both sides find
 * the same number of maximal cliques.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CliqueBenchmark {

    /** {@code n:threshold} of the attention-like graph (seed 1, σ = 2, max-symmetrized). */
    @Param({"128:0.05", "128:0.02", "128:0.01", "256:0.01", "256:0.005", "512:0.005"})
    public String graphCase;

    private ThresholdGraph graph;
    private Graph<Integer, DefaultEdge> jgraph;
    private BitsetCliqueCounter counter;

    /** Builds both graphs (outside the timed region) and checks the sides agree. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = graphCase.split(":");
        graph = AttentionGraphs.graph(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), 1);
        jgraph = graph.toJGraphT();
        counter = new BitsetCliqueCounter();
        MaximalCliqueStats ours = counter.maximalCliques(graph);
        long theirs = 0;
        int omega = 0;
        for (Set<Integer> c : new PivotBronKerboschCliqueFinder<>(jgraph)) {
            theirs++;
            omega = Math.max(omega, c.size());
        }
        if (ours.count() != theirs || ours.cliqueNumber() != omega
                || counter.count(graph).largestSize() != omega) {
            throw new IllegalStateException("maximal cliques disagree on " + graphCase + ": ours " + ours
                    + ", JGraphT " + theirs + " (ω = " + omega + ")");
        }
        System.out.println("# " + graphCase + ": " + graph + ", " + counter.count(graph) + ", " + ours);
    }

    /** Ours: k-clique counts for all k (Pivoter succinct clique tree, bitsets). */
    @Benchmark
    public long bitsetCountAllSizes() {
        return counter.count(graph).count(3);
    }

    /** Ours: maximal cliques (Bron–Kerbosch, Tomita pivot, degeneracy order, bitsets). */
    @Benchmark
    public long bitsetMaximalCliques() {
        return counter.maximalCliques(graph).count();
    }

    /** Baseline: JGraphT PivotBronKerboschCliqueFinder, iterating every maximal clique. */
    @Benchmark
    public long jgraphtPivotBronKerbosch() {
        long c = 0;
        for (Set<Integer> clique : new PivotBronKerboschCliqueFinder<>(jgraph)) {
            c += clique.size();
        }
        return c;
    }

    /** Baseline: JGraphT DegeneracyBronKerboschCliqueFinder, iterating every maximal clique. */
    @Benchmark
    public long jgraphtDegeneracyBronKerbosch() {
        long c = 0;
        for (Set<Integer> clique : new DegeneracyBronKerboschCliqueFinder<>(jgraph)) {
            c += clique.size();
        }
        return c;
    }
}
