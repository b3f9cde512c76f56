package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.List;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ClassifierPlane;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.model.AttentionModel;

/**
 * Memory-bounded analysis of one input (issue 11): when the attention of the requested layers exceeds the model's
 * budget ({@link org.attnplanes.model.CaptureOptions#effectiveMaxMemory()}), the model runs once per layer group
 * ({@link AttentionModel#layerPasses}), exposing only that group's Softmax outputs, and each group's planes go
 * through graph building and topology before the next group is captured. Only one group's attention is on the
 * heap at a time.
 *
 * <p>The rows equal those of one unconstrained pass: every statistic is per plane, and for the normalizations
 * that scale by the range of |w| over all planes (GLOBAL_ABS_MINMAX, LOG) a first sweep over the groups
 * collects that range ({@link MultiPlanarGraph#weightRange}), which the second sweep builds with. The first sweep
 * writes each group's planes to a temporary file ({@link SpilledGroups}) and the second reads them back, so the
 * model runs once per group; only when the temporary directory lacks the space does it run twice. Graph features
 * that need several layers at once (links between layers, the research features) are not split: such an analysis
 * runs in one pass.
 */
final class LayerPasses {

    /**
     * System property that brings back the model's second run per group instead of the spill file (the baseline of
     * {@code org.attnplanes.bench.decoder.LayerPassNormalization}); off by default.
     */
    static final String RERUN_PROPERTY = "attnplanes.layerPasses.rerun";

    private LayerPasses() {
    }

    /** Whether {@code analysis} can be split by layers: no inter-layer links, no research features. */
    static boolean splittable(Analysis analysis) {
        return analysis.graphSpec().links().isEmpty() && analysis.statistics().perPlane();
    }

    /**
     * The layer groups one input needs, or null when one pass fits (or the text is bad: the ordinary path then
     * reports it).
     */
    static List<int[]> plan(AttentionModel model, GraphSpec spec, String text) {
        int n;
        try {
            n = model.tokenize(text).size();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
        int[] layers;
        try {
            layers = spec.layers().resolve(model.layers());
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<int[]> passes = model.layerPasses(n, layers);
        return passes.size() > 1 ? passes : null;
    }

    /**
     * Captures and analyses {@code text} group by group.
     *
     * @return the input's rows, layers numbered as in the model; no trace or graph is kept
     */
    static TextResult analyze(Analysis analysis, AttentionModel model, int input, String text, List<int[]> passes,
                              String option) {
        List<PlaneRecord> rows = analyzeGroups(analysis, input, passes,
                group -> capture(analysis, model, text, group, option));
        analysis.countPasses(passes.size());
        return new TextResult(input, null, null, rows);
    }

    /**
     * The rows of one input (or one block of an encoder–decoder) captured group by group by {@code capture} (group →
     * trace of those layers), layers numbered as in the model.
     */
    static List<PlaneRecord> analyzeGroups(Analysis analysis, int input, List<int[]> passes,
                                           java.util.function.Function<int[], AttentionTrace> capture) {
        GraphSpec part = analysis.graphSpec().toBuilder().layers(LayerSelection.all()).build();
        Normalization norm = part.normalization();
        float[] range = null;
        SpilledGroups spilled = null;
        try {
            if (norm == Normalization.GLOBAL_ABS_MINMAX || norm == Normalization.LOG) {
                range = new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
                // the first sweep keeps each group's planes on disk, so the second need not run the model again
                boolean spill = !Boolean.getBoolean(RERUN_PROPERTY);
                for (int[] group : passes) {
                    AttentionTrace t = capture.apply(group);
                    analysis.countLayerPassRun();
                    if (spill && t.bipartite()) {
                        spill = false;                  // cross-attention: the second sweep captures it again
                    }
                    if (spill && spilled == null) {
                        spilled = SpilledGroups.create(spillBytes(t, passes));
                        spill = spilled != null;
                    }
                    long t0 = System.nanoTime();
                    float[] r = MultiPlanarGraph.weightRange(t, part);
                    analysis.addNanos(0, System.nanoTime() - t0, 0);
                    range[0] = Math.min(range[0], r[0]);
                    range[1] = Math.max(range[1], r[1]);
                    if (spill) {
                        long s0 = System.nanoTime();
                        try {
                            spilled.add(t);
                        } catch (java.io.UncheckedIOException e) {
                            spilled.close();            // e.g. the disk filled up: run the model again instead
                            spilled = null;
                            spill = false;
                        }
                        analysis.addNanos(System.nanoTime() - s0, 0, 0);
                    }
                }
            }
            List<PlaneRecord> rows = new ArrayList<>();
            ClassifierPlane classifier = null;
            for (int i = 0; i < passes.size(); i++) {
                int[] group = passes.get(i);
                AttentionTrace t;
                if (spilled != null) {
                    long s0 = System.nanoTime();
                    t = spilled.get(i);
                    analysis.addNanos(System.nanoTime() - s0, 0, 0);
                } else {
                    t = capture.apply(group);
                    analysis.countLayerPassRun();
                }
                if (classifier == null) {
                    classifier = Analysis.classifier(t, analysis.graphSpec());
                }
                long t0 = System.nanoTime();
                MultiPlanarGraph g = range == null ? Workbench.build(t, part)
                        : MultiPlanarGraph.build(t, part, range[0], range[1]);
                long t1 = System.nanoTime();
                List<PlaneRecord> groupRows = analysis.statistics().analyze(input, g);
                analysis.addNanos(0, t1 - t0, System.nanoTime() - t1);
                for (PlaneRecord r : groupRows) {
                    rows.add(new PlaneRecord(r.input(), group[r.layer()], r.head(), r.tokens(), r.stats(),
                            r.barcodes(), r.block()));
                }
            }
            return ClassColumns.prepend(rows, classifier);
        } finally {
            if (spilled != null) {
                spilled.close();
            }
        }
    }

    /** Bytes of every requested layer's planes at the input's length (what the spill file holds). */
    private static long spillBytes(AttentionTrace first, List<int[]> passes) {
        long layers = 0;
        for (int[] g : passes) {
            layers += g.length;
        }
        long n = first.tokenCount();
        return layers * first.heads() * n * n * Float.BYTES;
    }

    private static AttentionTrace capture(Analysis analysis, AttentionModel model, String text, int[] group,
                                          String option) {
        long t0 = System.nanoTime();
        try {
            return model.capture(text, group);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage(), e);
        } finally {
            analysis.addNanos(System.nanoTime() - t0, 0, 0);
        }
    }
}
