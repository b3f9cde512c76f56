package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.results.CompareResults;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.BudgetedCapture;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.model.AttentionModel;
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
    MemoryOptions memory;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (otherText == null && otherModel == null) {
            throw new UserInputException("compare needs --other-model FILE or --other-text TEXT");
        }
        if (otherModel != null && !Files.isRegularFile(otherModel)) {
            throw new UserInputException("--other-model " + otherModel + " does not exist");
        }
        memory.budget(org.attnplanes.model.CaptureOptions.defaults());     // checked before any output
        GraphSpec graphSpec = view.toSpec(baseSpec(), model);
        PlaneStatistics stats = topology.settings().withFeatures(false)
                .statistics(Runtime.getRuntime().availableProcessors());
        OutputSet outs = output.directory("--out", out, false, OutputOptions.inputs("--model", model.modelFile(),
                "--tokenizer", model.tokenizerFile(), "--other-model", otherModel), CompareResults.NAMES);
        try (outs) {
            return compare(outs, graphSpec, stats);
        }
    }

    private int compare(OutputSet outs, GraphSpec graphSpec, PlaneStatistics stats) {
        PrintWriter o = spec.commandLine().getOut();
        AttentionTrace a;
        AttentionTrace b;
        Map<String, String> provenance;
        int passes;
        try (AttentionModel ma = model.open(memory.apply(model.captureOptions(view.needsValueNorms()), 1))) {
            view.checkClassLabels(ma.describe());
            BudgetedCapture.Captured ca = BudgetedCapture.capture(ma, text, "--text", null);
            a = ca.trace();
            passes = ca.passes();
            provenance = new LinkedHashMap<>(Workbench.modelProvenance(ma));
            var labels = view.classLabels(model);
            if (!labels.isEmpty()) {
                provenance.put("class_labels", labels.describe());
                provenance.put("class_labels_source", labels.source());
            }
            if (otherModel == null) {
                BudgetedCapture.Captured cb = BudgetedCapture.capture(ma, otherText, "--other-text", null);
                b = cb.trace();
                passes = Math.max(passes, cb.passes());
            } else {
                try (AttentionModel mb = Workbench.open(otherModel, memory.apply(model.captureOptions(
                        view.needsValueNorms()), 1).toBuilder().tokenizer(null).build())) {
                    view.checkClassLabels(mb.describe());
                    BudgetedCapture.Captured cb = BudgetedCapture.capture(mb, otherText == null ? text : otherText,
                            otherText == null ? "--text" : "--other-text", null);
                    b = cb.trace();
                    passes = Math.max(passes, cb.passes());
                    Workbench.modelProvenance(mb).forEach((k, v) -> provenance.put("b." + k, v));
                }
            }
        }
        String command = "attnplanes " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        CompareResults.Written written = CompareResults.write(outs, out, new CompareResults.Request(a, b, provenance,
                graphSpec, stats, !noCrossBarcodes, view.encodingSpec(), command, view.longInputChoices()));
        outs.publish();
        if (!written.sameTokens()) {
            o.println("no difference figure: the tokens differ (" + tokenDifference(a, b) + "); side-by-side.png"
                    + " shows both, and the statistics table compares the layers");
        }
        if (passes > 1) {
            o.println("captured in up to " + passes + " passes over layer groups (over --max-memory "
                    + memory.describe() + ")");
        }
        for (Path p : written.files()) {
            o.println("wrote " + p);
        }
        o.flush();
        return ExitCodes.OK;
    }

    /** How the tokens of A and B differ: their counts, or the first differing positions when the counts agree. */
    static String tokenDifference(AttentionTrace a, AttentionTrace b) {
        if (a.tokenCount() != b.tokenCount()) {
            return a.tokenCount() + " vs " + b.tokenCount() + " tokens";
        }
        java.util.List<String> at = new java.util.ArrayList<>();
        int differ = 0;
        for (int i = 0; i < a.tokenCount(); i++) {
            String x = a.tokens().get(i).text();
            String y = b.tokens().get(i).text();
            if (!x.equals(y)) {
                differ++;
                if (at.size() < 3) {
                    at.add(i + ": \"" + x + "\" vs \"" + y + "\"");
                }
            }
        }
        return "both " + a.tokenCount() + " tokens, " + differ + " position" + (differ == 1 ? "" : "s") + " differ: "
                + String.join(", ", at) + (differ > at.size() ? ", …" : "");
    }
}
