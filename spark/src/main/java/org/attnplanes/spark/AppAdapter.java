package org.attnplanes.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.cli.ModelOptions;
import org.attnplanes.app.cli.TopologyOptions;
import org.attnplanes.app.cli.ViewOptions;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.StatsMap;
import org.attnplanes.app.results.AnalyzeResults;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.BatchResult;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

/**
 * The one place where the Spark job uses the app layer: the option mixins of {@code analyze} (same names,
 * same parsing, same defaults) turned into app's {@link Analysis} (the application layer that
 * {@code analyze} itself runs), model opening and provenance. Everything the job computes goes through here,
 * so {@code analyze} and {@code spark-analyze} produce the same rows.
 */
final class AppAdapter {

    private AppAdapter() {
    }

    /**
     * The analysis of {@code analyze} for a corpus: one plane per head, no classifier, the view options on
     * top; the planes of one graph on one thread (the tasks are the parallelism).
     */
    static Analysis analysis(ViewOptions view, TopologyOptions topology) {
        GraphSpec base = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        return new Analysis(view.toSpec(base), topology.settings(), 1);
    }

    /**
     * The provenance of a run, as {@code analyze} writes it ({@link AnalyzeResults#provenance}): the model's (from
     * an executor), the input's, the capture limits and the settings; validates the options.
     */
    static Map<String, String> provenance(Map<String, String> modelProvenance, int modelMaxTokens,
                                          AnalyzeResults.Input input, CaptureOptions capture, ViewOptions view,
                                          TopologyOptions topology) {
        return AnalyzeResults.provenance(modelProvenance, modelMaxTokens, input, capture.maxTokens(),
                capture.truncate(), analysis(view, topology));
    }

    /** The provenance settings ({@code graph.*}, {@code topology.*}); validates the options. */
    static Map<String, String> settings(ViewOptions view, TopologyOptions topology) {
        return analysis(view, topology).settings();
    }

    /**
     * The capture options of {@code analyze} with several workers (one ONNX thread each), reading the model's
     * tokenizer from {@code tokenizer} when not null.
     */
    static CaptureOptions captureOptions(ModelOptions model, Path tokenizer) {
        CaptureOptions.Builder b = model.captureOptions(false).toBuilder().threads(1);
        if (tokenizer != null) {
            b.tokenizer(tokenizer);
        }
        return b.build();
    }

    /** Opens a model file, or the embedded default when {@code model} is null (one-sentence errors). */
    static AttentionModel open(Path model, CaptureOptions options) {
        return Workbench.open(model, options);
    }

    /** Captures a batch in one model call and analyses each text (bad texts skipped with their reason). */
    static BatchResult analyzeBatch(Analysis analysis, AttentionModel model, int[] numbers, String[] texts) {
        List<CorpusEntry> entries = new ArrayList<>(numbers.length);
        for (int i = 0; i < numbers.length; i++) {
            entries.add(CorpusEntry.of(numbers[i], texts[i]));
        }
        return analysis.analyzeTexts(model, entries);
    }

    /** The model part of the provenance (file, SHA-256, tokenizer, tool version, layers, heads). */
    static Map<String, String> modelProvenance(AttentionModel model) {
        return Workbench.modelProvenance(model);
    }

    /** The statistic column names of a record, in column order. */
    static List<String> statNames(PlaneRecord record) {
        return new ArrayList<>(((StatsMap) record.stats()).columns().names());
    }

    /** The statistic values of a record in the order of {@code columns} (null where the record lacks one). */
    static Double[] statValues(PlaneRecord record, List<String> columns) {
        StatsMap s = (StatsMap) record.stats();
        Double[] out = new Double[columns.size()];
        if (s.columns().names().equals(columns)) {
            for (int c = 0; c < out.length; c++) {
                out[c] = s.value(c);
            }
            return out;
        }
        for (String name : s.columns().names()) {
            if (!columns.contains(name)) {
                throw new IllegalStateException("statistic " + name + " is not among the columns of this run");
            }
        }
        for (int c = 0; c < out.length; c++) {
            out[c] = s.get(columns.get(c));
        }
        return out;
    }
}
