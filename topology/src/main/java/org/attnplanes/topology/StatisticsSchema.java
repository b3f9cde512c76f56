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
        return values(p, null);
    }

    /**
     * {@link #values(PlaneTopology)}, handing out the bars it reads: {@code ends[k]} receives a fresh array
     * {@code birth0, death0, birth1, death1, ...} of dimension k's bars in the barcode's order (death
     * {@link Double#POSITIVE_INFINITY} for an essential bar) for k = 0..maxDim, so that a caller keeping the bars
     * (analyze's rows) does not read them again.
     *
     * @param ends null, or at least {@code maxDim + 1} slots
     * @throws IllegalArgumentException when {@code p} has other thresholds, dimensions or features than the schema
     */
    public double[] values(PlaneTopology p, double[][] ends) {
        List<String> planeFeatures = p.features().names();
        if (p.thresholds().size() != thresholds.size() || p.maxDimension() < maxDim
                || planeFeatures != featureNames && !planeFeatures.equals(featureNames)) {
            throw new IllegalArgumentException("plane " + p.index() + " (layer " + p.layer() + ", head "
                    + p.headLabel() + ") has other thresholds, dimensions or features than the schema");
        }
        int nt = thresholds.size();
        List<PlaneTopology.AtThreshold> at = p.thresholds();
        double[] v = new double[names.size()];
        int i0 = 0;
        for (int k = 0; k <= maxDim; k++) {
            for (int i = 0; i < nt; i++) {
                v[i0++] = at.get(i).betti().get(k);
            }
        }
        for (int i = 0; i < nt; i++) {
            PlaneTopology.AtThreshold a = at.get(i);
            CliqueCounts c = a.cliques().orElse(null);
            for (int k = 2; k <= maxClique; k++) {
                // counts stop at the counter's size limit, so k > maxSize() means none of that size
                v[i0++] = k == 2 ? a.edges() : c == null ? Double.NaN : k <= c.maxSize() ? c.count(k) : 0;
            }
        }
        if (maximalCliques) {
            for (int i = 0; i < nt; i++) {
                MaximalCliqueStats m = at.get(i).maximalCliques().orElse(null);
                v[i0++] = m == null ? Double.NaN : m.count();
                v[i0++] = m == null ? Double.NaN : m.cliqueNumber();
            }
        }
        for (int k = 0; k <= maxDim; k++) {
            double[] e = summarize(p.barcodes().dimension(k), v, i0);
            i0 += 6;
            if (ends != null) {
                ends[k] = e;
            }
        }
        p.features().copyTo(v, i0);
        return v;
    }

    /**
     * The six summary columns of one dimension into {@code v[at..at + 5]}, from one pass over the bars (which also
     * gives their ends, returned) and one over the finite bars' lengths for the entropy: the same values, bit for
     * bit, as {@link PersistenceInterval#length()} sums and {@link BarcodeStatistics#persistenceEntropy(Barcode)}.
     */
    private static double[] summarize(Barcode bars, double[] v, int at) {
        List<PersistenceInterval> dim = bars.intervals();
        int size = dim.size();
        double[] ends = new double[2 * size];
        double total = 0;       // of the float lengths, as the h<k>_total column has always summed them
        double totalWide = 0;   // of the lengths in double, as the entropy's p_i are taken
        double max = 0;
        int finite = 0;
        for (int i = 0; i < size; i++) {
            PersistenceInterval iv = dim.get(i);
            float b = iv.birth();
            float d = iv.death();
            ends[2 * i] = b;
            ends[2 * i + 1] = d; // +inf stays +inf
            if (d != Float.POSITIVE_INFINITY) {
                double len = d - b;
                total += len;
                max = Math.max(max, len);
                totalWide += (double) d - b;
                finite++;
            }
        }
        double entropy = 0;
        if (totalWide > 0) {
            for (int i = 0; i < ends.length; i += 2) {
                double d = ends[i + 1];
                if (d != Double.POSITIVE_INFINITY) {
                    double q = (d - ends[i]) / totalWide;
                    if (q > 0) {
                        entropy -= q * Math.log(q);
                    }
                }
            }
        }
        v[at] = size;
        v[at + 1] = size - finite;
        v[at + 2] = total;
        v[at + 3] = max;
        v[at + 4] = finite == 0 ? 0 : total / finite;
        v[at + 5] = entropy;
        return ends;
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
