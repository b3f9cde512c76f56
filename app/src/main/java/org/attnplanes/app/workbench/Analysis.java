package org.attnplanes.app.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ClassifierPlane;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.Cancellation;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * The application layer's pipeline for one configuration: capture → multi-planar graph → topology statistics,
 * for one trace, one text or a batch of texts, with an already-open {@link AttentionModel}. The command line,
 * the desktop app and batch jobs (e.g. Spark, one {@code Analysis} per executor) all run texts through this.
 *
 * <pre>{@code
 * Analysis analysis = new Analysis(GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links()
 *         .classifier(false).build(), TopologySettings.defaults(), 1);
 * try (AttentionModel model = Workbench.open(null, CaptureOptions.defaults())) {
 *     BatchResult batch = analysis.analyzeTexts(model, 1, List.of("The cat sat.", "A dog barked."));
 *     for (PlaneRecord row : batch.rows()) { ... row.stats() ... row.barcodes() ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe: several threads may analyse with one instance (the model must allow concurrent capture, which
 * {@link AttentionModel} does). Stage times are summed over all calls ({@link #stageSeconds()}).
 */
public final class Analysis {

    /** Seconds spent in each stage, summed over all calls and threads. */
    public record StageSeconds(double capture, double graph, double topology) {
    }

    private final GraphSpec graph;
    private final TopologySettings topology;
    private final PlaneStatistics statistics;
    private final LongAdder captureNanos = new LongAdder();
    private final LongAdder graphNanos = new LongAdder();
    private final LongAdder topologyNanos = new LongAdder();
    private volatile boolean layerPasses;
    private volatile Path imageBase;
    private final LongAdder inputsInPasses = new LongAdder();
    private final LongAdder passCount = new LongAdder();
    private final LongAdder passRuns = new LongAdder();

    /**
     * @param graph    how a trace becomes a multi-planar graph (layers, head reduction, normalization, ...)
     * @param topology which statistics are computed per plane
     * @param threads  workers for the planes of one graph, ≥ 1 (use 1 when batches already run in parallel)
     */
    public Analysis(GraphSpec graph, TopologySettings topology, int threads) {
        this(graph, topology, topology.statistics(threads));
    }

    private Analysis(GraphSpec graph, TopologySettings topology, PlaneStatistics statistics) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.statistics = statistics;
    }

    /**
     * An analysis with an already configured statistics computer (e.g. {@code series}, which turns features off);
     * {@link #topology()} is then {@link TopologySettings#defaults()}, not a description of {@code statistics}.
     */
    public static Analysis of(GraphSpec graph, PlaneStatistics statistics) {
        return new Analysis(graph, TopologySettings.defaults(), Objects.requireNonNull(statistics, "statistics"));
    }

    /**
     * Capture and graph without statistics ({@code analyze --stats none}): every plane's row holds its key columns
     * only ({@link PlaneStatistics#none()}); the same capture, batching and graph as a full analysis, so its time
     * is the baseline of what the statistics cost.
     */
    public static Analysis withoutStatistics(GraphSpec graph) {
        return new Analysis(graph, TopologySettings.defaults(), PlaneStatistics.none());
    }

    /** The graph spec. */
    public GraphSpec graphSpec() {
        return graph;
    }

    /** The topology settings. */
    public TopologySettings topology() {
        return topology;
    }

    /** The statistics computer (columns, barcodes, provenance settings). */
    public PlaneStatistics statistics() {
        return statistics;
    }

    /**
     * Lets {@link #analyzeTexts(AttentionModel, List)} analyse an input whose attention exceeds the model's memory
     * budget in several capture passes over layer groups ({@link LayerPasses}; same rows as one pass). Such an
     * input's {@link TextResult} then holds no trace and no graph. Off by default.
     *
     * @return this
     */
    public Analysis allowLayerPasses(boolean allow) {
        this.layerPasses = allow;
        return this;
    }

    /** Whether {@link #allowLayerPasses} allowed layer passes. */
    boolean layerPassesAllowed() {
        return layerPasses;
    }

    /**
     * For a vision transformer, the folder against which relative image paths of the inputs are resolved (a
     * corpus file's folder); null (the default) resolves them against the working directory.
     *
     * @return this
     */
    public Analysis imagesRelativeTo(Path folder) {
        this.imageBase = folder;
        return this;
    }

    /** Inputs analysed in several capture passes so far. */
    public long inputsInLayerPasses() {
        return inputsInPasses.sum();
    }

    /** Capture passes (one per layer group, counted once per input) made for those inputs. */
    public long layerPassCount() {
        return passCount.sum();
    }

    /**
     * Model runs made for inputs in layer passes: one per group (two per group only when a globally normalized
     * analysis could not keep the first sweep's planes on disk).
     */
    public long layerPassModelRuns() {
        return passRuns.sum();
    }

    void countLayerPassRun() {
        passRuns.increment();
    }

    void countPasses(int passes) {
        inputsInPasses.increment();
        passCount.add(passes);
    }

    void addNanos(long capture, long graphBuild, long topologyRun) {
        captureNanos.add(capture);
        graphNanos.add(graphBuild);
        topologyNanos.add(topologyRun);
    }

    /** The settings for provenance: {@code graph.*} and {@code topology.*}. */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>(graph.settings());
        m.putAll(statistics.settings());
        return m;
    }

    /**
     * Builds the graph of {@code trace} and computes the statistics of every plane.
     *
     * @param input the 1-based input number written into every row
     * @throws UserInputException when the trace lacks a layer or head the spec selects
     */
    public TextResult analyze(int input, AttentionTrace trace) {
        return analyze(input, trace, buildGraph(trace));
    }

    /**
     * The multi-planar graph of {@code trace} under the graph spec.
     *
     * @throws UserInputException when the trace lacks a layer or head the spec selects
     */
    public MultiPlanarGraph buildGraph(AttentionTrace trace) {
        long t0 = System.nanoTime();
        try {
            return Workbench.build(trace, graph);
        } finally {
            graphNanos.add(System.nanoTime() - t0);
        }
    }

    /** The statistics of every plane of {@code graph}, which {@link #buildGraph} made from {@code trace}. */
    public TextResult analyze(int input, AttentionTrace trace, MultiPlanarGraph graph) {
        long t0 = System.nanoTime();
        List<PlaneRecord> rows = statistics.analyze(input, graph);
        topologyNanos.add(System.nanoTime() - t0);
        ClassifierPlane c = graph.classifier().orElseGet(() -> classifier(trace, this.graph));
        return new TextResult(input, trace, graph, ClassColumns.prepend(rows, c));
    }

    /**
     * The classification of a trace (its logits output, the spec's class labels), or null when it has none or
     * its logits are not finite (then the input's rows have no class columns).
     */
    public static ClassifierPlane classifier(AttentionTrace trace, GraphSpec spec) {
        try {
            return ClassifierPlane.of(trace, spec).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Captures one text and analyses it.
     *
     * @param option the parameter the text came from (e.g. {@code "--text"}), for the error message
     * @throws UserInputException for an empty or over-long text, naming {@code option}
     */
    public TextResult analyzeText(AttentionModel model, int input, String text, String option) {
        long t0 = System.nanoTime();
        AttentionTrace trace;
        try {
            trace = Workbench.capture(model, text, option);
        } finally {
            captureNanos.add(System.nanoTime() - t0);
        }
        return analyze(input, trace);
    }

    /** As {@link #analyzeTexts(AttentionModel, List)}, the texts numbered {@code firstInput}, {@code firstInput + 1}, ... */
    public BatchResult analyzeTexts(AttentionModel model, int firstInput, List<String> texts) {
        List<CorpusEntry> entries = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            entries.add(t == null || t.isBlank() ? CorpusEntry.bad(firstInput + i, "the text is empty")
                    : CorpusEntry.of(firstInput + i, t));
        }
        return analyzeTexts(model, entries);
    }

    /**
     * Captures a batch of texts in one model call and analyses each. Entries that are already bad, and texts the
     * model rejects (over-long, untokenizable), are skipped with their reason: when the batch capture fails, the
     * texts are captured one at a time so that only the bad ones are skipped. Other failures propagate. The results
     * hold the rows only (trace and graph null): a text model's planes are recycled once analysed
     * ({@link #analyzeTexts(AttentionModel, List, Consumer)} reads them while they are valid).
     */
    public BatchResult analyzeTexts(AttentionModel model, List<CorpusEntry> entries) {
        return analyzeTexts(model, entries, null);
    }

    /**
     * As {@link #analyzeTexts(AttentionModel, List)}, calling {@code whileCaptured} (null: nothing) with each
     * analysed input's whole result, trace and graph included, while they are valid: a text model captures through
     * {@link AttentionModel#capture(List, Cancellation, Consumer)}, whose plane arrays go back to the model's pool
     * after each input (no L·H·n² fresh floats per input), so neither may be kept beyond that call.
     */
    public BatchResult analyzeTexts(AttentionModel model, List<CorpusEntry> entries,
                                    Consumer<TextResult> whileCaptured) {
        Map<Integer, String> skipped = new LinkedHashMap<>();
        List<CorpusEntry> good = new ArrayList<>(entries.size());
        Map<Integer, TextResult> inPasses = new LinkedHashMap<>();
        boolean split = layerPasses && !model.takesImages() && LayerPasses.splittable(this);
        for (CorpusEntry e : entries) {
            List<int[]> passes = split && e.ok() ? LayerPasses.plan(model, graph, e.text()) : null;
            if (passes != null) {
                inPasses.put(e.number(), LayerPasses.analyze(this, model, e.number(), e.text(), passes,
                        "input " + e.number()));
            } else if (e.ok()) {
                good.add(e);
            } else {
                skipped.put(e.number(), e.problem());
            }
        }
        List<TextResult> analysed = new ArrayList<>(good.size());
        if (!good.isEmpty() && !captureAndAnalyze(model, good, whileCaptured, analysed, null)) {
            // one input is bad: one by one, so that only the bad ones are skipped
            for (CorpusEntry e : good) {
                captureAndAnalyze(model, List.of(e), whileCaptured, analysed, skipped);
            }
        }
        if (!inPasses.isEmpty()) {
            analysed.addAll(inPasses.values());
            analysed.sort(java.util.Comparator.comparingInt(TextResult::input));
        }
        return new BatchResult(analysed, skipped);
    }

    /** A failure of the analysis of a captured trace (not of the capture): it propagates as it is. */
    private static final class AnalysisFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AnalysisFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /**
     * Captures {@code batch} in one call and analyses each trace while it is valid, adding the results (rows only)
     * to {@code into}. A model-side problem with an input is bad input: then nothing is added and false returned,
     * after recording the reason in {@code skipped} when it is not null (a batch of one).
     */
    private boolean captureAndAnalyze(AttentionModel model, List<CorpusEntry> batch, Consumer<TextResult> whileCaptured,
                                      List<TextResult> into, Map<Integer, String> skipped) {
        List<TextResult> done = new ArrayList<>(batch.size());
        long[] inAnalysis = {0};
        Consumer<AttentionTrace> each = trace -> {
            long a0 = System.nanoTime();
            try {
                TextResult r = analyze(batch.get(done.size()).number(), trace);
                if (whileCaptured != null) {
                    whileCaptured.accept(r);
                }
                done.add(new TextResult(r.input(), null, null, r.rows()));
            } catch (RuntimeException e) {
                throw new AnalysisFailure(e);
            } finally {
                inAnalysis[0] += System.nanoTime() - a0;
            }
        };
        long t0 = System.nanoTime();
        try {
            List<String> texts = new ArrayList<>(batch.size());
            for (CorpusEntry e : batch) {
                texts.add(e.text());
            }
            if (model.takesImages()) {
                // a vision transformer: every input names an image file, captured one at a time
                List<AttentionTrace> traces = new ArrayList<>(texts.size());
                for (String t : texts) {
                    Path p = imageBase == null ? Path.of(t.strip()) : imageBase.resolve(t.strip());
                    traces.add(model.captureImage(p));
                }
                traces.forEach(each);
            } else {
                model.capture(texts, null, each);
            }
        } catch (AnalysisFailure f) {
            throw (RuntimeException) f.getCause();
        } catch (IllegalArgumentException | IllegalStateException bad) {
            if (skipped != null) {
                skipped.put(batch.get(0).number(), String.valueOf(bad.getMessage()));
            }
            return false;
        } finally {
            captureNanos.add(System.nanoTime() - t0 - inAnalysis[0]);
        }
        if (done.size() != batch.size()) {
            throw new IllegalStateException("capture returned " + done.size() + " results for " + batch.size()
                    + " inputs");
        }
        into.addAll(done);
        return true;
    }

    /**
     * The barcodes of every plane with representative (co)cycles (what the desktop app highlights), checking
     * {@code cancellation} between planes.
     *
     * @throws java.util.concurrent.CancellationException once {@code cancellation} is cancelled
     */
    public List<Barcodes> barcodesWithRepresentatives(MultiPlanarGraph g, Cancellation cancellation) {
        List<Barcodes> bars = new ArrayList<>(g.planes().size());
        for (Plane p : g.planes()) {
            cancellation.throwIfCancelled("analysis");
            bars.add(statistics.barcodes(p, true));
        }
        return bars;
    }

    /** Seconds spent in capture, graph and topology so far, summed over all calls and threads. */
    public StageSeconds stageSeconds() {
        return new StageSeconds(captureNanos.sum() / 1e9, graphNanos.sum() / 1e9, topologyNanos.sum() / 1e9);
    }
}
