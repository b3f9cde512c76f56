package org.attnplanes.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.graph.Provenance;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.MaximalCliqueStats;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.stats.BarcodeStatistics;

/**
 * The tidy form of a list of {@link PlaneTopology}: one row per plane, one column per statistic, in a fixed
 * order, ready for CSV export (the {@link #provenance()} belongs in the CSV header comment).
 *
 * <p>Columns, in order:
 * <ol>
 *   <li>{@code plane}, {@code layer}, {@code head}, {@code n};</li>
 *   <li>per threshold t (suffix {@code _t0.10} etc.): {@code edges}, {@code betti0} … {@code betti<D>},
 *       {@code euler} (χ from the clique counts), {@code cliques1} … {@code cliques<K>} (K = the largest clique
 *       size over all planes at that threshold), {@code maxcliques} (number of maximal cliques),
 *       {@code clique_number};</li>
 *   <li>per homology dimension k: {@code h<k>_bars} (finite bars), {@code h<k>_essential}, {@code h<k>_sum},
 *       {@code h<k>_mean}, {@code h<k>_max} (lengths of finite bars, filtration units), {@code h<k>_entropy}
 *       (persistence entropy);</li>
 *   <li>the plane's features (Kushnareva et al., e.g. {@code attn_edges_t0.10}, {@code h1_s}, {@code dist_prev}).</li>
 * </ol>
 * Values are {@link Integer}, {@link Long}, {@link Double} or {@link String}; {@code null} marks a value
 * that was not computed (clique counts over the limits, or truncated so that χ is unknown).
 *
 * <p>Immutable.
 */
public final class TopologyTable {

    private final List<String> columns;
    private final List<List<Object>> rows;
    private final Map<String, Integer> index;
    private final Provenance provenance;

