package org.attnplanes.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.MaximalCliqueStats;
import org.attnplanes.topology.features.BarcodeFeatures;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.stats.BarcodeStatistics;

/**
 * The one statistics schema of a plane: the ordered columns that {@code planes.csv}, {@link TopologyTable}, the
 * desktop app's table and the Spark job share, with {@link #values(PlaneTopology)} computing a plane's row.
 * What each column family means is documented once, in {@link Statistic}.
 *
 * <p>Columns, in order (t in the analyzer's threshold order):
 * <ol>
 *   <li>{@code betti<k>_t<t>} for k = 0..maxDim, then each threshold;</li>
 *   <li>{@code cliques<k>_t<t>} for each threshold, then k = 2..maxClique;</li>
 *   <li>with maximal cliques, per threshold: {@code maxcliques_t<t>}, {@code clique_number_t<t>};</li>
 *   <li>per dimension k: {@code h<k>_bars}, {@code h<k>_essential}, {@code h<k>_total}, {@code h<k>_max},
 *       {@code h<k>_mean}, {@code h<k>_entropy};</li>
 *   <li>the plane's features (Kushnareva et al. 2021), in their own order.</li>
 * </ol>
 * Values are doubles; NaN marks a value that was not computed (clique counts over the budget). Names kept for
 * {@code planes.csv} compatibility: {@code cliques2_t…} (edges), {@code h<k>_total} and {@code h<k>_bars} (all
 * bars); {@code TopologyTable}'s former {@code edges_t…}, {@code cliques1_t…}, {@code euler_t…} and
 * {@code h<k>_sum} are gone (they were {@code cliques2}, {@code n}, a derived check and {@code h<k>_total}).
 *
 * <p>Immutable and thread-safe.
 */
public final class StatisticsSchema {

    private final List<Double> thresholds;
    private final int maxDim;
    private final int maxClique;
    private final boolean maximalCliques;
    private final List<String> featureNames;
    private final List<String> names;
    private final List<Statistic> statistics;

    private StatisticsSchema(List<Double> thresholds, int maxDim, int maxClique, boolean maximalCliques,
                             List<String> featureNames) {
        this.thresholds = List.copyOf(thresholds);
        this.maxDim = maxDim;
        this.maxClique = maxClique;
        this.maximalCliques = maximalCliques;
        this.featureNames = List.copyOf(featureNames);
        List<String> n = new ArrayList<>();
        List<Statistic> s = new ArrayList<>();
        for (int k = 0; k <= maxDim; k++) {
            for (double t : this.thresholds) {
                n.add(ThresholdNames.suffixed("betti" + k, t));
                s.add(Statistic.BETTI);
            }
        }
        for (double t : this.thresholds) {
            for (int k = 2; k <= maxClique; k++) {
                n.add(ThresholdNames.suffixed("cliques" + k, t));
                s.add(Statistic.CLIQUES);
            }
        }
        if (maximalCliques) {
            for (double t : this.thresholds) {
                n.add(ThresholdNames.suffixed("maxcliques", t));
                s.add(Statistic.MAXIMAL_CLIQUES);
                n.add(ThresholdNames.suffixed("clique_number", t));
                s.add(Statistic.CLIQUE_NUMBER);
            }
        }
        List<Statistic> perDim = List.of(Statistic.BARS, Statistic.ESSENTIAL, Statistic.TOTAL, Statistic.MAX,
                Statistic.MEAN, Statistic.ENTROPY);
        for (int k = 0; k <= maxDim; k++) {
            for (Statistic st : perDim) {
                n.add("h" + k + st.pattern().substring("h<k>".length()));
                s.add(st);
            }
        }
        for (String f : this.featureNames) {
            n.add(f);
            s.add(featureFamily(f));
        }
        if (n.size() != new java.util.HashSet<>(n).size()) {
            throw new IllegalArgumentException("column names repeat: " + n);
        }
        this.names = Collections.unmodifiableList(n);
        this.statistics = Collections.unmodifiableList(s);
    }

    /**
     * The schema of one configuration.
     *
     * @param thresholds     the weight thresholds, in the order of the analyzer (and of the columns)
     * @param maxDim         top homology dimension, ≥ 0
     * @param maxClique      largest clique size with a column, ≥ 2 (k = 2: edges)
     * @param maximalCliques whether the maximal-clique columns are present
     * @param featureNames   the names of the features ({@link FeatureVector#names()}), empty without features
     * @throws IllegalArgumentException when a bound is out of range or two columns would share a name
     */
    public static StatisticsSchema of(List<Double> thresholds, int maxDim, int maxClique, boolean maximalCliques,
                                      List<String> featureNames) {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(featureNames, "featureNames");
        if (maxDim < 0) {
            throw new IllegalArgumentException("maxDim = " + maxDim + " must be >= 0");
        }
        if (maxClique < 2) {
            throw new IllegalArgumentException("maxClique = " + maxClique + " must be >= 2");
        }
        return new StatisticsSchema(thresholds, maxDim, maxClique, maximalCliques, featureNames);
    }

