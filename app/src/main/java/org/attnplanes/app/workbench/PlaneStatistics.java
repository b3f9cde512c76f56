package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.StatsMap;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.topology.PlaneTopology;
import org.attnplanes.topology.TopologyAnalyzer;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.attnplanes.topology.stats.BarcodeStatistics;

/**
 * The per-plane statistics of {@code planes.csv}: the rows the app writes, computed by the topology module's
 * {@link TopologyAnalyzer} (planes of one graph in parallel on {@code threads} workers). The filtration is the
 * clique complex of the plane's normalized weights (an edge enters at 1 − w, float32); Betti numbers and clique
 * counts at a threshold t both describe the complex of the edges with {@code w >= t}.
 *
 * <p>Columns, in order, the same for every plane of one configuration ({@code t} formatted by
 * {@link ThresholdNames#format(double)}):
 * <ol>
 *   <li>{@code betti<k>_t<t>} for k = 0..maxDim and each threshold;</li>
 *   <li>{@code cliques<k>_t<t>} for k = 2..maxClique and each threshold (k = 2: edges); when the clique
 *       budget ({@link CliqueLimits#DEFAULT}) is exceeded the cells are NaN;</li>
 *   <li>with maximal cliques: {@code maxcliques_t<t>} (number of maximal cliques) and
 *       {@code clique_number_t<t>};</li>
 *   <li>per dimension k: {@code h<k>_bars} (all bars), {@code h<k>_essential}, {@code h<k>_total} (sum of
 *       finite lengths), {@code h<k>_max}, {@code h<k>_mean} (of finite bars) and {@code h<k>_entropy}
 *       (persistence entropy of the finite bars, nats);</li>
 *   <li>with features: the Kushnareva et al. 2021 features of the plane's directed (head-reduced) attention:
 *       threshold-graph features, barcode features and distances to the attention patterns.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class PlaneStatistics {

    private final List<Double> thresholds;
    private final int maxDim;
    private final int maxClique;
    private final boolean features;
    private final boolean maximalCliques;
    private final TopologyAnalyzer analyzer;
    private final RipsPersistence persistence;
    private final List<String> fixedNames;
    private volatile StatsMap.Columns schema;

    /**
     * Statistics computed on one thread per call, without maximal cliques.
     *
     * @see #PlaneStatistics(List, int, int, boolean, boolean, int)
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features) {
        this(thresholds, maxDim, maxClique, features, false, 1);
    }

    /**
     * @param thresholds     weight thresholds in (0, 1] for Betti numbers and clique counts
     * @param maxDim         top homology dimension, 0..3
     * @param maxClique      largest clique size counted, ≥ 2 (k = 2 counts edges)
     * @param features       whether to add the Kushnareva features
     * @param maximalCliques whether to enumerate maximal cliques at every threshold
     * @param threads        workers for the planes of one graph, ≥ 1
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                           boolean maximalCliques, int threads) {
        this.thresholds = List.copyOf(thresholds);
        this.maxDim = maxDim;
        this.maxClique = Math.max(2, maxClique);
        this.features = features;
        this.maximalCliques = maximalCliques;
        this.analyzer = new TopologyAnalyzer(new TopologyAnalyzer.Config(maxDim, this.thresholds, this.maxClique,
                CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.SKIP, maximalCliques, features, threads));
        this.persistence = new RipsPersistence(maxDim);
        List<String> fixed = new ArrayList<>();
        for (int k = 0; k <= maxDim; k++) {
            for (double t : this.thresholds) {
                fixed.add(ThresholdNames.suffixed("betti" + k, t));
            }
        }
        for (double t : this.thresholds) {
            for (int k = 2; k <= this.maxClique; k++) {
                fixed.add(ThresholdNames.suffixed("cliques" + k, t));
            }
        }
        if (maximalCliques) {
            for (double t : this.thresholds) {
                fixed.add(ThresholdNames.suffixed("maxcliques", t));
                fixed.add(ThresholdNames.suffixed("clique_number", t));
            }
        }
        for (int k = 0; k <= maxDim; k++) {
            for (String s : List.of("bars", "essential", "total", "max", "mean", "entropy")) {
                fixed.add("h" + k + "_" + s);
            }
        }
        this.fixedNames = List.copyOf(fixed);
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
        m.put("topology.filtration", "clique complex of the normalized plane weights; edge enters at 1 - w (float32)");
        m.put("topology.max_dim", Integer.toString(maxDim));
        m.put("topology.thresholds", thresholds.toString());
        m.put("topology.max_clique", Integer.toString(maxClique));
        m.put("topology.maximal_cliques", Boolean.toString(maximalCliques));
        m.put("topology.clique_limits", CliqueLimits.DEFAULT.maxSearchNodes() + " nodes, "
                + CliqueLimits.DEFAULT.maxTime() + "; over the limit: NaN cells");
        m.put("topology.features", features ? "kushnareva2021" : "off");
        m.put("topology.persistence", persistence.toString());
        return m;
    }

    /** The barcodes of one plane (with representative cycles when {@code representatives}). */
    public Barcodes barcodes(Plane plane, boolean representatives) {
        RipsPersistence p = representatives ? persistence.withRepresentatives(true) : persistence;
        return p.compute(Filtration.fromPlane(plane));
    }

    /**
     * Statistics of every plane of {@code graph}, in plane order.
     *
     * @param input the 1-based input number written into every record
     */
    public List<PlaneRecord> analyze(int input, MultiPlanarGraph graph) {
        Objects.requireNonNull(graph, "graph");
        List<PlaneTopology> planes = analyzer.analyze(graph);
        List<PlaneRecord> out = new ArrayList<>(planes.size());
        for (PlaneTopology p : planes) {
            out.add(record(input, p));
        }
        return out;
    }

    private PlaneRecord record(int input, PlaneTopology p) {
        int nt = thresholds.size();
        FeatureVector f = features ? p.features() : FeatureVector.empty();
        double[] v = new double[fixedNames.size() + f.size()]; // the values in column order
        int at = 0;
        for (int k = 0; k <= maxDim; k++) {
            for (int i = 0; i < nt; i++) {
                v[at++] = p.atThreshold(i).betti(k);
            }
        }
        for (int i = 0; i < nt; i++) {
            CliqueCounts c = p.atThreshold(i).cliques().orElse(null);
            for (int k = 2; k <= maxClique; k++) { // counts stop at maxClique, so k > maxSize() means none
                v[at++] = c == null ? Double.NaN : k <= c.maxSize() ? c.count(k) : 0;
            }
        }
        if (maximalCliques) {
            for (int i = 0; i < nt; i++) {
                PlaneTopology.AtThreshold a = p.atThreshold(i);
                v[at++] = a.maximalCliques().map(m -> (double) m.count()).orElse(Double.NaN);
                v[at++] = a.maximalCliques().map(m -> (double) m.cliqueNumber()).orElse(Double.NaN);
            }
        }
        List<List<double[]>> exported = new ArrayList<>(maxDim + 1);
        for (int k = 0; k <= maxDim; k++) {
            Barcode bars = p.barcodes().dimension(k);
            at = summarize(bars, v, at);
            List<double[]> list = new ArrayList<>(bars.intervals().size());
            for (PersistenceInterval iv : bars.intervals()) {
                list.add(new double[] {iv.birth(), iv.isEssential() ? Double.POSITIVE_INFINITY : iv.death()});
            }
            exported.add(list);
        }
        for (int i = 0; i < f.size(); i++) {
            v[at++] = f.value(i);
        }
        return new PlaneRecord(input, p.layer(), p.headLabel(), p.size(), new StatsMap(columns(f), v), exported);
    }

    /** The column schema, made once per feature-name list (the same for every plane of one configuration). */
    private StatsMap.Columns columns(FeatureVector f) {
        StatsMap.Columns c = schema;
        if (c != null && c.size() == fixedNames.size() + f.size()
                && c.names().subList(fixedNames.size(), c.size()).equals(f.names())) {
            return c;
        }
        List<String> names = new ArrayList<>(fixedNames);
        names.addAll(f.names());
        c = new StatsMap.Columns(names);
        schema = c;
        return c;
    }

    private static int summarize(Barcode bars, double[] v, int at) {
        List<PersistenceInterval> dim = bars.intervals();
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
        v[at++] = dim.size();
        v[at++] = dim.size() - finite;
        v[at++] = total;
        v[at++] = max;
        v[at++] = finite == 0 ? 0 : total / finite;
        v[at++] = BarcodeStatistics.persistenceEntropy(bars);
        return at;
    }
}
