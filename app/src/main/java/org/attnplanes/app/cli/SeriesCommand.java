package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.plot.ChartExport;
import org.attnplanes.app.plot.Charts;
import org.attnplanes.app.plot.Curve;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.features.ThresholdNames;
import org.jfree.chart.JFreeChart;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes series}: an ordered list of ONNX checkpoints (e.g. training epochs) on the same inputs;
 * per-layer topology across checkpoints ("topology at training time"). Writes {@code series.csv} (one row per
 * checkpoint × input × layer × head or reduction, with a {@code checkpoint} column), one curve figure per
 * chosen statistic ({@code series_<stat>.png}/{@code .svg}: mean over inputs, one line per layer, checkpoints
 * on the x axis) and {@code provenance.json}.
 */
@Command(name = "series", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Topology across an ordered list of ONNX checkpoints on the same inputs: per-layer curves of"
                + " Betti numbers and barcode statistics across checkpoints.", "",
            "Example: attnplanes series epoch1.onnx epoch2.onnx epoch3.onnx --input probe.txt --out series/"})
public final class SeriesCommand implements Callable<Integer>, ViewOptions.Base {

    /** The graph spec the view options start from (their defaults in --help). */
    @Override
    public GraphSpec baseSpec() {
        return GraphSpec.builder().headReduction(HeadReduction.MEAN).links().classifier(false).build();
    }

    @Parameters(paramLabel = "CHECKPOINT", arity = "1..*",
            description = "ONNX checkpoints in order (each with its tokenizer next to it, or --tokenizer).")
    List<Path> checkpoints;

