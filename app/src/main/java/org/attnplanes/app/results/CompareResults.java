package org.attnplanes.app.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.ClassColumns;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ClassifierPlane;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.SmallMultiples;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.divergence.CrossBarcodes;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;

/**
 * The result files of {@code compare}: two traces (two models on one text, or one model on two texts) plane by
 * plane into {@code compare.csv} (each statistic for A, for B and B − A, the mean and largest |Δw| when the tokens
 * are identical, the cross-barcodes / RTD of the two planes when they have the same number of tokens), the signed
 * difference figure {@code difference.png}/{@code .svg} (identical tokens) or A and B side by side
 * ({@code side-by-side.png}/{@code .svg}), and {@code provenance.json}.
 */
public final class CompareResults {

    /** What compare writes into its output folder (to recognise an earlier run's results). */
    public static final List<String> NAMES = List.of("compare.csv", "difference.png", "difference.svg",
            "side-by-side.png", "side-by-side.svg", "provenance.json");

    private CompareResults() {
    }

    /**
     * The two sides.
     *
     * @param a                 trace A
     * @param b                 trace B
     * @param provenance        the model provenance of A, and B's under {@code b.} keys when B is another model
     * @param graphSpec         how both traces become planes
     * @param stats             the statistics per plane
     * @param crossBarcodes     whether to compute the cross-barcodes / RTD columns
     * @param sideBySide        the encoding of the side-by-side figure (tokens differ)
     * @param command           the command line as typed, for {@code provenance.json}
     * @param figureChoices     what the user chose of the pruning and links: a long input's figures are thinned
     *                          ({@link LongInputs}) unless chosen; the numbers never are
     */
    public record Request(AttentionTrace a, AttentionTrace b, Map<String, String> provenance, GraphSpec graphSpec,
                          PlaneStatistics stats, boolean crossBarcodes, EncodingSpec sideBySide, String command,
                          LongInputs.Choices figureChoices) {

        /** A request whose figures get the long-input defaults (nothing chosen). */
        public Request(AttentionTrace a, AttentionTrace b, Map<String, String> provenance, GraphSpec graphSpec,
                       PlaneStatistics stats, boolean crossBarcodes, EncodingSpec sideBySide, String command) {
            this(a, b, provenance, graphSpec, stats, crossBarcodes, sideBySide, command,
                    new LongInputs.Choices(false, false));
        }
    }

    /**
     * What was written.
     *
     * @param files      the written paths under the output folder, in the order they are reported
     * @param sameTokens whether A and B have identical tokens (a difference figure) or not (side by side)
     */
    public record Written(List<Path> files, boolean sameTokens) {
    }

