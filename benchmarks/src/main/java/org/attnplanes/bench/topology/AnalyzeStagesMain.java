package org.attnplanes.bench.topology;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.topology.PlaneTopology;
import org.attnplanes.topology.TopologyAnalyzer;
import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.clique.NestedCliqueCounts;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.features.BarcodeFeatures;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.PatternDistances;
import org.attnplanes.topology.features.ThresholdGraphFeatures;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.attnplanes.topology.stats.BarcodeStatistics;

/**
 * Where the statistics of {@code analyze} spend their time (issue 16): the corpus is captured once and its
 * graphs built with {@code analyze}'s default graph spec, then every stage of the default statistics is run over
 * all planes on one thread and its thread CPU time summed per stage, {@code ROUNDS} times (the last round is
 * printed, after warm-up); then the same stages back to back without clock reads, the whole
 * {@link TopologyAnalyzer} on the same planes (one thread; minus the stages back to back: its glue), and app's
 * {@link PlaneStatistics} (the analyzer plus each plane's row, {@code PlaneTopology} to {@code PlaneRecord}; minus the
 * analyzer: the rows).
 *
 * <pre>{@code AnalyzeStagesMain CORPUS [ROUNDS=3]}</pre>
 */
public final class AnalyzeStagesMain {

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    private AnalyzeStagesMain() {
    }

