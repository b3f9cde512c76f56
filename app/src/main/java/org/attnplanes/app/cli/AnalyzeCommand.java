package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.results.AnalyzeResults;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.CorpusRunner;
import org.attnplanes.app.workbench.EncoderDecoderAnalysis;
import org.attnplanes.app.workbench.BatchResult;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes analyze}: one text or a corpus through capture, graph and topology into tidy tables.
 *
 * <p>Writes {@code planes.csv} (one row per input × layer × head or reduction; provenance as {@code #}
 * comments), {@code barcodes.json}, {@code provenance.json} and, with {@code --figures}, the plots. Inputs run
 * in batches on {@code --threads} workers; bad inputs are reported with their number and skipped; every
 * finished batch is checkpointed so that an interrupted run continues with {@code --resume}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture, build the multi-planar graph and compute topology per layer and head for one "
                + "text or a corpus; write planes.csv, barcodes.json, provenance.json (and figures).",
            "",
            "Example: attnplanes analyze --input sentences.txt --out results/ --figures"})
public final class AnalyzeCommand implements Callable<Integer>, ViewOptions.Base {

    /** The graph spec the view options start from (their defaults in --help). */
    @Override
    public GraphSpec baseSpec() {
        return GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
    }

    @Mixin
    InputSourceOptions source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8",
            description = "Inputs per model call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--workers", paramLabel = "N",
            description = "Parallel workers (default: --threads, or the number of cores when --threads is 0);"
                    + " each runs the model single-threaded.")
    Integer workers;

    @Option(names = "--resume", description = "Continue an interrupted run in --out (same settings).")
    boolean resume;

    @Option(names = "--figures", description = "Also write the plots (PNG and SVG) into --out/figures.")
    boolean figures;

    @Option(names = "--save-matrices", paramLabel = "FILE.npz", description = "Also save every plane's normalized"
            + " weight matrix (input_<k>: [planes, n, n] float32, input_<k>_token_ids) for external tools; for an"
            + " encoder-decoder input_<k>_encoder/_decoder/_cross ([planes, n_tgt, n_src]) and"
            + " input_<k>_source_token_ids/_target_token_ids.")
    Path saveMatrices;

    @Option(names = "--blocks", paramLabel = "LIST", description = "For an encoder-decoder: the blocks to analyse,"
            + " all (default) or a comma list of encoder, decoder, cross; --layers counts within each block.")
    String blocks;

    @Mixin
    MemoryOptions memory;

    @Option(names = "--stats", paramLabel = "S", defaultValue = "full", converter = Choices.StatsChoice.class,
            completionCandidates = Choices.StatsChoice.class,
            description = "Per-plane statistics: ${COMPLETION-CANDIDATES}. full (default): barcodes, Betti numbers,"
                    + " clique counts and features as the topology options select. none: a capture-only pass (the same"
                    + " capture, batching, graphs and publication; planes.csv with its key columns only, no"
                    + " barcodes.json), the baseline of what the statistics cost.")
    Stats stats = Stats.FULL;

    /** {@code --stats}: which per-plane statistics are computed. */
    enum Stats {
        /** Everything the topology options select (the default). */
        FULL,
        /** Nothing: the capture-only pass. */
        NONE
    }

    @Mixin
    ModelOptions model;

    @Mixin
    PairOptions pair;

    @Mixin
    ImagePreprocessOptions imageOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ViewOptions view;

    @Mixin
    TopologyOptions topology;

    @Spec
    CommandSpec spec;

    private int workersUsed;
    private double loadSeconds;
    private OutputSet outs;
    private Path stagedMatrices;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        if (batch < 1) {
            throw new UserInputException("--batch " + batch + " must be >= 1");
        }
        int threads = workers != null ? workers : model.threads > 0 ? model.threads
                : Runtime.getRuntime().availableProcessors();
        if (threads < 1 || threads > 256) {
            throw new UserInputException("--workers " + threads + " must be in [1, 256]");
        }
        workersUsed = threads;
        if (resume && saveMatrices != null) {
            throw new UserInputException("--save-matrices cannot be combined with --resume; run without --resume");
        }
        if (stats == Stats.NONE) {
            checkNoStatisticsOptions();
        }
        List<CorpusEntry> entries = source.read();
        if (source.image() != null) {
            try {
                org.attnplanes.model.RgbImage.read(source.image(), "--image");     // checked before the model loads
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
        AnalyzeResults.Input input = source.text() != null ? AnalyzeResults.Input.text(source.text())
                : source.image() != null ? AnalyzeResults.Input.file(source.image(), null)
                : AnalyzeResults.Input.file(source.input(), source.columnOrField());
        GraphSpec graphSpec = view.toSpec(baseSpec(), model);
        // a corpus runs its batches in parallel; a single batch spreads its planes over the workers instead
        Analysis analysis = stats == Stats.FULL ? new Analysis(graphSpec, topology.settings(), entries.size() <= batch ? threads : 1)
                : Analysis.withoutStatistics(graphSpec);

        CaptureOptions capture = model.captureOptions(view.needsValueNorms(), imageOptions);
        if (threads > 1) {
            capture = capture.toBuilder().threads(1).build();
        }
        capture = memory.apply(capture, threads);     // the budget is shared by the workers
        analysis.allowLayerPasses(saveMatrices == null).imagesRelativeTo(source.imageBase());
        // Ctrl-C: the batches in flight finish and are checkpointed, nothing is published (InterruptHook)
        CorpusRunner runner = new CorpusRunner(batch, threads);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.cancel();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "attnplanes-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        // every output is checked (and --out locked) before the model loads; nothing is published before the end
        pair.check(model);
        if (blocks != null && !pair.pair(model)) {
            throw UserInputException.about("--blocks", "needs an encoder-decoder: give --model encoder_model.onnx "
                    + "--decoder decoder_model.onnx, or --model DIR holding both");
        }
        if (pair.pair(model)) {
            try {
                imageOptions.checkNotPair();
            return callPair(entries, input, analysis, capture, runner, start, err);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and waits for the latch below
                }
                finished.countDown();
            }
        }
        try (OutputSet outs = output.directory("--out", out, resume, OutputOptions.inputs("--input", source.input(),
                "--model", model.modelFile(), "--tokenizer", model.tokenizerFile(), "--image", source.image()),
                AnalyzeResults.NAMES);
             AttentionModel m = Workbench.open(model.modelFile(), capture)) {
            imageOptions.checkFits(m);
            view.checkClassLabels(m.describe());
            if (source.text() != null && m.takesImages()) {
                throw UserInputException.about("--text", "cannot be analysed by " + m.modelPath().getFileName()
                        + ", a vision transformer (it takes pixel_values); give --image or an --input corpus of image"
                        + " paths");
            }
            if (source.image() != null && !m.takesImages()) {
                throw UserInputException.of("--image", source.image(), "needs a vision transformer (a model with a "
                        + "pixel_values input), but " + m.modelPath().getFileName() + " takes text; give --text or "
                        + "--input instead");
            }
            this.outs = outs;
            if (!outs.altered().isEmpty()) {
                err.println("attnplanes analyze: note: the results in --out " + out + " were altered since they were"
                        + " published (" + String.join(", ", outs.altered()) + "); this run replaces them");
            }
            if (saveMatrices != null) {
                stagedMatrices = outs.file("--save-matrices", saveMatrices);
            }
            loadSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> provenance = AnalyzeResults.provenance(m, input, model.maxTokens, model.truncate,
                    analysis);
            var labels = view.classLabels(model);
            if (!labels.isEmpty()) {
                provenance.put("class_labels", labels.describe());
                provenance.put("class_labels_source", labels.source());
            }
            Map<String, String> fingerprint = AnalyzeResults.fingerprint(provenance);

            Checkpoint checkpoint = Checkpoint.open(out, fingerprint, resume);
            int already = resuming(checkpoint, entries.size(), err);
            AnalyzeResults.Matrices matrices = saveMatrices == null ? null : new AnalyzeResults.Matrices();
            // --save-matrices keeps each input's planes while they are valid (they are recycled once analysed)
            return runAndWrite(b -> analysis.analyzeTexts(m, b, matrices == null ? null : matrices::keep), entries,
                    checkpoint, runner, analysis, provenance, matrices, source.unit(), already, start, err);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the latch below
            }
            finished.countDown();   // after --out was closed: staging removed, lock released
        }
    }

    /** --stats none with --figures or a topology option: they would have no effect, so the run stops (exit 2). */
    private void checkNoStatisticsOptions() {
        var parsed = spec.commandLine().getParseResult();
        List<String> given = new ArrayList<>();
        if (figures) {
            given.add("--figures");
        }
        for (var o : spec.mixins().get("topology").options()) {
            if (parsed.hasMatchedOption(o)) {
                given.add(o.longestName());
            }
        }
        if (!given.isEmpty()) {
            throw UserInputException.of("--stats", "none", "computes no statistics, so " + given.get(0)
                    + " would have no effect; drop one of the two");
        }
    }

    /**
     * analyze for an encoder–decoder: each pair's encoder, decoder and cross planes (or the {@code --blocks}
     * chosen), rows named by block; the batch's sources share one encoder call; {@code --max-memory} splits a pair's
     * blocks into layer passes; {@code --save-matrices} keeps every block's planes.
     */
    private int callPair(List<CorpusEntry> entries, AnalyzeResults.Input input, Analysis analysis,
                         CaptureOptions capture, CorpusRunner runner, long start, PrintWriter err) throws Exception {
        List<org.attnplanes.graph.BlockKind> kinds = EncoderDecoderAnalysis.parseBlocks(blocks);
        java.util.Map<Integer, String> targets = pair.targets(source);
        try (OutputSet outs = output.directory("--out", out, resume, OutputOptions.inputs("--input", source.input(),
                "--model", model.modelFile(), "--decoder", pair.decoderFile(), "--tokenizer", model.tokenizerFile()),
                AnalyzeResults.NAMES);
             org.attnplanes.model.EncoderDecoderModel m = EncoderDecoderAnalysis.open(model.modelFile(),
                     pair.decoderFile(), capture)) {
            EncoderDecoderAnalysis.layers(analysis, m, kinds);      // a --layers a block lacks fails before any work
            this.outs = outs;
            if (saveMatrices != null) {
                stagedMatrices = outs.file("--save-matrices", saveMatrices);
            }
            loadSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> provenance = AnalyzeResults.pairProvenance(m, input, pair.targetColumnOrField(),
                    analysis, kinds);
            Checkpoint checkpoint = Checkpoint.open(out, AnalyzeResults.fingerprint(provenance), resume);
            int already = resuming(checkpoint, entries.size(), err);
            AnalyzeResults.Matrices matrices = saveMatrices == null ? null : new AnalyzeResults.Matrices();
            return runAndWrite(b -> {
                BatchResult done = EncoderDecoderAnalysis.analyzePairs(analysis, m, b, targets, kinds);
                if (matrices != null) {
                    done.analysed().forEach(matrices::keep);    // pair results keep their blocks' traces and graphs
                }
                return done;
            }, entries, checkpoint, runner, analysis, provenance, matrices, source.unit(), already, start, err);
        }
    }

    /** Says what a resumed run continues from (and which checkpoint parts it could not use); the inputs done. */
    private int resuming(Checkpoint checkpoint, int inputs, PrintWriter err) {
        for (String sentence : checkpoint.ignored()) {
            err.println("attnplanes analyze: note: " + sentence);
        }
        int already = checkpoint.done().size();
        if (resume && already > 0) {
            err.println("attnplanes analyze: resuming; " + already + " of " + inputs + " inputs already done");
        }
        err.flush();
        return already;
    }

    private int runAndWrite(CorpusRunner.BatchAnalysis work, List<CorpusEntry> entries, Checkpoint checkpoint,
                            CorpusRunner runner, Analysis analysis,
                            Map<String, String> provenance, AnalyzeResults.Matrices matrices, String unit,
                            int already, long start, PrintWriter err)
            throws Exception {
        int completed;
        try (Progress progress = Progress.start("analyze", entries.size(), already,
                Progress.interactive() && entries.size() > 1)) {
            completed = runner.run(entries, checkpoint, work,
                    new CorpusRunner.Listener() {
                @Override
                public void completed(int count) {
                    progress.step(count);
                }

                @Override
                public void skipped(CorpusEntry entry) {
                    synchronized (err) {
                        err.println("attnplanes analyze: " + unit + entry.number() + " skipped: "
                                + entry.problem());
                        err.flush();
                    }
                }
            });
        }
        if (runner.cancelled()) {
            err.println("attnplanes analyze: interrupted; " + checkpoint.done().size() + " of " + entries.size()
                    + " inputs are saved; run again with --resume to continue");
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        List<PlaneRecord> rows = new ArrayList<>(checkpoint.rows());
        rows.sort(Comparator.comparingInt(PlaneRecord::input));
        Map<Integer, String> skipped = checkpoint.skipped();
        int analysed = entries.size() - skipped.size();
        if (analysed == 0) {
            checkpoint.finish();    // the run is complete, only without results: nothing to resume
            throw new UserInputException("no input could be analysed: all " + entries.size() + " were skipped"
                    + (source.text() != null ? " (" + skipped.values().iterator().next() + ")" : ""));
        }
        String command = "attnplanes " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        AnalyzeResults.Written written = AnalyzeResults.write(outs, out, provenance, rows, analysis,
                new AnalyzeResults.Run(command, entries.size(), skipped, unit, workersUsed, batch, start, loadSeconds,
                        checkpoint.commitSeconds()), figures, matrices, stagedMatrices, saveMatrices);
        outs.publish();
        checkpoint.finish();
        PrintWriter o = spec.commandLine().getOut();
        double seconds = written.seconds();
        double working = Math.max(seconds - loadSeconds, 1e-9);
        o.printf("analysed %d of %d inputs (%d skipped) in %.1f s (model load %.1f s, then %.2f inputs/s); %d rows%n",
                analysed, entries.size(), skipped.size(), seconds, loadSeconds, completed / working, rows.size());
        if (analysis.inputsInLayerPasses() > 0) {
            o.printf("%d inputs exceeded --max-memory %s and were captured in %d passes over layer groups%n",
                    analysis.inputsInLayerPasses(), memory.describe(),
                    analysis.layerPassCount());
        }
        for (Path p : written.files()) {
            o.println("wrote " + p);
        }
        o.flush();
        return ExitCodes.OK;
    }
}