    @Mixin
    InputSourceOptions source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--plot", paramLabel = "STAT", split = ",",
            description = "Statistics to plot across checkpoints (default: betti1 at the middle threshold, h1_total).")
    List<String> plot;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json for every checkpoint.")
    Path tokenizer;

    @Option(names = "--truncate", description = "Truncate over-long inputs instead of skipping them.")
    boolean truncate;

    @Mixin
    ViewOptions view;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Path c : checkpoints) {
            if (!Files.isRegularFile(c)) {
                throw new UserInputException("checkpoint " + c + " does not exist");
            }
        }
        List<CorpusEntry> entries = source.read();
        GraphSpec graphSpec = view.toSpec(baseSpec(), null);
        PlaneStatistics stats = topology.settings().withFeatures(false)
                .statistics(Runtime.getRuntime().availableProcessors());
        String mid = ThresholdNames.format(stats.thresholds().get(stats.thresholds().size() / 2));
        List<String> plotted = plot == null ? List.of("betti" + Math.min(1, stats.maxDim()) + "_t" + mid,
                "h" + Math.min(1, stats.maxDim()) + "_total") : plot;
        try (OutputSet outs = output.directory("--out", out, false, OutputOptions.inputs("CHECKPOINT", checkpoints,
                "--input", source.input(), "--tokenizer", tokenizer), List.of("series.csv", "provenance.json"))) {
            return run(outs, entries, graphSpec, stats, plotted);
        }
    }

    private int run(OutputSet outs, List<CorpusEntry> entries, GraphSpec graphSpec, PlaneStatistics stats,
                    List<String> plotted) {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> provenance = new LinkedHashMap<>();
        List<PlaneRecord> rows = new ArrayList<>();
        List<Integer> checkpointOfRow = new ArrayList<>();
        int layers = -1;
        int heads = -1;
        for (int c = 0; c < checkpoints.size(); c++) {
            Path ckpt = checkpoints.get(c);
            var options = org.attnplanes.model.CaptureOptions.builder().tokenizer(tokenizer).truncate(truncate)
                    .valueNorms(view.needsValueNorms()).build();
            try (AttentionModel m = Workbench.open(ckpt, options)) {
                if (c == 0) {
                    layers = m.layers();
                    heads = m.heads();
                } else if (m.layers() != layers || m.heads() != heads) {
                    throw new UserInputException("checkpoint " + ckpt + " has " + m.layers() + " layers × " + m.heads()
                            + " heads but checkpoint " + checkpoints.get(0) + " has " + layers + " × " + heads
                            + "; series compares checkpoints of one architecture");
                }
                String prefix = "checkpoint" + c + ".";
                Workbench.modelProvenance(m).forEach((k, v) -> provenance.put(prefix + k, v));
                for (CorpusEntry e : entries) {
                    if (!e.ok()) {
                        if (c == 0) {
                            err.println("attnplanes series: input " + e.number() + " skipped: " + e.problem());
                        }
                        continue;
                    }
                    AttentionTrace t;
                    try {
                        t = m.capture(e.text());
                    } catch (IllegalArgumentException bad) {
                        err.println("attnplanes series: checkpoint " + c + ", input " + e.number() + " skipped: "
                                + bad.getMessage());
                        continue;
                    }
                    MultiPlanarGraph g = Workbench.build(t, graphSpec);
                    for (PlaneRecord r : stats.analyze(e.number(), g)) {
                        Map<String, Double> s = new LinkedHashMap<>();
                        s.put("checkpoint", (double) c);
                        s.putAll(r.stats());
                        rows.add(new PlaneRecord(r.input(), r.layer(), r.head(), r.tokens(), s, r.barcodes()));
                        checkpointOfRow.add(c);
                    }
                }
            }
            o.println("checkpoint " + c + ": " + ckpt.getFileName() + " done");
            o.flush();
        }
        if (rows.isEmpty()) {
            throw new UserInputException("no input could be analysed with any checkpoint");
        }
        provenance.putAll(graphSpec.settings());
        provenance.putAll(stats.settings());
        List<Path> written = new ArrayList<>();
        Path csv = out.resolve("series.csv");
        TidyTableWriter.write(outs.inDirectory("series.csv"), provenance, rows);
        written.add(csv);
        for (String stat : plotted) {
            if (!rows.get(0).stats().containsKey(stat)) {
                throw new UserInputException("--plot " + stat + " is not a column of series.csv; allowed: "
                        + String.join(", ", rows.get(0).stats().keySet()));
            }
            JFreeChart chart = Charts.seriesCurves(stat + " across checkpoints (mean over inputs)", stat,
                    checkpointNames(), curves(rows, checkpointOfRow, stat, checkpoints.size()));
            for (String ext : List.of("png", "svg")) {
                ChartExport.write(chart, outs.inDirectory("series_" + stat + "." + ext), 900, 600, provenance);
                written.add(out.resolve("series_" + stat + "." + ext));
            }
        }
        Path prov = out.resolve("provenance.json");
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, Map.of("checkpoints",
                checkpoints.stream().map(Path::toString).toList(), "rows", rows.size()));
        written.add(prov);
        outs.publish();
        for (Path p : written) {
            o.println("wrote " + p);
        }
        o.flush();
        return ExitCodes.OK;
    }

    /** The x-axis names: the file names, prefixed by the index when two checkpoints share a file name. */
    List<String> checkpointNames() {
        List<String> names = checkpoints.stream().map(p -> String.valueOf(p.getFileName())).toList();
        boolean unique = names.stream().distinct().count() == names.size();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(unique ? names.get(i) : i + ": " + names.get(i));
        }
        return out;
    }

    /** Mean of {@code stat} per (layer, checkpoint), one curve per layer. */
    static List<Curve> curves(List<PlaneRecord> rows, List<Integer> checkpointOfRow, String stat, int checkpoints) {
        Map<Integer, double[]> sum = new TreeMap<>();
        Map<Integer, int[]> n = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            PlaneRecord r = rows.get(i);
            Double v = r.stats().get(stat);
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            int c = checkpointOfRow.get(i);
            sum.computeIfAbsent(r.layer(), l -> new double[checkpoints])[c] += v;
            n.computeIfAbsent(r.layer(), l -> new int[checkpoints])[c]++;
        }
        List<Curve> out = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : sum.entrySet()) {
            double[] x = new double[checkpoints];
            double[] y = new double[checkpoints];
            int[] cnt = n.get(e.getKey());
            for (int c = 0; c < checkpoints; c++) {
                x[c] = c;
                y[c] = cnt[c] == 0 ? Double.NaN : e.getValue()[c] / cnt[c];
            }
            out.add(new Curve("layer " + e.getKey(), x, y));
        }
        return out;
    }
}
