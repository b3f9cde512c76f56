package org.attnplanes.app.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.plot.ChartExport;
import org.attnplanes.app.plot.Charts;
import org.attnplanes.app.plot.Curve;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.BatchResult;
import org.attnplanes.app.workbench.ClassColumns;
import org.attnplanes.app.workbench.ClassLabels;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelDescription;
import org.attnplanes.topology.features.ThresholdNames;
import org.jfree.chart.JFreeChart;

/**
 * The result files of {@code series}: an ordered list of checkpoints of one architecture on the same inputs into
 * {@code series.csv} (one row per checkpoint × input × plane, with a {@code checkpoint} column), one curve figure
 * per chosen statistic ({@code series_<stat>.png}/{@code .svg}: mean over inputs, one line per layer, checkpoints on
 * the x axis) and {@code provenance.json}.
 */
public final class SeriesResults {

    /** What series writes into its output folder (to recognise an earlier run's results). */
    public static final List<String> NAMES = List.of("series.csv", "provenance.json");

    private SeriesResults() {
    }

    /**
     * One series.
     *
     * @param checkpoints the model files in order
     * @param entries     the inputs (bad ones are reported and skipped)
     * @param tokenizer   the tokenizer of every checkpoint, or null for the one next to each
     * @param truncate    whether over-long inputs are truncated instead of skipped
     * @param graphSpec   how a trace becomes planes
     * @param stats       the statistics per plane
     * @param plotted     the statistics to draw across checkpoints (columns of {@code series.csv})
     * @param maxMemory   the capture's memory budget in bytes (0: a quarter of the heap)
     * @param classLabels the class names of the graph spec and where they came from, for the provenance
     * @param checkModel  checks each opened checkpoint before it runs (e.g. that {@code --class-labels} fits its
     *                    classification output), throwing {@link UserInputException}
     */
    public record Request(List<Path> checkpoints, List<CorpusEntry> entries, Path tokenizer, boolean truncate,
                          GraphSpec graphSpec, PlaneStatistics stats, List<String> plotted, long maxMemory,
                          ClassLabels classLabels, Consumer<ModelDescription> checkModel) {

        /** A request with the default memory budget (a quarter of the heap), no class names and no model check. */
        public Request(List<Path> checkpoints, List<CorpusEntry> entries, Path tokenizer, boolean truncate,
                       GraphSpec graphSpec, PlaneStatistics stats, List<String> plotted) {
            this(checkpoints, entries, tokenizer, truncate, graphSpec, stats, plotted, 0, ClassLabels.NONE, m -> { });
        }
    }

    /** The statistics drawn when none are chosen: Betti 1 at the middle threshold and the H1 total. */
    public static List<String> defaultPlots(PlaneStatistics stats) {
        String mid = ThresholdNames.format(stats.thresholds().get(stats.thresholds().size() / 2));
        return List.of("betti" + Math.min(1, stats.maxDim()) + "_t" + mid, "h" + Math.min(1, stats.maxDim()) + "_total");
    }

