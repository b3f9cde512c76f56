package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.divergence.CrossBarcodes;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.SmallMultiples;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes compare}: two models (e.g. fp32 vs int8) on one text, or one model on two texts, plane by
 * plane. Writes {@code compare.csv} (per layer × head or reduction: each statistic for A, for B and B − A, plus
 * the mean and largest |Δw| of the raw weights, and the cross-barcodes / RTD of the two planes when they have the
 * same number of tokens), {@code provenance.json}, and, when the tokens are identical,
 * the signed difference figure {@code difference.png}/{@code .svg} (diverging colours, A − B).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two models on one text, or two texts on one model: a difference figure (A - B, when the"
                + " tokens are identical) and a per-layer statistics table.", "",
            "Example: attnplanes compare --model fp32.onnx --other-model int8.onnx --text \"The cat sat.\" --out cmp/"})
public final class CompareCommand implements Callable<Integer>, ViewOptions.Base {

    /** The graph spec the view options start from (their defaults in --help). */
    @Override
    public GraphSpec baseSpec() {
        return GraphSpec.builder().classifier(false).build();
    }

    @Option(names = "--text", paramLabel = "TEXT", required = true, description = "Text A (and B unless --other-text).")
    String text;

    @Option(names = "--other-text", paramLabel = "TEXT", description = "Text B (same model).")
    String otherText;

