package org.attnplanes.bench.scaling;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attnplanes.app.plot.ChartExport;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The scaling table (markdown and TSV) and its log–log plot (SVG, two panels: time and memory). */
final class ScalingReport {

    /** Slopes are also fitted from this n on, where the constant costs (start-up, small planes) stop dominating. */
    static final int LARGE_FROM = 128;

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0xe377c2)};

    private ScalingReport() {
    }

    /** The markdown table: one row per series, one column per n, then the two fitted exponents. */
    static String markdown(List<Series> series, int[] ns) {
        StringBuilder sb = new StringBuilder("| stage | run | unit |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (int n : ns) {
            sb.append(" n = ").append(n).append(" |");
            rule.append("---|");
        }
        sb.append(" exponent, all n | exponent, n ≥ ").append(LARGE_FROM).append(" |\n");
        sb.append(rule).append("---|---|\n");
        String last = null;
        for (Series s : series) {
            sb.append("| ").append(s.stage.equals(last) ? "" : s.stage).append(" | ")
                    .append(s.ours ? "**" + s.who + "**" : s.who).append(" | ").append(s.unit).append(" |");
            last = s.stage;
            for (int i = 0; i < ns.length; i++) {
                sb.append(' ').append(s.notes[i] != null ? s.notes[i] : number(s.values[i])).append(" |");
            }
            sb.append(' ').append(exponent(s.slope(ns, 0))).append(" | ")
                    .append(exponent(s.slope(ns, LARGE_FROM))).append(" |\n");
        }
        return sb.toString();
    }

    /** Tab-separated: stage, run, unit, n, value, note (empty when finished). */
    static String tsv(List<Series> series, int[] ns) {
        StringBuilder sb = new StringBuilder("stage\trun\tunit\tn\tvalue\tnote\n");
        for (Series s : series) {
            for (int i = 0; i < ns.length; i++) {
                sb.append(s.stage).append('\t').append(s.who).append('\t').append(s.unit).append('\t').append(ns[i])
                        .append('\t').append(Double.isNaN(s.values[i]) ? "" : String.format(Locale.ROOT, "%.6g",
                                s.values[i]))
                        .append('\t').append(s.notes[i] == null ? "" : s.notes[i]).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes the log–log plot: the upper panel every series in milliseconds, the lower one every series in MB;
     * ours solid, the peer or baseline of the same stage dashed in the same colour. Unfinished points are left out;
     * a note beside the last finished point says where and how a run was stopped.
     */
    static void svg(List<Series> series, int[] ns, Path target, Map<String, String> provenance) {
        LogAxis x = new LogAxis("tokens n");
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        x.setRange(ns[0] / 1.25, ns[ns.length - 1] * 1.25);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        Map<String, Color> stageColors = new LinkedHashMap<>();
        for (String unit : List.of("ms", "MB")) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            List<Series> shown = new ArrayList<>();
            for (Series s : series) {
                if (!s.unit.endsWith(unit)) {
                    continue;
                }
                XYSeries xy = new XYSeries(s.stage + ": " + s.who, true, false);
                for (int i = 0; i < ns.length; i++) {
                    if (s.finished(i)) {
                        xy.add(ns[i], s.values[i]);
                    }
                }
                data.addSeries(xy);
                shown.add(s);
            }
            if (shown.isEmpty()) {
                continue;
            }
            for (int k = 0; k < shown.size(); k++) {
                Series s = shown.get(k);
                Color c = stageColors.computeIfAbsent(s.stage, st -> COLORS[stageColors.size() % COLORS.length]);
                r.setSeriesPaint(k, c);
                // ours solid, ours as a whole process (JVM start included) dotted, the peer dashed
                float[] dash = s.ours ? (s.who.contains("whole process") ? new float[] {2f, 3f} : null)
                        : new float[] {6f, 4f};
                r.setSeriesStroke(k, dash == null ? new BasicStroke(2f)
                        : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            }
            LogAxis y = new LogAxis(unit.equals("ms") ? "milliseconds (log)" : "MB (log)");
            y.setBase(10);
            y.setSmallestValue(1e-3);
            y.setTickUnit(new NumberTickUnit(1));
            y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
            XYPlot p = new XYPlot(data, null, y, r);
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xdddddd));
            p.setRangeGridlinePaint(new Color(0xdddddd));
            // where a run was stopped: its note beside its last finished point, in its colour
            for (Series s : shown) {
                for (int i = 1; i < ns.length; i++) {
                    if (s.notes[i] != null && s.notes[i].length() > 1 && !s.notes[i].startsWith("not run")
                            && s.finished(i - 1)) {
                        // the note up to its first colon or parenthesis ("CPU limit", "> 16 GiB"): the table
                        // has the rest
                        String why = s.notes[i].split(":| \\(", 2)[0];
                        XYTextAnnotation a = new XYTextAnnotation("▲ " + s.who + " at n = " + ns[i] + ": " + why,
                                ns[i - 1] * 1.08, s.values[i - 1]);
                        a.setPaint(stageColors.get(s.stage));
                        a.setFont(a.getFont().deriveFont(11f));
                        a.setTextAnchor(TextAnchor.TOP_LEFT);
                        p.addAnnotation(a);
                    }
                }
            }
            plot.add(p, unit.equals("ms") ? 3 : 1);
        }
        JFreeChart chart = new JFreeChart(
                "Cost vs tokens n, MiniLM (solid: ours; dotted: ours, whole process; dashed: peer or baseline)",
                JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartExport.write(chart, target, 980, 900, provenance);
    }

    private static String exponent(double e) {
        return Double.isNaN(e) ? "–" : String.format(Locale.ROOT, "%.2f", e);
    }

    /** Three significant digits, no exponent notation for the ranges used here. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