    /**
     * Compares and writes every file into the staging area of {@code outs} (the caller publishes).
     *
     * @param out the output folder as the user named it (for the reported paths)
     * @throws UserInputException when the two sides have different numbers of planes
     */
    public static Written write(OutputSet outs, Path out, Request request) {
        AttentionTrace a = request.a();
        AttentionTrace b = request.b();
        PlaneStatistics stats = request.stats();
        MultiPlanarGraph ga = Workbench.build(a, request.graphSpec());
        MultiPlanarGraph gb = Workbench.build(b, request.graphSpec());
        Map<String, String> provenance = new LinkedHashMap<>(request.provenance());
        provenance.put("text_a", a.text());
        provenance.put("text_b", b.text());
        provenance.putAll(request.graphSpec().settings());
        provenance.putAll(stats.settings());
        // a classifier's prediction on each side, first (as in analyze's planes.csv), under the same names + _a/_b/_diff
        ClassifierPlane ca = Analysis.classifier(a, request.graphSpec());
        ClassifierPlane cb = Analysis.classifier(b, request.graphSpec());
        List<PlaneRecord> rowsA = ClassColumns.prepend(stats.analyze(1, ga), ca);
        List<PlaneRecord> rowsB = ClassColumns.prepend(stats.analyze(2, gb), cb);
        if (ca != null || cb != null) {
            provenance.put("class_columns", ClassColumns.describe(ClassColumns.names((ca != null ? ca : cb).labels()))
                    + "; in compare.csv each as <column>_a (A), <column>_b (B) and <column>_diff (B - A;"
                    + " predicted_class_diff is not 0 where the two sides predict different classes); NaN on a side"
                    + " without a classification output");
        }
        if (rowsA.size() != rowsB.size()) {
            throw new UserInputException("the two sides have " + rowsA.size() + " and " + rowsB.size()
                    + " planes; compare needs models with the same layers and heads");
        }
        List<PlaneRecord> rows = new ArrayList<>();
        boolean sameTokens = a.tokens().stream().map(t -> t.text()).toList()
                .equals(b.tokens().stream().map(t -> t.text()).toList());
        for (int i = 0; i < rowsA.size(); i++) {
            PlaneRecord ra = rowsA.get(i);
            PlaneRecord rb = rowsB.get(i);
            Map<String, Double> s = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(ra.stats().keySet());
            rb.stats().keySet().stream().filter(k -> !ra.stats().containsKey(k)).forEach(keys::add);
            for (String key : keys) {
                Double va = ra.stats().get(key);
                Double vb = rb.stats().get(key);
                double x = va == null ? Double.NaN : va;
                double y = vb == null ? Double.NaN : vb;
                s.put(key + "_a", x);
                s.put(key + "_b", y);
                s.put(key + "_diff", y - x);
            }
            if (sameTokens) {
                putWeightDifference(s, ga.planes().get(i), gb.planes().get(i));
            }
            if (request.crossBarcodes() && ga.planes().get(i).size() == gb.planes().get(i).size()) {
                putCrossBarcodes(s, ga.planes().get(i), gb.planes().get(i));
            }
            rows.add(new PlaneRecord(1, ra.layer(), ra.head(), ra.tokens(), s, List.of()));
        }
        if (request.crossBarcodes()) {
            provenance.put("cross_barcodes", "R-Cross-Barcode (Barannikov et al. 2022, RTD) of the plane distances"
                    + " d = 1 - w, A as r1 and B as r2: cross_h0_total, cross_h1_bars, cross_h1_total; cross_h1_total_ba"
                    + " with the roles swapped; rtd = (cross_h1_total + cross_h1_total_ba) / 2; only when both planes"
                    + " have the same number of tokens");
        }
        TidyTableWriter.write(outs.inDirectory("compare.csv"), provenance, rows);
        List<Path> written = new ArrayList<>(List.of(out.resolve("compare.csv")));
        if (sameTokens) {
            written.addAll(differenceFigure(outs, out, request, ga, gb, provenance));
        } else {
            written.addAll(sideBySideFigure(outs, out, request, ga, gb, provenance));
        }
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, Map.of("command",
                request.command(), "rows", rows.size()));
        written.add(out.resolve("provenance.json"));
        return new Written(List.copyOf(written), sameTokens);
    }

    /**
     * The signed difference figure. For a long input the figure (only) is thinned: the residual links are left
     * out unless chosen and each token keeps its {@link LongInputs#TOP_K} edges of largest |Δw| unless a pruning
     * was chosen, so the largest difference always stays in the figure; compare.csv is computed on every edge.
     */
    private static List<Path> differenceFigure(OutputSet outs, Path out, Request request, MultiPlanarGraph ga,
                                               MultiPlanarGraph gb, Map<String, String> provenance) {
        int tokens = ga.tokens().size();
        LongInputs.Choices choices = request.figureChoices();
        GraphSpec figSpec = LongInputs.differenceSpec(tokens, request.graphSpec(), choices);
        MultiPlanarGraph diff = figSpec == request.graphSpec() ? MultiPlanarGraph.difference(ga, gb)
                : MultiPlanarGraph.difference(Workbench.build(request.a(), figSpec), Workbench.build(request.b(), figSpec));
        Scene scene = SceneBuilder.build(diff, EncodingSpec.of(Encoding.COLOUR, Encoding.WIDTH));
        if (LongInputs.applies(tokens, choices)) {
            int all = scene.edges().size();
            scene = LongInputs.strongestPerToken(scene, LongInputs.TOP_K);
            scene = LongInputs.withNote(scene, String.format(Locale.ROOT, "auto: %d of %d edges drawn, the top-%d"
                    + " |Δw| per token for %d tokens (≥ %d; give --top-k, --mass or --threshold to choose)%s;"
                    + " compare.csv uses every edge", scene.edges().size(), all, LongInputs.TOP_K, tokens,
                    LongInputs.LONG_INPUT, choices.linksGiven() ? "" : ", residual links hidden (--links to show)"));
        }
        double max = Double.parseDouble(scene.provenance().settings().getOrDefault("render.difference.max_abs", "0"));
        String largest = max == 0 ? "0 (A and B agree on every kept edge)"
                : String.format(Locale.ROOT, "%.3g", max);
        FigureSpec fs = FigureSpec.builder().size(1200, 800).fit(true)
                .title("A − B: " + sides(provenance) + " · largest |Δw| = " + largest).build();
        List<Path> files = new ArrayList<>();
        for (String ext : List.of("png", "svg")) {
            FigureFiles.write(scene, fs, outs.inDirectory("difference." + ext));
            files.add(out.resolve("difference." + ext));
        }
        return files;
    }

    /**
     * A and B side by side (different tokens cannot be subtracted edge by edge), same camera; a long side gets
     * the long-input defaults in its panel only.
     */
    private static List<Path> sideBySideFigure(OutputSet outs, Path out, Request request, MultiPlanarGraph ga,
                                               MultiPlanarGraph gb, Map<String, String> provenance) {
        EncodingSpec enc = request.sideBySide();
        List<Scene> panels = new ArrayList<>();
        for (AttentionTrace t : List.of(request.a(), request.b())) {
            LongInputs.Adjusted adj = LongInputs.adjust(t, request.graphSpec(), request.figureChoices());
            boolean isA = t == request.a();
            MultiPlanarGraph g = adj.note() == null ? (isA ? ga : gb) : Workbench.build(t, adj.spec());
            Scene s = LongInputs.withNote(SceneBuilder.build(g, enc), adj.note());
            String side = isA ? "A" : "B";
            AttentionTrace other = isA ? request.b() : request.a();
            panels.add(s.withTitle(side + ": " + shorten(t.text(), other.text()) + " (" + t.tokenCount() + " tokens)"));
        }
        FigureSpec fs = FigureSpec.builder().size(800, 760)
                .title("A and B side by side: " + sides(provenance)).build();
        SmallMultiples.writePng(panels, fs, outs.inDirectory("side-by-side.png"));
        SmallMultiples.writeSvg(panels, fs, outs.inDirectory("side-by-side.svg"));
        return List.of(out.resolve("side-by-side.png"), out.resolve("side-by-side.svg"));
    }

    /** The mean and largest |Δw| between the raw attention of two planes over the same tokens. */
    static void putWeightDifference(Map<String, Double> s, Plane pa, Plane pb) {
        double sum = 0;
        double max = 0;
        int n = pa.size();
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                double d = Math.abs(pa.attention(x, y) - pb.attention(x, y));
                sum += d;
                max = Math.max(max, d);
            }
        }
        s.put("mean_abs_diff", sum / ((double) n * n));
        s.put("max_abs_diff", max);
    }

    /** The cross-barcode columns of one pair of planes (see the provenance text for their meaning). */
    static void putCrossBarcodes(Map<String, Double> s, Plane pa, Plane pb) {
        DistanceMatrix da = Filtration.fromPlane(pa).distances();
        DistanceMatrix db = Filtration.fromPlane(pb).distances();
        CrossBarcodes.Result ab = CrossBarcodes.crossBarcodes(da, db, CrossBarcodes.Normalization.NONE, 1);
        CrossBarcodes.Result ba = CrossBarcodes.crossBarcodes(db, da, CrossBarcodes.Normalization.NONE, 1);
        s.put("cross_h0_total", ab.h0Total());
        s.put("cross_h1_bars", (double) ab.h1Count());
        s.put("cross_h1_total", ab.h1Total());
        s.put("cross_h1_total_ba", ba.h1Total());
        s.put("rtd", (ab.h1Total() + ba.h1Total()) / 2);
    }

    /** "model a vs model b" or "text a vs text b" for titles. */
    private static String sides(Map<String, String> provenance) {
        String ma = provenance.getOrDefault("model", "");
        String mb = provenance.getOrDefault("b.model", ma);
        return ma.equals(mb) ? ma + ", two texts" : "A = " + ma + ", B = " + mb;
    }

    /**
     * The text quoted for a panel title, at most 48 characters: from its start, or, when it shares a long start
     * with the other text, from a little before where the two first differ (so that two titles never read alike).
     */
    static String shorten(String text, String other) {
        String t = text.strip().replaceAll("\\s+", " ");
        String o = other.strip().replaceAll("\\s+", " ");
        int common = 0;
        while (common < t.length() && common < o.length() && t.charAt(common) == o.charAt(common)) {
            common++;
        }
        String lead = "";
        if (t.length() > 48 && common > 30) {
            int from = t.lastIndexOf(' ', common - 12);
            from = from < 0 ? common - 12 : from + 1;
            t = t.substring(from);
            lead = "…";
        }
        int room = 48 - lead.length();
        return "“" + lead + (t.length() > room ? t.substring(0, room - 1) + "…" : t) + "”";
    }
}
