package org.attnplanes.app.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.BlockKind;
import org.jfree.chart.JFreeChart;

/**
 * The figures of an analysis, computed from its plane records and written as PNG and SVG pairs:
 * Betti curves per layer (mean over inputs and heads), a layer × head heat map of a per-head statistic,
 * a clique-count histogram per layer, and the persistence diagram and barcode of one plane. The rows of an
 * encoder–decoder (blocks encoder, decoder and cross, each counting its own layers) are grouped by block and layer
 * ("cross layer 1"), never averaged across blocks.
 */
public final class StatisticsFigures {

    /** Width and height of every figure, in pixels (PNG) or user units (SVG). */
    public static final int WIDTH = 900;
    /** Height of every figure. */
    public static final int HEIGHT = 600;

    private StatisticsFigures() {
    }

    /** Weight thresholds at which Betti curves are sampled: 1.00, 0.99, …, 0.00. */
    static double[] grid() {
        double[] t = new double[101];
        for (int i = 0; i <= 100; i++) {
            t[i] = 1.0 - i / 100.0;
        }
        return t;
    }

    /** β_k at weight threshold t of one plane's bars: bars alive at filtration value 1 − t. */
    public static int betti(List<double[]> bars, double t) {
        float r = 1f - (float) t;
        int alive = 0;
        for (double[] b : bars) {
            if (b[0] <= r && r < b[1]) {
                alive++;
            }
        }
        return alive;
    }

    /**
     * The group a record is averaged in: its layer, or for the blocks of an encoder–decoder its block and layer
     * (ordered encoder, decoder, cross, then by layer).
     */
    record Group(BlockKind block, int layer) implements Comparable<Group> {

        static Group of(PlaneRecord r) {
            return new Group(BlockKind.ofLabel(r.block()), r.layer());
        }

        /** "layer 2", or "cross layer 2" for a block of an encoder–decoder. */
        String name() {
            return (block == BlockKind.SELF ? "" : block.label() + " ") + "layer " + layer;
        }

        @Override
        public int compareTo(Group o) {
            int c = block.compareTo(o.block);
            return c != 0 ? c : Integer.compare(layer, o.layer);
        }
    }

    /** Betti curves of dimension k, one per layer (per block and layer), averaged over all its records. */
    public static List<Curve> bettiCurves(List<PlaneRecord> rows, int k) {
        double[] grid = grid();
        Map<Group, double[]> sums = new TreeMap<>();
        Map<Group, Integer> counts = new TreeMap<>();
        for (PlaneRecord r : rows) {
            if (k >= r.barcodes().size()) {
                continue;
            }
            double[] s = sums.computeIfAbsent(Group.of(r), l -> new double[grid.length]);
            List<double[]> bars = r.barcodes().get(k);
            for (int i = 0; i < grid.length; i++) {
                s[i] += betti(bars, grid[i]);
            }
            counts.merge(Group.of(r), 1, Integer::sum);
        }
        List<Curve> out = new ArrayList<>();
        for (Map.Entry<Group, double[]> e : sums.entrySet()) {
            double[] y = e.getValue().clone();
            int c = counts.get(e.getKey());
            for (int i = 0; i < y.length; i++) {
                y[i] /= c;
            }
            out.add(new Curve(e.getKey().name(), grid, y));
        }
        return out;
    }

    /**
     * Mean of a statistic per (layer, head) for numeric head labels; NaN where absent.
     *
     * @param values {@code values[row][head]}, a row per layer (per block and layer) from layer 0 (of each block) to
     *               the last with a value
     * @param rows   the rows' names ("layer 3", or "cross layer 3" for a block of an encoder–decoder)
     */
    public record HeadMeans(double[][] values, List<String> rows) {
    }

    /** The {@link HeadMeans} of a statistic. */
    public static HeadMeans headMeans(List<PlaneRecord> rows, String statistic) {
        TreeMap<BlockKind, Integer> lastLayer = new TreeMap<>();
        int heads = 0;
        for (PlaneRecord r : rows) {
            if (r.head().matches("\\d+") && r.stats().containsKey(statistic)) {
                lastLayer.merge(BlockKind.ofLabel(r.block()), r.layer(), Math::max);
                heads = Math.max(heads, Integer.parseInt(r.head()) + 1);
            }
        }
        if (lastLayer.isEmpty()) {
            return new HeadMeans(new double[0][0], List.of());
        }
        Map<Group, Integer> index = new TreeMap<>();
        List<String> names = new ArrayList<>();
        lastLayer.forEach((block, last) -> {
            for (int l = 0; l <= last; l++) {
                Group g = new Group(block, l);
                index.put(g, names.size());
                names.add(g.name());
            }
        });
        double[][] sum = new double[names.size()][heads];
        int[][] n = new int[names.size()][heads];
        for (PlaneRecord r : rows) {
            Double v = r.stats().get(statistic);
            if (r.head().matches("\\d+") && v != null && Double.isFinite(v)) {
                int h = Integer.parseInt(r.head());
                int row = index.get(Group.of(r));
                sum[row][h] += v;
                n[row][h]++;
            }
        }
        for (int l = 0; l < sum.length; l++) {
            for (int h = 0; h < heads; h++) {
                sum[l][h] = n[l][h] == 0 ? Double.NaN : sum[l][h] / n[l][h];
            }
        }
        return new HeadMeans(sum, List.copyOf(names));
    }

