package org.attnplanes.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Token;
import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.PatternDistances;
import org.attnplanes.topology.features.ThresholdGraphFeatures;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * The per-plane statistics of {@code planes.csv}, computed with the topology module: persistence barcodes
 * of the clique complex over the plane's normalized weights (edge enters at 1 − w), Betti numbers at the
 * chosen weight thresholds, k-clique counts, barcode summaries and the Kushnareva et al. 2021 features.
 *
 * <p>Columns, in order ({@code t} formatted by {@link ThresholdNames#format(double)}):
 * {@code betti<k>_t<t>} for k = 0..maxDim and each threshold; {@code cliques<k>_t<t>} for k = 2..maxClique (k = 2: edges);
 * per dimension k: {@code h<k>_bars} (all bars), {@code h<k>_total} (sum of finite lengths), {@code h<k>_max}
 * (longest finite bar), {@code h<k>_mean}, {@code h<k>_entropy} (persistence entropy of the finite bars, nats);
 * then the Kushnareva features (graph features at their six thresholds over the directed attention, and
 * distances to the attention patterns). Immutable and thread-safe.
 */
public final class PlaneStatistics {

    private final List<Double> thresholds;
    private final int maxDim;
    private final int maxClique;
    private final boolean features;
    private final RipsPersistence persistence;
    private final BitsetCliqueCounter cliques;
    private final ThresholdGraphFeatures graphFeatures = new ThresholdGraphFeatures();

    /**
     * @param thresholds weight thresholds in (0, 1] for Betti numbers and clique counts
     * @param maxDim     top homology dimension, 0..3
     * @param maxClique  largest clique size counted, ≥ 2 (k = 2 counts edges)
     * @param features   whether to add the Kushnareva features
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features) {
        this.thresholds = List.copyOf(thresholds);
        this.maxDim = maxDim;
        this.maxClique = maxClique;
        this.features = features;
        this.persistence = new RipsPersistence(maxDim);
        this.cliques = new BitsetCliqueCounter(maxClique, CliqueLimits.DEFAULT);
    }

    /** The weight thresholds. */
    public List<Double> thresholds() {
        return thresholds;
    }

    /** The top homology dimension. */
    public int maxDim() {
        return maxDim;
    }

    /** Settings for provenance ({@code topology.*}). */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("topology.filtration", "clique complex of the normalized plane weights; edge enters at 1 - w");
        m.put("topology.max_dim", Integer.toString(maxDim));
        m.put("topology.thresholds", thresholds.toString());
        m.put("topology.max_clique", Integer.toString(maxClique));
        m.put("topology.features", features ? "kushnareva2021" : "off");
        m.put("topology.persistence", persistence.toString());
        return m;
    }

    /** The barcodes of one plane (with representative cycles when {@code representatives}). */
    public Barcodes barcodes(Plane plane, boolean representatives) {
        RipsPersistence p = representatives ? persistence.withRepresentatives(true) : persistence;
        return p.compute(Filtration.fromPlane(plane));
    }

    /** Statistics of every plane of a graph built from {@code trace}, in plane order. */
    public List<PlaneRecord> analyze(int input, MultiPlanarGraph graph, AttentionTrace trace) {
        List<PlaneRecord> out = new ArrayList<>(graph.planes().size());
        for (Plane p : graph.planes()) {
            out.add(analyze(input, p, graph.tokens(), directedAttention(p, trace)));
        }
        return out;
    }

    /**
     * Statistics of one plane.
     *
     * @param directed the plane's directed (head-reduced) attention for the Kushnareva features, or null to skip
     *                 them
     */
    public PlaneRecord analyze(int input, Plane plane, List<Token> tokens, AttentionMatrix directed) {
        Objects.requireNonNull(plane, "plane");
        // one filtration decides both the barcodes and the clique graphs, so Betti numbers and clique counts
        // describe the same complex at every threshold (no float32/double tie splits)
        Filtration filtration = Filtration.fromPlane(plane);
        Barcodes bars = persistence.compute(filtration);
        Map<String, Double> stats = new LinkedHashMap<>();
        for (int k = 0; k <= maxDim; k++) {
            List<PersistenceInterval> dim = bars.intervals(k);
            for (double t : thresholds) {
                float r = 1f - (float) t;
                int alive = 0;
                for (PersistenceInterval iv : dim) {
                    if (iv.isAliveAt(r)) {
                        alive++;
                    }
                }
                stats.put(ThresholdNames.suffixed("betti" + k, t), (double) alive);
            }
        }
        if (maxClique >= 2) {
            for (double t : thresholds) {
                CliqueCounts c = cliques.count(ThresholdGraph.of(filtration, 1f - (float) t, t));
                for (int k = 2; k <= maxClique; k++) {
                    stats.put(ThresholdNames.suffixed("cliques" + k, t), (double) (k <= c.maxSize() ? c.count(k) : 0));
                }
            }
        }
        List<List<double[]>> exported = new ArrayList<>();
        for (int k = 0; k <= maxDim; k++) {
            List<PersistenceInterval> dim = bars.intervals(k);
            summarize(k, dim, stats);
            List<double[]> list = new ArrayList<>(dim.size());
            for (PersistenceInterval iv : dim) {
                list.add(new double[] {iv.birth(), iv.isEssential() ? Double.POSITIVE_INFINITY : iv.death()});
            }
            exported.add(list);
        }
        if (features && directed != null) {
            FeatureVector f = graphFeatures.compute(directed).concat(PatternDistances.compute(directed, tokens));
            stats.putAll(f.asMap());
        }
        return new PlaneRecord(input, plane.layer(), plane.headLabel(), plane.size(), stats, exported);
    }

    private static void summarize(int k, List<PersistenceInterval> dim, Map<String, Double> stats) {
        double total = 0;
        double max = 0;
        int finite = 0;
        for (PersistenceInterval iv : dim) {
            if (!iv.isEssential()) {
                double len = iv.length();
                total += len;
                max = Math.max(max, len);
                finite++;
            }
        }
        double entropy = 0;
        if (total > 0) {
            for (PersistenceInterval iv : dim) {
                if (!iv.isEssential() && iv.length() > 0) {
                    double p = iv.length() / total;
                    entropy -= p * Math.log(p);
                }
            }
        }
        stats.put("h" + k + "_bars", (double) dim.size());
        stats.put("h" + k + "_total", total);
        stats.put("h" + k + "_max", max);
        stats.put("h" + k + "_mean", finite == 0 ? 0 : total / finite);
        stats.put("h" + k + "_entropy", entropy);
    }

    /** The directed attention a plane was made from: the head's matrix, or the head-reduced one. */
    public static AttentionMatrix directedAttention(Plane plane, AttentionTrace trace) {
        if (plane.head().isPresent() && plane.size() == trace.tokenCount()) {
            return trace.attention(plane.layer(), plane.head().getAsInt());
        }
        int n = plane.size();
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = Math.max(0f, Math.min(1f, plane.attention(i, j)));
            }
        }
        return AttentionMatrix.of(n, a);
    }
}