    /** Prints CPU seconds per stage. */
    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        lines.sort(Comparator.comparingInt(String::length));
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        List<MultiPlanarGraph> graphs = new ArrayList<>();
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().build())) {
            for (int i = 0; i < lines.size(); i += 8) {
                for (AttentionTrace t : model.capture(lines.subList(i, Math.min(lines.size(), i + 8)))) {
                    graphs.add(MultiPlanarGraph.build(t, spec));
                }
            }
        }
        List<Double> thresholds = List.of(0.5, 0.25, 0.1, 0.05);
        double[] ts = {0.5, 0.25, 0.1, 0.05};
        float[] values = new float[ts.length];
        for (int k = 0; k < ts.length; k++) {
            values[k] = 1f - (float) ts[k];
        }
        TopologyAnalyzer analyzer = new TopologyAnalyzer(new TopologyAnalyzer.Config(1, thresholds, 4,
                CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.SKIP, false, true, 1, FeatureReference.ATTNPLANES));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        RipsPersistence ph = new RipsPersistence(1);
        NestedCliqueCounts nested = new NestedCliqueCounts(values, 4);
        int[] edges = new int[values.length];
        PlaneStatistics rows = new PlaneStatistics(thresholds, 1, 4, true, false, 1, FeatureReference.ATTNPLANES);
        ThresholdGraphFeatures tgf = new ThresholdGraphFeatures();
        int planes = 0;
        for (MultiPlanarGraph g : graphs) {
            planes += g.planes().size();
        }
        for (int r = 0; r < rounds; r++) {
            Map<String, Long> ns = new LinkedHashMap<>();
            long sink = 0;
            for (MultiPlanarGraph g : graphs) {
                for (Plane p : g.planes()) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    Filtration f = Filtration.fromPlane(p, 0f);
                    long t1 = mx.getCurrentThreadCpuTime();
                    Barcodes b = ph.compute(f);
                    long t2 = mx.getCurrentThreadCpuTime();
                    sink += thresholdStats(f, b, values, nested, edges); // as TopologyAnalyzer does
                    long t3 = mx.getCurrentThreadCpuTime();
                    int n = p.size();
                    // as TopologyAnalyzer does: the plane's own storage (read only), a branch-free [+0, 1] check, and a
                    // clamped copy only when it fails
                    float[] a = p.readOnlyAttentionArray();
                    int outside = 0;
                    for (int k = 0; k < a.length; k++) {
                        int bits = Float.floatToRawIntBits(a[k]);
                        outside |= bits | (ONE_BITS - bits);
                    }
                    if (outside < 0) {
                        a = a.clone();
                    }
                    for (int k = 0; k < a.length && outside < 0; k++) {
                        float v = a[k];
                        if (!(v > 0f)) {
                            if (v != v) {
                                throw new IllegalArgumentException("NaN");
                            }
                            a[k] = 0f;
                        } else if (v > 1f) {
                            a[k] = 1f;
                        }
                    }
                    long t4 = mx.getCurrentThreadCpuTime();
                    sink += tgf.compute(n, a).toArray().length;
                    long t5 = mx.getCurrentThreadCpuTime();
                    // as the analyzer: is the plane's filtration the reference one (then its barcodes serve), else
                    // the reference barcodes straight from the attention (no filtration built)
                    sink += f.sameValuesAsWeights(n, a, BarcodeFeatures.LOWER_BOUND) ? 1 : 0;
                    long t6 = mx.getCurrentThreadCpuTime();
                    Barcodes rb = ph.computeFromWeights(n, a, BarcodeFeatures.LOWER_BOUND);
                    long t7 = mx.getCurrentThreadCpuTime();
                    sink += BarcodeFeatures.compute(rb).toArray().length;
                    long t8 = mx.getCurrentThreadCpuTime();
                    sink += PatternDistances.compute(n, a, g.tokens()).toArray().length;
                    long t9 = mx.getCurrentThreadCpuTime();
                    ns.merge("plane filtration", t1 - t0, Long::sum);
                    ns.merge("plane persistence H<=1", t2 - t1, Long::sum);
                    ns.merge("4 thresholds: graph + betti + cliques<=4", t3 - t2, Long::sum);
                    ns.merge("directed attention copy", t4 - t3, Long::sum);
                    ns.merge("threshold-graph features (6 t)", t5 - t4, Long::sum);
                    ns.merge("reference filtration (reuse test)", t6 - t5, Long::sum);
                    ns.merge("reference persistence H<=1", t7 - t6, Long::sum);
                    ns.merge("barcode features", t8 - t7, Long::sum);
                    ns.merge("pattern distances", t9 - t8, Long::sum);
                }
            }
            long t0 = mx.getCurrentThreadCpuTime();
            for (MultiPlanarGraph g : graphs) {
                sink += analyzer.analyze(g).size();
            }
            long whole = mx.getCurrentThreadCpuTime() - t0;
            // the same stages back to back without a clock read between them: what the analyzer adds is its glue
            t0 = mx.getCurrentThreadCpuTime();
            for (MultiPlanarGraph g : graphs) {
                for (Plane p : g.planes()) {
                    sink += bareStages(p, g, ph, tgf, nested, edges, values);
                }
            }
            long bare = mx.getCurrentThreadCpuTime() - t0;
            // analyze's rows (PlaneStatistics: the analyzer, then each plane's PlaneTopology into a PlaneRecord)
            t0 = mx.getCurrentThreadCpuTime();
            int input = 0;
            for (MultiPlanarGraph g : graphs) {
                sink += rows.analyze(++input, g).size();
            }
            long withRows = mx.getCurrentThreadCpuTime() - t0;
            // the rows alone, each graph's right after its analysis (as analyze converts them)
            long rowsOnly = 0;
            for (int i = 0; i < graphs.size(); i++) {
                // its own analyzer's planes: their feature-name lists are the ones its rows' columns were made for
                List<PlaneTopology> topology = rows.analyzer().analyze(graphs.get(i));
                t0 = mx.getCurrentThreadCpuTime();
                sink += rows.records(i + 1, graphs.get(i), topology).size();
                rowsOnly += mx.getCurrentThreadCpuTime() - t0;
            }
            System.out.printf("round %d: %d graphs, %d planes (sink %d)%n", r, graphs.size(), planes, sink);
            long sum = 0;
            for (Map.Entry<String, Long> e : ns.entrySet()) {
                System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", e.getKey(), e.getValue() / 1e9,
                        e.getValue() / 1e3 / planes);
                sum += e.getValue();
            }
            System.out.printf("  %-44s %7.3f s%n", "sum of stages", sum / 1e9);
            System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", "stages back to back, no clock reads", bare / 1e9,
                    bare / 1e3 / planes);
            System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", "TopologyAnalyzer.analyze (1 thread)", whole / 1e9,
                    whole / 1e3 / planes);
            System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", "  its glue (analyzer - back to back)",
                    (whole - bare) / 1e9, (whole - bare) / 1e3 / planes);
            System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", "PlaneStatistics.analyze (1 thread, rows)",
                    withRows / 1e9, withRows / 1e3 / planes);
            System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", "  app rows (PlaneStatistics - analyzer)",
                    (withRows - whole) / 1e9, (withRows - whole) / 1e3 / planes);
            System.out.printf("  %-44s %7.3f s  %6.1f us/plane%n", "app rows alone (PlaneTopology -> PlaneRecord)",
                    rowsOnly / 1e9, rowsOnly / 1e3 / planes);
        }
    }

    /** The statistics at analyze's thresholds as {@link TopologyAnalyzer} computes them on a plane of up to 64 tokens. */
    private static long thresholdStats(Filtration f, Barcodes b, float[] values, NestedCliqueCounts nested,
                                       int[] edges) {
        long sink = 0;
        if (f.size() <= 64) {
            CliqueCounts[] c = nested.count(f, edges);
            int[][] betti = BarcodeStatistics.bettiNumbers(b, values);
            for (int k = 0; k < values.length; k++) {
                sink += betti[k][0] + c[k].maxSize() + edges[k];
            }
            return sink;
        }
        double[] ts = new double[values.length];
        BitsetCliqueCounter counter = new BitsetCliqueCounter(4, CliqueLimits.DEFAULT);
        ThresholdGraph[] tgs = ThresholdGraph.of(f, values, ts);
        for (int k = 0; k < values.length; k++) {
            sink += BarcodeStatistics.bettiNumbers(b, values[k])[0] + counter.count(tgs[k]).maxSize();
        }
        return sink;
    }

    /** Every stage of one plane, in the analyzer's order, without clock reads. */
    private static long bareStages(Plane p, MultiPlanarGraph g, RipsPersistence ph, ThresholdGraphFeatures tgf,
                                   NestedCliqueCounts nested, int[] edges, float[] values) {
        Filtration f = Filtration.fromPlane(p, 0f);
        Barcodes b = ph.compute(f);
        long sink = thresholdStats(f, b, values, nested, edges);
        int n = p.size();
        float[] a = p.readOnlyAttentionArray();
        int outside = 0;
        for (int k = 0; k < a.length; k++) {
            int bits = Float.floatToRawIntBits(a[k]);
            outside |= bits | (ONE_BITS - bits);
        }
        if (outside < 0) {
            a = a.clone(); // the plane's storage is never written
            for (int k = 0; k < a.length; k++) {
                float v = a[k];
                if (!(v > 0f)) {
                    a[k] = 0f;
                } else if (v > 1f) {
                    a[k] = 1f;
                }
            }
        }
        sink += tgf.compute(n, a).toArray().length;
        sink += f.sameValuesAsWeights(n, a, BarcodeFeatures.LOWER_BOUND) ? 1 : 0;
        sink += BarcodeFeatures.compute(ph.computeFromWeights(n, a, BarcodeFeatures.LOWER_BOUND)).toArray().length;
        sink += PatternDistances.compute(n, a, g.tokens()).toArray().length;
        return sink;
    }
}