    /** Mean k-clique counts by size per layer (per block and layer) at one threshold label (e.g. {@code "0.1"}). */
    public static Map<String, long[]> cliqueMeans(List<PlaneRecord> rows, String thresholdLabel, int maxClique) {
        Map<Group, double[]> sums = new TreeMap<>();
        Map<Group, Integer> counts = new TreeMap<>();
        for (PlaneRecord r : rows) {
            double[] s = sums.computeIfAbsent(Group.of(r), l -> new double[maxClique]);
            s[0] += r.tokens();
            for (int k = 2; k <= maxClique; k++) {
                Double v = r.stats().get("cliques" + k + "_t" + thresholdLabel);
                if (v != null) {
                    s[k - 1] += v;
                }
            }
            counts.merge(Group.of(r), 1, Integer::sum);
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<Group, double[]> e : sums.entrySet()) {
            int c = counts.get(e.getKey());
            long[] v = new long[maxClique];
            for (int k = 0; k < maxClique; k++) {
                v[k] = Math.round(e.getValue()[k] / c);
            }
            out.put(e.getKey().name(), v);
        }
        return out;
    }

    /**
     * Writes every figure for these rows into {@code dir} and returns the files written.
     *
     * @param thresholdLabel the threshold (as formatted in column names) for the heat map and clique histogram
     */
    public static List<Path> write(Path dir, List<PlaneRecord> rows, int maxDim, String thresholdLabel,
                                   int maxClique, Map<String, String> provenance) {
        List<Path> written = new ArrayList<>();
        for (int k = 0; k <= maxDim; k++) {
            JFreeChart c = Charts.bettiCurves("Betti curves β" + k + " per layer (mean over inputs and planes)", k,
                    bettiCurves(rows, k));
            written.addAll(pair(c, dir, "betti" + k + "_curves", provenance));
        }
        String stat = "betti" + Math.min(1, maxDim) + "_t" + thresholdLabel;
        HeadMeans heat = headMeans(rows, stat);
        if (heat.values().length > 0) {
            // the human name in the figure (β₁ at weight ≥ 0.10), the column name on the colour bar and in the file
            int k = Math.min(1, maxDim);
            String human = "β" + (char) ('₀' + k) + " at weight ≥ " + thresholdLabel;
            written.addAll(pair(Charts.headHeatMap("Mean " + human + " by layer and head (over inputs)",
                    stat + " (" + human + ")", heat.values(), heat.rows()), dir, "heatmap_" + stat, provenance));
        }
        if (maxClique >= 2) {
            written.addAll(pair(Charts.cliqueHistogram("Mean clique counts at weight ≥ " + thresholdLabel
                    + " per layer (k = 1: nodes)", cliqueMeans(rows, thresholdLabel, maxClique)), dir,
                    "cliques_t" + thresholdLabel, provenance));
        }
        PlaneRecord richest = null;
        for (PlaneRecord r : rows) {
            if (r.barcodes().size() > 1 && (richest == null
                    || r.barcodes().get(1).size() > richest.barcodes().get(1).size())) {
                richest = r;
            }
        }
        if (richest == null && !rows.isEmpty()) {
            richest = rows.get(0);
        }
        if (richest != null) {
            String what = "input " + richest.input() + ", " + Group.of(richest).name() + ", head " + richest.head();
            written.addAll(pair(Charts.persistenceDiagram("Persistence diagram (" + what + ")", richest.barcodes()),
                    dir, "diagram", provenance));
            written.addAll(pair(Charts.barcode("Barcode (" + what + ")", richest.barcodes()), dir, "barcode",
                    provenance));
        }
        return written;
    }

    private static List<Path> pair(JFreeChart chart, Path dir, String name, Map<String, String> provenance) {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        ChartExport.write(chart, png, WIDTH, HEIGHT, provenance);
        ChartExport.write(chart, svg, WIDTH, HEIGHT, provenance);
        return List.of(png, svg);
    }
}