    @Option(names = "--other-model", paramLabel = "FILE", description = "Model B (default: the same as A).")
    Path otherModel;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--no-cross-barcodes",
            description = "Skip the cross-barcodes / RTD between the A and B plane of every layer (computed by default"
                    + " when both have the same number of tokens; token i of A paired with token i of B).")
    boolean noCrossBarcodes;

    @Mixin
    ModelOptions model;

    @Mixin
    ViewOptions view;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

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
    private static String sides(Map<String, String> provenance, AttentionTrace a, AttentionTrace b) {
        String ma = provenance.getOrDefault("model", "");
        String mb = provenance.getOrDefault("b.model", ma);
        return ma.equals(mb) ? ma + ", two texts" : "A = " + ma + ", B = " + mb;
    }

    private static String shorten(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return "“" + (t.length() > 48 ? t.substring(0, 47) + "…" : t) + "”";
    }

    @Override
    public Integer call() {
        if (otherText == null && otherModel == null) {
            throw new UserInputException("compare needs --other-model FILE or --other-text TEXT");
        }
        if (otherModel != null && !Files.isRegularFile(otherModel)) {
            throw new UserInputException("--other-model " + otherModel + " does not exist");
        }
        GraphSpec graphSpec = view.toSpec(baseSpec(), model);
        PlaneStatistics stats = topology.settings().withFeatures(false)
                .statistics(Runtime.getRuntime().availableProcessors());
        OutputSet outs = output.directory("--out", out, false, OutputOptions.inputs("--model", model.modelFile(),
                "--tokenizer", model.tokenizerFile(), "--other-model", otherModel), RESULT_NAMES);
        try (outs) {
            return compare(outs, graphSpec, stats);
        }
    }

    /** What compare writes into --out (to recognise an earlier run's results). */
    static final List<String> RESULT_NAMES = List.of("compare.csv", "difference.png", "difference.svg",
            "provenance.json");

    private int compare(OutputSet outs, GraphSpec graphSpec, PlaneStatistics stats) {
        PrintWriter o = spec.commandLine().getOut();
        AttentionTrace a;
        AttentionTrace b;
        Map<String, String> provenance;
        try (AttentionModel ma = model.open(view.needsValueNorms())) {
            a = Workbench.capture(ma, text, "--text");
            provenance = new LinkedHashMap<>(Workbench.modelProvenance(ma));
            if (otherModel == null) {
                b = Workbench.capture(ma, otherText, "--other-text");
            } else {
                try (AttentionModel mb = Workbench.open(otherModel, model.captureOptions(view.needsValueNorms()).toBuilder()
                        .tokenizer(null).build())) {
                    b = Workbench.capture(mb, otherText == null ? text : otherText,
                            otherText == null ? "--text" : "--other-text");
                    Workbench.modelProvenance(mb).forEach((k, v) -> provenance.put("b." + k, v));
                }
            }
        }
        MultiPlanarGraph ga = Workbench.build(a, graphSpec);
        MultiPlanarGraph gb = Workbench.build(b, graphSpec);
        provenance.put("text_a", a.text());
        provenance.put("text_b", b.text());
        provenance.putAll(graphSpec.settings());
        provenance.putAll(stats.settings());
        List<PlaneRecord> rowsA = stats.analyze(1, ga);
        List<PlaneRecord> rowsB = stats.analyze(2, gb);
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
            for (Map.Entry<String, Double> e : ra.stats().entrySet()) {
                Double vb = rb.stats().get(e.getKey());
                s.put(e.getKey() + "_a", e.getValue());
                s.put(e.getKey() + "_b", vb == null ? Double.NaN : vb);
                s.put(e.getKey() + "_diff", vb == null ? Double.NaN : vb - e.getValue());
            }
            if (sameTokens) {
                Plane pa = ga.planes().get(i);
                Plane pb = gb.planes().get(i);
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
            if (!noCrossBarcodes && ga.planes().get(i).size() == gb.planes().get(i).size()) {
                putCrossBarcodes(s, ga.planes().get(i), gb.planes().get(i));
            }
            rows.add(new PlaneRecord(1, ra.layer(), ra.head(), ra.tokens(), s, List.of()));
        }
        if (!noCrossBarcodes) {
            provenance.put("cross_barcodes", "R-Cross-Barcode (Barannikov et al. 2022, RTD) of the plane distances"
                    + " d = 1 - w, A as r1 and B as r2: cross_h0_total, cross_h1_bars, cross_h1_total; cross_h1_total_ba"
                    + " with the roles swapped; rtd = (cross_h1_total + cross_h1_total_ba) / 2; only when both planes"
                    + " have the same number of tokens");
        }
        Path csv = out.resolve("compare.csv");
        TidyTableWriter.write(outs.inDirectory("compare.csv"), provenance, rows);
        List<Path> written = new ArrayList<>(List.of(csv));
        if (sameTokens) {
            MultiPlanarGraph diff = MultiPlanarGraph.difference(ga, gb);
            Scene scene = SceneBuilder.build(diff, EncodingSpec.of(Encoding.COLOUR, Encoding.WIDTH));
            double max = Double.parseDouble(scene.provenance().settings().getOrDefault("render.difference.max_abs", "0"));
            String largest = max == 0 ? "0 (A and B agree on every kept edge)"
                    : String.format(java.util.Locale.ROOT, "%.3g", max);
            var fs = org.attnplanes.render.export.FigureSpec.builder().size(1200, 800)
                    .title("A − B: " + sides(provenance, a, b) + " · largest |Δw| = " + largest).build();
            for (String ext : List.of("png", "svg")) {
                RenderCommand.write(scene, fs, outs.inDirectory("difference." + ext));
                written.add(out.resolve("difference." + ext));
            }
        } else {
            // different tokens cannot be subtracted edge by edge: draw A and B side by side, same camera
            EncodingSpec enc = view.encodingSpec();
            List<Scene> panels = List.of(
                    SceneBuilder.build(ga, enc).withTitle("A: " + shorten(a.text()) + " (" + a.tokenCount() + " tokens)"),
                    SceneBuilder.build(gb, enc).withTitle("B: " + shorten(b.text()) + " (" + b.tokenCount() + " tokens)"));
            var fs = org.attnplanes.render.export.FigureSpec.builder().size(800, 760)
                    .title("A and B side by side: " + sides(provenance, a, b)).build();
            for (String ext : List.of("png", "svg")) {
                Path f = out.resolve("side-by-side." + ext);
                if (ext.equals("png")) {
                    SmallMultiples.writePng(panels, fs, f);
                } else {
                    SmallMultiples.writeSvg(panels, fs, f);
                }
                written.add(f);
            }
            o.println("no difference figure: the tokens differ (" + a.tokenCount() + " vs " + b.tokenCount()
                    + " tokens); side-by-side.png shows both, and the statistics table compares the layers");
        }
        Path prov = out.resolve("provenance.json");
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, Map.of("command", "attnplanes "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()), "rows", rows.size()));
        written.add(prov);
        outs.publish();
        for (Path p : written) {
            o.println("wrote " + p);
        }
        o.flush();
        return ExitCodes.OK;
    }
}
