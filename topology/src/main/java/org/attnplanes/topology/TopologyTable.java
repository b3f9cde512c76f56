package org.attnplanes.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.graph.Provenance;
import org.attnplanes.topology.clique.CliqueCounts;

/**
 * The tidy form of a list of {@link PlaneTopology}: one row per plane, one column per statistic, in a fixed
 * order, ready for CSV export (the {@link #provenance()} belongs in the CSV header comment).
 *
 * <p>Columns: {@code plane}, {@code layer}, {@code head}, {@code n}, then the columns of the one statistics
 * schema ({@link StatisticsSchema}; meanings, units and sources in {@link Statistic}), the same names and values
 * as {@code planes.csv}. The clique columns go up to the largest clique size counted on any plane (at least 2);
 * the maximal-clique columns are present when any plane has maximal-clique statistics.
 *
 * <p>Values are {@link Integer} (plane, layer, n), {@link String} (head), {@link Long} for count columns
 * ({@link Statistic#integral()}) and {@link Double} otherwise; {@code null} marks a count that was not computed
 * (clique counts over the limits).
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
     * The table of {@code planes}, with clique columns up to the largest size counted on any plane and the
     * maximal-clique columns when any plane has them. All planes must have the same thresholds, maximal dimension
     * and feature names (true for the output of one {@link TopologyAnalyzer}).
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
        List<Double> thresholds = new ArrayList<>();
        for (PlaneTopology.AtThreshold a : first.thresholds()) {
            thresholds.add(a.threshold());
        }
        int maxClique = 2;
        boolean maximal = false;
        for (PlaneTopology p : planes) {
            for (PlaneTopology.AtThreshold a : p.thresholds()) {
                maxClique = Math.max(maxClique, a.cliques().map(CliqueCounts::maxSize).orElse(0));
                maximal |= a.maximalCliques().isPresent();
            }
        }
        return of(planes, provenance, StatisticsSchema.of(thresholds, first.maxDimension(), maxClique, maximal,
                first.features().names()));
    }

    /**
     * The table of {@code planes} with the columns of {@code schema} (e.g. {@link TopologyAnalyzer#schema}).
     *
     * @throws IllegalArgumentException naming the first plane that does not fit the schema
     */
    public static TopologyTable of(List<PlaneTopology> planes, Provenance provenance, StatisticsSchema schema) {
        Objects.requireNonNull(planes, "planes");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(schema, "schema");
        List<String> cols = new ArrayList<>(List.of("plane", "layer", "head", "n"));
        cols.addAll(schema.names());
        if (planes.isEmpty()) {
            return new TopologyTable(cols, List.of(), provenance);
        }
        PlaneTopology first = planes.get(0);
        for (PlaneTopology p : planes) {
            boolean same = p.thresholds().size() == first.thresholds().size() && p.maxDimension() == first.maxDimension()
                    && p.features().names().equals(first.features().names());
            for (int i = 0; same && i < first.thresholds().size(); i++) {
                same = p.atThreshold(i).threshold() == first.atThreshold(i).threshold();
            }
            if (!same) {
                throw new IllegalArgumentException("plane " + p.index() + " (layer " + p.layer() + ", head "
                        + p.headLabel() + ") has other thresholds, dimensions or features than plane "
                        + first.index() + "; a table needs one analyzer configuration");
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (PlaneTopology p : planes) {
            List<Object> r = new ArrayList<>(cols.size());
            r.add(p.index());
            r.add(p.layer());
            r.add(p.headLabel());
            r.add(p.size());
            double[] v = schema.values(p);
            for (int c = 0; c < v.length; c++) {
                if (schema.statistic(c).integral()) {
                    r.add(Double.isNaN(v[c]) ? null : (Object) (long) v[c]);
                } else {
                    r.add(v[c]);
                }
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