    private TopologyTable(List<String> columns, List<List<Object>> rows, Provenance provenance) {
        this.columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + r.size() + " values; there are " + columns.size()
                        + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        this.rows = Collections.unmodifiableList(copy);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (idx.put(columns.get(i), i) != null) {
                throw new IllegalArgumentException("column \"" + columns.get(i) + "\" occurs twice");
            }
        }
        this.index = idx;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The table of {@code planes}. All planes must have the same thresholds, maximal dimension and feature
     * names (true for the output of one {@link TopologyAnalyzer}).
     *
     * @throws IllegalArgumentException naming the first plane that differs
     */
    public static TopologyTable of(List<PlaneTopology> planes, Provenance provenance) {
        Objects.requireNonNull(planes, "planes");
        Objects.requireNonNull(provenance, "provenance");
        if (planes.isEmpty()) {
            return new TopologyTable(List.of("plane", "layer", "head", "n"), List.of(), provenance);
        }
        PlaneTopology first = planes.get(0);
        int thresholdCount = first.thresholds().size();
        int maxDim = first.maxDimension();
        for (PlaneTopology p : planes) {
            boolean same = p.thresholds().size() == thresholdCount && p.maxDimension() == maxDim
                    && p.features().names().equals(first.features().names());
            for (int i = 0; same && i < thresholdCount; i++) {
                same = p.atThreshold(i).threshold() == first.atThreshold(i).threshold();
            }
            if (!same) {
                throw new IllegalArgumentException("plane " + p.index() + " (layer " + p.layer() + ", head "
                        + p.headLabel() + ") has other thresholds, dimensions or features than plane "
                        + first.index() + "; a table needs one analyzer configuration");
            }
        }
        int[] cliqueColumns = new int[thresholdCount];
        for (PlaneTopology p : planes) {
            for (int i = 0; i < thresholdCount; i++) {
                int top = p.atThreshold(i).cliques().map(CliqueCounts::maxSize).orElse(0);
                cliqueColumns[i] = Math.max(cliqueColumns[i], top);
            }
        }

        List<String> cols = new ArrayList<>(List.of("plane", "layer", "head", "n"));
        for (int i = 0; i < thresholdCount; i++) {
            double t = first.atThreshold(i).threshold();
            cols.add(ThresholdNames.suffixed("edges", t));
            for (int k = 0; k <= maxDim; k++) {
                cols.add(ThresholdNames.suffixed("betti" + k, t));
            }
            cols.add(ThresholdNames.suffixed("euler", t));
            for (int k = 1; k <= cliqueColumns[i]; k++) {
                cols.add(ThresholdNames.suffixed("cliques" + k, t));
            }
            cols.add(ThresholdNames.suffixed("maxcliques", t));
            cols.add(ThresholdNames.suffixed("clique_number", t));
        }
        for (int k = 0; k <= maxDim; k++) {
            cols.add("h" + k + "_bars");
            cols.add("h" + k + "_essential");
            cols.add("h" + k + "_sum");
            cols.add("h" + k + "_mean");
            cols.add("h" + k + "_max");
            cols.add("h" + k + "_entropy");
        }
        cols.addAll(first.features().names());

        List<List<Object>> rows = new ArrayList<>();
        for (PlaneTopology p : planes) {
            List<Object> r = new ArrayList<>(cols.size());
            r.add(p.index());
            r.add(p.layer());
            r.add(p.headLabel());
            r.add(p.size());
            for (int i = 0; i < thresholdCount; i++) {
                PlaneTopology.AtThreshold a = p.atThreshold(i);
                r.add(a.edges());
                for (int k = 0; k <= maxDim; k++) {
                    r.add(a.betti(k));
                }
                CliqueCounts c = a.cliques().orElse(null);
                r.add(c == null || c.truncated() ? null : c.eulerCharacteristic());
                for (int k = 1; k <= cliqueColumns[i]; k++) {
                    r.add(c == null || (c.truncated() && k > c.maxSize()) ? null : c.count(k));
                }
                MaximalCliqueStats m = a.maximalCliques().orElse(null);
                r.add(m == null ? null : m.count());
                r.add(m != null ? (Object) m.cliqueNumber()
                        : c != null && !c.truncated() ? (Object) c.largestSize() : null);
            }
            for (int k = 0; k <= maxDim; k++) {
                int bars = 0;
                int essential = 0;
                double sum = 0;
                double max = 0;
                for (PersistenceInterval bar : p.barcodes().intervals(k)) {
                    if (bar.isEssential()) {
                        essential++;
                    } else {
                        bars++;
                        double len = (double) bar.death() - bar.birth();
                        sum += len;
                        max = Math.max(max, len);
                    }
                }
                r.add(bars);
                r.add(essential);
                r.add(sum);
                r.add(bars == 0 ? 0.0 : sum / bars);
                r.add(max);
                r.add(BarcodeStatistics.persistenceEntropy(p.barcodes().dimension(k)));
            }
            for (int i = 0; i < p.features().size(); i++) {
                r.add(p.features().value(i));
            }
            rows.add(r);
        }
        return new TopologyTable(cols, rows, provenance);
    }

    /** The column names in order, unmodifiable. */
    public List<String> columns() {
        return columns;
    }

    /** Number of rows (planes). */
    public int rowCount() {
        return rows.size();
    }

    /** Row {@code i}, unmodifiable, aligned with {@link #columns()}. */
    public List<Object> row(int i) {
        if (i < 0 || i >= rows.size()) {
            throw new IndexOutOfBoundsException("row = " + i + " is outside [0, " + (rows.size() - 1) + "]");
        }
        return rows.get(i);
    }

    /** All rows, unmodifiable. */
    public List<List<Object>> rows() {
        return rows;
    }

    /**
     * The value of {@code column} in row {@code i} (may be null: not computed).
     *
     * @throws IllegalArgumentException naming the column when it does not exist
     */
    public Object value(int i, String column) {
        Integer c = index.get(column);
        if (c == null) {
            throw new IllegalArgumentException("column \"" + column + "\" is not one of " + columns);
        }
        return row(i).get(c);
    }

    /**
     * Row {@code i} as strings for CSV: integers as is, doubles with {@link Double#toString(double)}
     * ({@code NaN} as {@code "NaN"}), {@code null} as the empty string.
     */
    public List<String> formattedRow(int i) {
        List<String> out = new ArrayList<>(columns.size());
        for (Object v : row(i)) {
            out.add(v == null ? "" : v.toString());
        }
        return out;
    }

    /** How the statistics were made (the analyzed graph's provenance plus the analyzer settings). */
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "TopologyTable[" + rows.size() + " rows × " + columns.size() + " columns]";
    }
}
