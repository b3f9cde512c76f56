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
import org.attnplanes.topology.StatisticsSchema;
import org.attnplanes.topology.TopologyAnalyzer;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.ResearchFeatures;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * The per-plane statistics of {@code planes.csv}: the rows the app writes, computed by the topology module's
 * {@link TopologyAnalyzer} (planes of one graph in parallel on {@code threads} workers) and named and ordered by
 * topology's one statistics schema ({@link StatisticsSchema}; what each column means, its unit and its published
 * source: {@link org.attnplanes.topology.Statistic}). The filtration is the clique complex of the plane's
 * normalized weights (an edge enters at 1 − w, float32); Betti numbers and clique counts at a threshold t both
 * describe the complex of the edges with {@code w >= t}. The features follow the chosen
 * {@link FeatureReference}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlaneStatistics {

    private final List<Double> thresholds;
    private final int maxDim;
    private final int maxClique;
    private final boolean features;
    private final boolean maximalCliques;
    private final FeatureReference reference;
    private final ResearchFeatures research;
    private final TopologyAnalyzer analyzer;
    private final RipsPersistence persistence;
    private final StatisticsSchema fixedSchema;
    private volatile Columns columns;
    private final float minWeight;
    /** {@link #none()}: no statistic and no barcode is computed; rows hold their key columns only. */
    private final boolean off;
    private static final StatsMap.Columns NO_COLUMNS = new StatsMap.Columns(List.of());

    /** The schema with its column list for {@link StatsMap}, made once per feature-name list. */
    private record Columns(StatisticsSchema schema, StatsMap.Columns names) {
    }

    /**
     * Statistics computed on one thread per call, without maximal cliques.
     *
     * @see #PlaneStatistics(List, int, int, boolean, boolean, int, FeatureReference)
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features) {
        this(thresholds, maxDim, maxClique, features, false, 1, FeatureReference.ATTNPLANES);
    }

    /**
     * @param thresholds     weight thresholds in (0, 1] for Betti numbers and clique counts
     * @param maxDim         top homology dimension, 0..3
     * @param maxClique      largest clique size counted, ≥ 2 (k = 2 counts edges)
     * @param features       whether to add the Kushnareva features
     * @param maximalCliques whether to enumerate maximal cliques at every threshold
     * @param threads        workers for the planes of one graph, ≥ 1
     * @param reference      the published pipeline the features follow
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                           boolean maximalCliques, int threads, FeatureReference reference) {
        this(thresholds, maxDim, maxClique, features, maximalCliques, threads, reference, ResearchFeatures.none());
    }

    /**
     * As above, with the optional research features appended to every plane's features.
     *
     * @param research the research features ({@link ResearchFeatures#none()} for none)
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                           boolean maximalCliques, int threads, FeatureReference reference,
                           ResearchFeatures research) {
        this(thresholds, maxDim, maxClique, features, maximalCliques, threads, reference, research, 0f);
    }

    /**
     * As above, with a weight floor: edges of weight {@code < minWeight} never enter the filtration (recorded in
     * {@link #settings()}).
     */
    public PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                           boolean maximalCliques, int threads, FeatureReference reference,
                           ResearchFeatures research, float minWeight) {
        this(thresholds, maxDim, maxClique, features, maximalCliques, threads, reference, research, minWeight, false);
    }

    /**
     * No statistics ({@code analyze --stats none}, the capture-only baseline of the statistics' cost): every plane
     * becomes a row with its key columns (input, layer, head, tokens, block) and no statistic or barcode, and
     * nothing of the topology module runs.
     */
    public static PlaneStatistics none() {
        TopologySettings d = TopologySettings.defaults();
        return new PlaneStatistics(d.thresholds(), d.maxDim(), d.maxClique(), false, false, 1,
                FeatureReference.ATTNPLANES, ResearchFeatures.none(), 0f, true);
    }

    private PlaneStatistics(List<Double> thresholds, int maxDim, int maxClique, boolean features,
                            boolean maximalCliques, int threads, FeatureReference reference,
                            ResearchFeatures research, float minWeight, boolean off) {
        this.off = off;
        this.research = Objects.requireNonNull(research, "research");
        this.minWeight = minWeight;
        this.thresholds = List.copyOf(thresholds);
        this.maxDim = maxDim;
        this.maxClique = Math.max(2, maxClique);
        this.features = features;
        this.maximalCliques = maximalCliques;
        this.reference = reference;
        this.analyzer = new TopologyAnalyzer(new TopologyAnalyzer.Config(maxDim, this.thresholds, this.maxClique,
                CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.SKIP, maximalCliques, features, threads,
                reference), minWeight);
        this.persistence = new RipsPersistence(maxDim);
        this.fixedSchema = StatisticsSchema.of(this.thresholds, maxDim, this.maxClique, maximalCliques, List.of());
    }

    /** The analyzer whose planes {@link #records} turns into rows (immutable, safe to share). */
    public TopologyAnalyzer analyzer() {
        return analyzer;
    }

    /** The weight thresholds. */
    public List<Double> thresholds() {
        return thresholds;
    }

    /** The top homology dimension. */
    public int maxDim() {
        return maxDim;
    }

    /** Whether this is {@link #none()}: rows without statistics or barcodes. */
    public boolean isNone() {
        return off;
    }

    /** Whether every statistic is computed from its own plane alone (no research features over several planes). */
    public boolean perPlane() {
        return !research.any();
    }

    /** Settings for provenance ({@code topology.*}). */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        if (off) {
            m.put("topology.stats", "none (capture-only pass: no statistics or barcodes computed)");
            return m;
        }
        m.put("topology.filtration", "clique complex of the normalized plane weights; edge enters at 1 - w (float32)"
                + (minWeight > 0 ? "; weight floor: edges with w < " + minWeight + " never enter (truncated"
                + " filtration, bars alive at the floor are essential)" : ""));
        m.put("topology.min_weight", minWeight > 0 ? Float.toString(minWeight) : "none (full filtration)");
        m.put("topology.max_dim", Integer.toString(maxDim));
        m.put("topology.thresholds", thresholds.toString());
        m.put("topology.max_clique", Integer.toString(maxClique));
        m.put("topology.maximal_cliques", Boolean.toString(maximalCliques));
        m.put("topology.clique_limits", CliqueLimits.DEFAULT.maxSearchNodes() + " nodes, "
                + CliqueLimits.DEFAULT.maxTime() + "; over the limit: NaN cells");
        m.put("topology.features", features ? "kushnareva2021" : "off");
        if (features) {
            m.put("topology.reference", reference.description());
        }
        m.put("topology.persistence", persistence.toString());
        if (research.any()) {
            m.put("topology.research", research.describe());
        }
        return m;
    }

    /** The barcodes of one plane (with representative cycles when {@code representatives}). */
    public Barcodes barcodes(Plane plane, boolean representatives) {
        RipsPersistence p = representatives ? persistence.withRepresentatives(true) : persistence;
        return p.compute(Filtration.fromPlane(plane, minWeight));
    }

    /**
     * Statistics of every plane of {@code graph}, in plane order.
     *
     * @param input the 1-based input number written into every record
     */
    public List<PlaneRecord> analyze(int input, MultiPlanarGraph graph) {
        Objects.requireNonNull(graph, "graph");
        return analyze(input, graph, graph.planes());
    }

    /**
     * Statistics of some planes of {@code graph} (e.g. only those a cache lacks), in the order given; each row
     * equals that plane's row of {@link #analyze(int, MultiPlanarGraph)}.
     *
     * @param input the 1-based input number written into every record
     */
    public List<PlaneRecord> analyze(int input, MultiPlanarGraph graph, List<Plane> subset) {
        Objects.requireNonNull(graph, "graph");
        String block = graph.block().label();
        if (off) {
            List<PlaneRecord> out = new ArrayList<>(subset.size());
            StatsMap empty = new StatsMap(NO_COLUMNS, new double[0]);
            for (Plane p : subset) {
                out.add(new PlaneRecord(input, p.layer(), p.headLabel(), p.size(), empty, List.of(), block));
            }
            return out;
        }
        List<PlaneTopology> planes = analyzer.analyze(graph, subset);
        if (research.any()) {
            List<FeatureVector> extra = research.compute(graph, thresholds);
            List<PlaneTopology> withExtra = new ArrayList<>(planes.size());
            for (int i = 0; i < planes.size(); i++) {
                PlaneTopology p = planes.get(i);
                withExtra.add(new PlaneTopology(p.index(), p.layer(), p.headLabel(), p.size(), p.barcodes(),
                        p.thresholds(), p.features().concat(extra.get(p.index()))));
            }
            planes = withExtra;
        }
        return records(input, graph, planes);
    }

    /**
     * The rows of planes of {@code graph} that this configuration's analyzer computed, in the order given: what
     * {@link #analyze(int, MultiPlanarGraph, List)} does once the topology is done (public for the benchmark that
     * times it, {@code AnalyzeStagesMain}).
     *
     * @param input the 1-based input number written into every record
     */
    public List<PlaneRecord> records(int input, MultiPlanarGraph graph, List<PlaneTopology> planes) {
        String block = graph.block().label();
        List<PlaneRecord> out = new ArrayList<>(planes.size());
        for (PlaneTopology p : planes) {
            out.add(record(input, p, block));
        }
        return out;
    }

    /** The column names of a row without features (with features, their names follow). */
    public List<String> fixedColumns() {
        return off ? List.of() : fixedSchema.names();
    }

    private PlaneRecord record(int input, PlaneTopology p, String block) {
        Columns c = columns(p.features().names());
        double[][] ends = new double[maxDim + 1][]; // birth0, death0, birth1, ... per dimension, read with the values
        double[] v = c.schema().values(p, ends); // the values in column order
        // both arrays are fresh and go to this record only
        return new PlaneRecord(input, p.layer(), p.headLabel(), p.size(), StatsMap.owning(c.names(), v),
                PlaneRecord.barsOfOwnedEnds(ends), block);
    }

    /** The schema and its column list, made once per feature-name list (the same for every plane of one run). */
    private Columns columns(List<String> featureNames) {
        Columns c = columns;
        if (c != null && c.schema().featureNames().equals(featureNames)) {
            return c;
        }
        StatisticsSchema schema = fixedSchema.withFeatures(featureNames);
        c = new Columns(schema, new StatsMap.Columns(schema.names()));
        columns = c;
        return c;
    }
}
