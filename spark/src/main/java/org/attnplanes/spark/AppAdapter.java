package org.attnplanes.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.PlaneStatistics;
import org.attnplanes.app.Workbench;
import org.attnplanes.app.cli.ModelOptions;
import org.attnplanes.app.cli.TopologyOptions;
import org.attnplanes.app.cli.ViewOptions;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.StatsMap;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

/**
 * The one place where the Spark job uses the app layer: the same option mixins, graph defaults, model
 * opening, statistics and provenance as {@code attnplanes analyze}, so both produce the same rows.
 */
final class AppAdapter {

    private AppAdapter() {
    }

    /** The graph settings of {@code analyze}: one plane per head, no classifier, the view options on top. */
    static GraphSpec graphSpec(ViewOptions view) {
        GraphSpec base = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        return view.toSpec(base);
    }

    /** The statistics of {@code analyze} for a corpus (planes of one graph on one thread). */
    static PlaneStatistics statistics(TopologyOptions topology) {
        return topology.statistics(1);
    }

    /** The provenance settings of {@code analyze} for these options ({@code graph.*}, {@code topology.*}). */
    static Map<String, String> settings(ViewOptions view, TopologyOptions topology) {
        Map<String, String> m = new LinkedHashMap<>(graphSpec(view).settings());
        m.putAll(statistics(topology).settings());
        return m;
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

    /** Captures a batch of texts in one model call. */
    static List<AttentionTrace> capture(AttentionModel model, List<String> texts) {
        return model.capture(texts);
    }

    /** The plane records of one captured input, as {@code analyze} computes them. */
    static List<PlaneRecord> analyze(int input, AttentionTrace trace, GraphSpec spec, PlaneStatistics stats) {
        MultiPlanarGraph g = Workbench.build(trace, spec);
        return stats.analyze(input, g);
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