    /**
     * Runs every checkpoint on the inputs and writes every file into the staging area of {@code outs} (the caller
     * publishes).
     *
     * @param out      the output folder as the user named it (for the reported paths)
     * @param progress receives a line when a checkpoint is done
     * @param skipped  receives a line for every skipped input
     * @return the written files as paths under {@code out}, in the order they are reported
     * @throws UserInputException when the checkpoints differ in layers or heads, no input could be analysed, or a
     *                            plotted statistic is not a column
     */
    public static List<Path> write(OutputSet outs, Path out, Request request, Consumer<String> progress,
                                   Consumer<String> skipped) {
        List<Path> checkpoints = request.checkpoints();
        PlaneStatistics stats = request.stats();
        Analysis analysis = Analysis.of(request.graphSpec(), stats).allowLayerPasses(true);
        Map<String, String> provenance = new LinkedHashMap<>();
        List<PlaneRecord> rows = new ArrayList<>();
        List<Integer> checkpointOfRow = new ArrayList<>();
        int layers = -1;
        int heads = -1;
        for (int c = 0; c < checkpoints.size(); c++) {
            Path ckpt = checkpoints.get(c);
            CaptureOptions options = CaptureOptions.builder().tokenizer(request.tokenizer())
                    .truncate(request.truncate())
                    // value-weighted links need the value-vector norms captured
                    .valueNorms(request.graphSpec().links().contains(org.attnplanes.graph.LinkKind.VALUE_WEIGHTED))
                    .maxMemory(request.maxMemory())
                    .build();
            try (AttentionModel m = Workbench.open(ckpt, options)) {
                request.checkModel().accept(m.describe());
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
                for (CorpusEntry e : request.entries()) {
                    if (!e.ok()) {
                        if (c == 0) {
                            skipped.accept("input " + e.number() + " skipped: " + e.problem());
                        }
                        continue;
                    }
                    // through the application layer, which captures an input over --max-memory in layer passes
                    BatchResult one = analysis.analyzeTexts(m, List.of(e));
                    if (!one.skipped().isEmpty()) {
                        skipped.accept("checkpoint " + c + ", input " + e.number() + " skipped: "
                                + one.skipped().values().iterator().next());
                        continue;
                    }
                    for (PlaneRecord r : one.rows()) {
                        Map<String, Double> s = new LinkedHashMap<>();
                        s.put("checkpoint", (double) c);
                        s.putAll(r.stats());
                        rows.add(new PlaneRecord(r.input(), r.layer(), r.head(), r.tokens(), s, r.barcodes()));
                        checkpointOfRow.add(c);
                    }
                }
            }
            progress.accept("checkpoint " + c + ": " + ckpt.getFileName() + " done");
        }
        if (rows.isEmpty()) {
            throw new UserInputException("no input could be analysed with any checkpoint");
        }
        provenance.put("inputs_in_layer_passes", Long.toString(analysis.inputsInLayerPasses()));
        provenance.put("layer_passes", Long.toString(analysis.layerPassCount()));
        provenance.putAll(request.graphSpec().settings());
        provenance.putAll(stats.settings());
        if (!request.classLabels().isEmpty()) {
            provenance.put("class_labels", request.classLabels().describe());
            provenance.put("class_labels_source", request.classLabels().source());
        }
        // a classifier's prediction comes first in each row (as in analyze's planes.csv): say what it means
        String classColumns = ClassColumns.describe(new ArrayList<>(rows.get(0).stats().keySet()));
        if (classColumns != null) {
            provenance.put("class_columns", classColumns);
        }
        List<Path> written = new ArrayList<>();
        TidyTableWriter.write(outs.inDirectory("series.csv"), provenance, rows);
        written.add(out.resolve("series.csv"));
        for (String stat : request.plotted()) {
            if (!rows.get(0).stats().containsKey(stat)) {
                throw new UserInputException("--plot " + stat + " is not a column of series.csv; allowed: "
                        + String.join(", ", rows.get(0).stats().keySet()));
            }
            // axis and title in words with the unit (β₁ at w ≥ 0.10, H₁ total persistence (1 − w)), column name kept
            String human = humanName(stat);
            JFreeChart chart = Charts.seriesCurves(human + " across checkpoints (mean over inputs"
                    + (human.equals(stat) ? "" : "; column " + stat) + ")", human,
                    checkpointNames(checkpoints), curves(rows, checkpointOfRow, stat, checkpoints.size()));
            for (String ext : List.of("png", "svg")) {
                ChartExport.write(chart, outs.inDirectory("series_" + stat + "." + ext), 900, 600, provenance);
                written.add(out.resolve("series_" + stat + "." + ext));
            }
        }
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, Map.of("checkpoints",
                checkpoints.stream().map(Path::toString).toList(), "rows", rows.size()));
        written.add(out.resolve("provenance.json"));
        return written;
    }

    /** A statistic's human name with its unit ({@code Statistic.label}), or the column name for other columns. */
    static String humanName(String column) {
        try {
            return org.attnplanes.topology.Statistic.label(column);
        } catch (IllegalArgumentException notInTheSchema) {
            return column;
        }
    }

    /** The x-axis names: the file names, prefixed by the index when two checkpoints share a file name. */
    public static List<String> checkpointNames(List<Path> checkpoints) {
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