    /** This schema with other feature names (same fixed columns). */
    public StatisticsSchema withFeatures(List<String> names) {
        return names.equals(featureNames) ? this
                : new StatisticsSchema(thresholds, maxDim, maxClique, maximalCliques, names);
    }

    /** The column names, in order. */
    public List<String> names() {
        return names;
    }

    /** Number of columns. */
    public int size() {
        return names.size();
    }

    /** The family of column {@code i}. */
    public Statistic statistic(int i) {
        return statistics.get(i);
    }

    /** The feature names (the last columns). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The family a feature column belongs to (by its name: {@code attn_…}, {@code dist_…}, barcode features). */
    public static Statistic featureFamily(String name) {
        if (name.startsWith("attn_matching_t")) {
            return Statistic.MATCHING_NUMBER;
        }
        if (name.startsWith("attn_chordal_t")) {
            return Statistic.CHORDALITY;
        }
        if (name.startsWith("dflag_h")) {
            return Statistic.DIRECTED_FLAG;
        }
        if (name.startsWith("lap_eig")) {
            return Statistic.LAP_EIGVALS;
        }
        if (name.startsWith("attn_")) {
            return Statistic.GRAPH_FEATURES;
        }
        if (name.startsWith("dist_")) {
            return Statistic.PATTERN_DISTANCES;
        }
        if (BarcodeFeatures.names().contains(name)) {
            return Statistic.BARCODE_FEATURES;
        }
        throw new IllegalArgumentException("feature \"" + name + "\" belongs to no documented family of "
                + java.util.Arrays.toString(Statistic.values()) + "; document it in Statistic first");
    }

    /**
     * The row of {@code p}, in column order.
     *
     * @throws IllegalArgumentException when {@code p} has other thresholds, dimensions or features than the schema
     */
    public double[] values(PlaneTopology p) {
        if (p.thresholds().size() != thresholds.size() || p.maxDimension() < maxDim
                || !p.features().names().equals(featureNames)) {
            throw new IllegalArgumentException("plane " + p.index() + " (layer " + p.layer() + ", head "
                    + p.headLabel() + ") has other thresholds, dimensions or features than the schema");
        }
        int nt = thresholds.size();
        double[] v = new double[names.size()];
        int at = 0;
        for (int k = 0; k <= maxDim; k++) {
            for (int i = 0; i < nt; i++) {
                v[at++] = p.atThreshold(i).betti(k);
            }
        }
        for (int i = 0; i < nt; i++) {
            PlaneTopology.AtThreshold a = p.atThreshold(i);
            CliqueCounts c = a.cliques().orElse(null);
            for (int k = 2; k <= maxClique; k++) {
                // counts stop at the counter's size limit, so k > maxSize() means none of that size
                v[at++] = k == 2 ? a.edges() : c == null ? Double.NaN : k <= c.maxSize() ? c.count(k) : 0;
            }
        }
        if (maximalCliques) {
            for (int i = 0; i < nt; i++) {
                MaximalCliqueStats m = p.atThreshold(i).maximalCliques().orElse(null);
                v[at++] = m == null ? Double.NaN : m.count();
                v[at++] = m == null ? Double.NaN : m.cliqueNumber();
            }
        }
        for (int k = 0; k <= maxDim; k++) {
            at = summarize(p.barcodes().dimension(k), v, at);
        }
        FeatureVector f = p.features();
        for (int i = 0; i < f.size(); i++) {
            v[at++] = f.value(i);
        }
        return v;
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

    /**
     * The documentation table of every column family (Markdown): column, meaning, unit, published definition.
     * Topology's README holds this table verbatim between {@code <!-- statistics:begin -->} and
     * {@code <!-- statistics:end -->}; a test keeps the two equal.
     */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| column | meaning | unit | published definition / where ours differs |\n");
        sb.append("|---|---|---|---|\n");
        for (Statistic s : Statistic.values()) {
            sb.append("| `").append(s.pattern()).append("` | ").append(s.meaning()).append(" | ").append(s.unit())
                    .append(" | ").append(s.source()).append(" |\n");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "StatisticsSchema[" + names.size() + " columns]";
    }
}
