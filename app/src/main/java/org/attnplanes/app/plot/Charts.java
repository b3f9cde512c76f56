package org.attnplanes.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds the research charts. Every method returns a fresh {@link JFreeChart} with a title, axis labels and a
 * legend; export it with {@link ChartExport}. Filtration values are in the project's convention: an edge of
 * weight w enters at 1 − w, so the weight-threshold axes run from 1 (strongest edges only) to 0.
 */
public final class Charts {

    /** Colours for dimensions 0..3 (colour-blind-safe Okabe–Ito). */
    private static final Color[] DIM_COLOURS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7)};

    private Charts() {
    }

    /**
     * Betti curves: one line per curve (typically one per layer) of β_k against the weight threshold t
     * (edges with w ≥ t present).
     *
     * @param k the homology dimension, for the axis label
     */
    public static JFreeChart bettiCurves(String title, int k, List<Curve> curves) {
        JFreeChart chart = lines(title, "weight threshold t (edges with w ≥ t)", "β" + subscript(k), curves);
        NumberAxis xAxis = (NumberAxis) chart.getXYPlot().getDomainAxis();
        xAxis.setInverted(true);
        xAxis.setRange(0, 1);
        if (!noteIfConstant(chart, curves, "β" + subscript(k), "on every curve and threshold")) {
            noteCoinciding(chart, curves, "at every threshold");
        }
        return chart;
    }

    /**
     * A statistic across checkpoints: one line per curve (typically per layer), x = checkpoint index, with every
     * checkpoint named on the x axis.
     *
     * @param checkpoints the names of the checkpoints, in order (x = 0, 1, …)
     */
    public static JFreeChart seriesCurves(String title, String statistic, List<String> checkpoints, List<Curve> curves) {
        JFreeChart chart = lines(title, "checkpoint", statistic, curves);
        XYPlot plot = chart.getXYPlot();
        SymbolAxis x = new SymbolAxis("checkpoint", checkpoints.toArray(String[]::new));
        x.setGridBandsVisible(false);
        x.setRange(-0.3, Math.max(1, checkpoints.size() - 1) + 0.3);
        if (checkpoints.size() > 4) {
            x.setVerticalTickLabels(true);
        }
        plot.setDomainAxis(x);
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        if (!noteIfConstant(chart, curves, statistic, "at every checkpoint and layer")) {
            noteCoinciding(chart, curves, "at every checkpoint");
        }
        return chart;
    }

    private static JFreeChart lines(String title, String xLabel, String yLabel, List<Curve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            double[] x = c.x();
            double[] y = c.y();
            for (int i = 0; i < x.length; i++) {
                s.add(x[i], y[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, true, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, sequential(i, curves.size()));
            r.setSeriesStroke(i, new BasicStroke(1.8f));
        }
        plot.setRenderer(r);
        style(chart);
        return chart;
    }

    /**
     * Curves with the same values everywhere are drawn on top of each other, so only the last of them shows: a
     * subtitle names each such group ("layer 1 = layer 2 = layer 3: 0 at every checkpoint, drawn as one line").
     *
     * @return the groups of two or more coinciding curves, by name
     */
    public static List<List<String>> noteCoinciding(JFreeChart chart, List<Curve> curves, String where) {
        List<List<String>> groups = new java.util.ArrayList<>();
        boolean[] taken = new boolean[curves.size()];
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            if (taken[i]) {
                continue;
            }
            List<String> group = new java.util.ArrayList<>(List.of(curves.get(i).name()));
            for (int j = i + 1; j < curves.size(); j++) {
                if (!taken[j] && same(curves.get(i), curves.get(j))) {
                    taken[j] = true;
                    group.add(curves.get(j).name());
                }
            }
            if (group.size() > 1) {
                groups.add(group);
                double[] y = curves.get(i).y();
                boolean constant = java.util.Arrays.stream(y).allMatch(v -> v == y[0]);
                String value = !constant ? "" : ": " + (y[0] == Math.rint(y[0]) ? Long.toString((long) y[0])
                        : String.format(java.util.Locale.ROOT, "%.4g", y[0])) + " " + where;
                parts.add(String.join(" = ", group) + value);
            }
        }
        if (!parts.isEmpty()) {
            TextTitle t = new TextTitle("drawn as one line each (equal values): " + String.join("; ", parts),
                    new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            t.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(0, t);
        }
        return groups;
    }

    private static boolean same(Curve a, Curve b) {
        if (a.x().length != b.x().length) {
            return false;
        }
        for (int k = 0; k < a.x().length; k++) {
            double ya = a.y()[k];
            double yb = b.y()[k];
            if (a.x()[k] != b.x()[k] || !(ya == yb || Math.abs(ya - yb) <= 1e-12 * Math.max(1, Math.abs(ya))
                    || Double.isNaN(ya) && Double.isNaN(yb))) {
                return false;
            }
        }
        return true;
    }

    /**
     * When every finite value of the curves is the same (an all-zero statistic such as β₃ of small planes, or
     * two identical checkpoints), JFreeChart would zoom the value axis into a ±5e-9 band of rounding noise:
     * the axis gets a range of ±1 around the value instead and a subtitle says the statistic is constant.
     *
     * @return whether the curves were constant
     */
    public static boolean noteIfConstant(JFreeChart chart, List<Curve> curves, String statistic, String where) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : c.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi) || hi - lo > 1e-12 * Math.max(1, Math.abs(hi))) {
            return false;
        }
        double v = Math.abs(lo) < 1e-12 ? 0 : lo;
        ValueAxis axis = chart.getXYPlot().getRangeAxis();
        axis.setRange(v == 0 ? -0.05 : v - 1, v + 1);   // counts and totals are never negative: 0 sits at the bottom
        String value = v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
        chart.addSubtitle(0, note(statistic + " = " + value + " " + where));
        return true;
    }

    /** A bold red subtitle stating what a degenerate chart shows. */
    static TextTitle note(String text) {
        TextTitle note = new TextTitle(text, new Font(Font.SANS_SERIF, Font.BOLD, 13));
        note.setPaint(new Color(0xB2182B));
        return note;
    }

    /**
     * A persistence diagram: one point per bar (birth, death) in filtration units, coloured by dimension;
     * infinite deaths are drawn on a dashed line above the finite ones, labelled "death = ∞".
     *
     * @param byDimension {@code byDimension.get(k)} = bars of dimension k as {@code {birth, death}}
     */
    public static JFreeChart persistenceDiagram(String title, List<List<double[]>> byDimension) {
        double max = maxFinite(byDimension);
        double inf = max * 1.08 + 1e-3;
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < byDimension.size(); k++) {
            XYSeries s = new XYSeries("H" + k + " (" + byDimension.get(k).size() + " bars)", false, true);
            for (double[] bar : byDimension.get(k)) {
                s.add(bar[0], Double.isFinite(bar[1]) ? bar[1] : inf);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, "birth (1 − w)", "death (1 − w)", data,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        for (int k = 0; k < byDimension.size(); k++) {
            plot.getRenderer().setSeriesPaint(k, DIM_COLOURS[k % DIM_COLOURS.length]);
        }
        plot.getDomainAxis().setRange(0, inf * 1.02);
        plot.getRangeAxis().setRange(0, inf * 1.07);
        plot.addAnnotation(new XYLineAnnotation(0, 0, inf, inf, new BasicStroke(1f), Color.GRAY));
        if (anyInfinite(byDimension)) {
            // the points on this line never die: say so, or a reader takes them for deaths at its height
            plot.addAnnotation(new XYLineAnnotation(0, inf, inf, inf, DASHED, Color.GRAY));
            XYTextAnnotation label = new XYTextAnnotation("death = ∞ (never dies)", inf, inf * 1.012);
            label.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
            label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            label.setPaint(Color.DARK_GRAY);
            plot.addAnnotation(label);
        }
        style(chart);
        return chart;
    }

    /**
     * A barcode: one horizontal bar per interval, grouped by dimension (H0 at the bottom); infinite bars run
     * to a dashed line labelled "∞" near the right edge.
     */
    public static JFreeChart barcode(String title, List<List<double[]>> byDimension) {
        return barcode(title, byDimension, true);
    }

    /**
     * A barcode; with {@code sortByBirth} false, item i of series k is bar i of dimension k as given (the desktop
     * app maps a clicked item back to its bar that way).
     */
    public static JFreeChart barcode(String title, List<List<double[]>> byDimension, boolean sortByBirth) {
        double max = maxFinite(byDimension);
        double inf = max * 1.08 + 1e-3;
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        int row = 0;
        for (int k = 0; k < byDimension.size(); k++) {
            long infinite = byDimension.get(k).stream().filter(b -> !Double.isFinite(b[1])).count();
            XYIntervalSeries s = new XYIntervalSeries("H" + k + " (" + byDimension.get(k).size() + " bars"
                    + (infinite == 0 ? "" : "; " + infinite + " never dies: death = ∞ at the dashed line") + ")");
            List<double[]> bars = new java.util.ArrayList<>(byDimension.get(k));
            if (sortByBirth) {
                bars.sort((a, b) -> Double.compare(a[0], b[0]));
            }
            for (double[] bar : bars) {
                double d = Double.isFinite(bar[1]) ? bar[1] : inf;
                s.add(row, row - 0.4, row + 0.4, d, bar[0], d);
                row++;
            }
            row++;
            data.addSeries(s);
        }
        NumberAxis filtration = new NumberAxis("filtration value (1 − w)");
        filtration.setRange(0, inf * 1.02);
        NumberAxis index = new NumberAxis("bar");
        index.setTickLabelsVisible(false);
        index.setTickMarksVisible(false);
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardXYBarPainter());
        r.setDrawBarOutline(false);
        for (int k = 0; k < byDimension.size(); k++) {
            r.setSeriesPaint(k, DIM_COLOURS[k % DIM_COLOURS.length]);
        }
        XYPlot plot = new XYPlot(data, index, filtration, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        if (anyInfinite(byDimension)) {
            // said in the legend, not in a label at the line: JFreeChart turns text on a horizontal plot, and a
            // turned ∞ reads as 8
            plot.addRangeMarker(new ValueMarker(inf, Color.GRAY, DASHED));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
        return chart;
    }

    /**
     * A clique-count histogram: number of k-cliques by size k, one bar series per group (e.g. per layer).
     *
     * @param countsByGroup group name → {@code counts[k-1]} = number of k-cliques
     */
    public static JFreeChart cliqueHistogram(String title, Map<String, long[]> countsByGroup) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int maxK = 0;
        for (long[] c : countsByGroup.values()) {
            maxK = Math.max(maxK, c.length);
        }
        for (Map.Entry<String, long[]> e : countsByGroup.entrySet()) {
            for (int k = 1; k <= maxK; k++) {
                long v = k <= e.getValue().length ? e.getValue()[k - 1] : 0;
                data.addValue(v, e.getKey(), Integer.valueOf(k));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "clique size k (vertices)", "number of k-cliques",
                data, PlotOrientation.VERTICAL, true, true, false);
        CategoryPlot plot = chart.getCategoryPlot();
        boolean any = false;
        boolean anyEdge = false;
        for (long[] counts : countsByGroup.values()) {
            for (int k = 0; k < counts.length; k++) {
                any |= counts[k] != 0;
                anyEdge |= k >= 1 && counts[k] != 0;
            }
        }
        if (!any) {
            // JFreeChart would draw an empty frame with a 0..1 axis: say what it means instead
            plot.getRangeAxis().setRange(0, 1);
            chart.addSubtitle(0, note("no cliques of any size: every count is 0"));
        } else if (!anyEdge && maxK >= 1) {
            chart.addSubtitle(0, note("only single vertices (k = 1): no edge is kept, so no k-clique with k ≥ 2"));
        }
        org.jfree.chart.renderer.category.BarRenderer r = (org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < countsByGroup.size(); i++) {
            r.setSeriesPaint(i, sequential(i, countsByGroup.size()));
        }
        style(chart);
        return chart;
    }

    /**
     * A layer × head heat map of one per-head statistic (viridis scale, with a colour legend).
     *
     * @param values    {@code values[layer][head]}; NaN cells are left blank
     * @param statistic the statistic's name (colour-bar label)
     */
    public static JFreeChart headHeatMap(String title, String statistic, double[][] values) {
        List<String> rows = new java.util.ArrayList<>();
        for (int l = 0; l < values.length; l++) {
            rows.add(Integer.toString(l));
        }
        return headHeatMap(title, statistic, values, rows);
    }

    /**
     * As {@link #headHeatMap(String, String, double[][])} with named rows ("encoder layer 0", …): the row axis is
     * titled "layer" when the names are layer numbers, else "block and layer".
     */
    public static JFreeChart headHeatMap(String title, String statistic, double[][] values, List<String> rowNames) {
        if (rowNames.size() != values.length) {
            throw new IllegalArgumentException(rowNames.size() + " row names for " + values.length + " rows");
        }
        int layers = values.length;
        int heads = layers == 0 ? 0 : values[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int cells = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    cells++;
                }
            }
        }
        double[][] xyz = new double[3][cells];
        int c = 0;
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < values[l].length; h++) {
                if (Double.isFinite(values[l][h])) {
                    xyz[0][c] = h;
                    xyz[1][c] = l;
                    xyz[2][c] = values[l][h];
                    c++;
                }
            }
        }
        String constant = null;
        if (cells == 0) {
            lo = 0;
            hi = 1;
            constant = "no value: " + statistic + " is undefined on every layer and head";
        } else if (hi <= lo) {
            constant = statistic + " = " + (lo == Math.rint(lo) ? Long.toString((long) lo)
                    : String.format(java.util.Locale.ROOT, "%.4g", lo)) + " on every layer and head";
            hi = lo + 1;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(statistic, xyz);
        String[] headLabels = new String[heads];
        for (int h = 0; h < heads; h++) {
            headLabels[h] = Integer.toString(h);
        }
        boolean numbered = rowNames.stream().allMatch(n -> n.matches("\\d+"));
        List<String> shortNames = rowNames.stream().map(n -> n.replace(" layer ", " ")).toList();
        SymbolAxis x = new SymbolAxis("head", headLabels);
        SymbolAxis y = new SymbolAxis(numbered ? "layer" : "block and layer", shortNames.toArray(String[]::new));
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYBlockRenderer r = new XYBlockRenderer();
        ViridisScale scale = new ViridisScale(lo, hi);
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        x.setRange(-0.5, heads - 0.5);
        y.setRange(-0.5, layers - 0.5);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        if (constant != null) {
            // one colour everywhere: a colour scale would suggest a range that is not there
            chart.addSubtitle(0, note(constant));
        } else {
            NumberAxis scaleAxis = new NumberAxis(statistic);
            scaleAxis.setRange(lo, hi);
            PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setMargin(new RectangleInsets(8, 8, 8, 8));
            legend.setStripWidth(14);
            legend.setAxisOffset(4);
            chart.addSubtitle(legend);
        }
        style(chart);
        return chart;
    }

    /** Colour i of n along viridis (well separated, colour-blind-safe). */
    static Color sequential(int i, int n) {
        double t = n <= 1 ? 0.1 : 0.9 * i / (n - 1);
        return ViridisScale.colour(t);
    }

    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 4f}, 0f);

    private static boolean anyInfinite(List<List<double[]>> byDimension) {
        for (List<double[]> dim : byDimension) {
            for (double[] bar : dim) {
                if (!Double.isFinite(bar[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double maxFinite(List<List<double[]>> byDimension) {
        double max = 0;
        for (List<double[]> dim : byDimension) {
            for (double[] bar : dim) {
                for (double v : bar) {
                    if (Double.isFinite(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return max == 0 ? 1 : max;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        // room on the right for the last tick label of the x axis (JFreeChart centres it on the plot's edge)
        chart.setPadding(new RectangleInsets(4, 6, 4, 18));
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(new Color(0xF7F7F7));
            p.setDomainGridlinePaint(new Color(0xDDDDDD));
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(new Color(0xF7F7F7));
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        }
    }

    private static String subscript(int k) {
        StringBuilder sb = new StringBuilder();
        for (char ch : Integer.toString(k).toCharArray()) {
            sb.append((char) ('₀' + (ch - '0')));
        }
        return sb.toString();
    }

    /** The viridis colour map as a JFreeChart paint scale (linear between lower and upper bound). */
    static final class ViridisScale implements PaintScale {
        private static final int[] STOPS = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779,
            0x6DCD59, 0xB4DE2C, 0xFDE725};
        private final double lower;
        private final double upper;

        ViridisScale(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = (value - lower) / (upper - lower);
            return colour(Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0);
        }

        static Color colour(double t) {
            double pos = t * (STOPS.length - 1);
            int i = Math.min((int) pos, STOPS.length - 2);
            double f = pos - i;
            int a = STOPS[i];
            int b = STOPS[i + 1];
            return new Color(lerp(a >> 16, b >> 16, f), lerp((a >> 8) & 0xFF, (b >> 8) & 0xFF, f),
                    lerp(a & 0xFF, b & 0xFF, f));
        }

        private static int lerp(int a, int b, double f) {
            return (int) Math.round(a + (b - a) * f);
        }
    }
}
