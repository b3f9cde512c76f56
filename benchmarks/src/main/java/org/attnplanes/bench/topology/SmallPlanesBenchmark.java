package org.attnplanes.bench.topology;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.features.PatternDistances;
import org.attnplanes.topology.features.ThresholdGraphFeatures;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Warm per-plane cost of each stage of the per-plane analysis on real MiniLM head planes (32 license
 * sentences × 72 heads, n = 8–60 tokens; {@link SmallPlanes}). Every benchmark call processes the next plane of
 * the list (round robin), so a score is the mean over the real size distribution, in µs per plane.
 *
 * <ul>
 *   <li>{@code filtration}: {@link Filtration#fromPlane};</li>
 *   <li>{@code persistence}: {@link RipsPersistence} dimensions 0–1 of a ready filtration;</li>
 *   <li>{@code cliques}: threshold graphs and clique counts (k ≤ 4) at 5 thresholds;</li>
 *   <li>{@code graphFeatures}, {@code patternDistances}: the Kushnareva features;</li>
 *   <li>{@code analyze}: all of it, as {@code attnplanes analyze} does per plane.</li>
 * </ul>
 * The GUDHI peer on the same planes is timed by {@code benchmarks/scripts/small-planes-vs-gudhi.sh}.
 *
 * <p>Run: {@code scripts/bench SmallPlanesBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SmallPlanesBenchmark {

    private List<SmallPlanes.Item> items;
    private Filtration[] filtrations;
    private int next;
    private final RipsPersistence persistence = new RipsPersistence(1);
    private final BitsetCliqueCounter cliques = SmallPlanes.cliqueCounter();
    private final ThresholdGraphFeatures features = new ThresholdGraphFeatures();

    /** Captures 32 sentences and builds their planes and filtrations. */
    @Setup(Level.Trial)
    public void setUp() {
        items = SmallPlanes.capture(32);
        filtrations = new Filtration[items.size()];
        for (int i = 0; i < filtrations.length; i++) {
            filtrations[i] = Filtration.fromPlane(items.get(i).plane());
        }
    }

    private int nextPlane() {
        int i = next;
        next = i + 1 == filtrations.length ? 0 : i + 1;
        return i;
    }

    /** {@link Filtration#fromPlane}. */
    @Benchmark
    public Filtration filtration() {
        return Filtration.fromPlane(items.get(nextPlane()).plane());
    }

    /** Barcodes of dimensions 0 and 1. */
    @Benchmark
    public Barcodes persistence() {
        return persistence.compute(filtrations[nextPlane()]);
    }

    /** Threshold graphs and clique counts (k ≤ 4) at the 5 thresholds. */
    @Benchmark
    public void cliques(Blackhole bh) {
        Filtration f = filtrations[nextPlane()];
        for (double t : SmallPlanes.THRESHOLDS) {
            bh.consume(cliques.count(ThresholdGraph.of(f, 1f - (float) t, t)));
        }
    }

    /** The Kushnareva threshold-graph features (6 thresholds). */
    @Benchmark
    public Object graphFeatures() {
        return features.compute(items.get(nextPlane()).directed());
    }

    /** The Kushnareva pattern distances. */
    @Benchmark
    public Object patternDistances() {
        SmallPlanes.Item it = items.get(nextPlane());
        return PatternDistances.compute(it.directed(), it.tokens());
    }

    /** The whole per-plane analysis. */
    @Benchmark
    public double analyze() {
        return SmallPlanes.analyze(items.get(nextPlane()), persistence, cliques, features);
    }
}
