package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.NpzWriter;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.plot.StatisticsFigures;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.CorpusRunner;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.TextResult;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.topology.features.ThresholdNames;
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
            + " weight matrix (input_<k>: [planes, n, n] float32) for external tools.")
    Path saveMatrices;

    @Mixin
    ModelOptions model;

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

    /** What analyze writes into --out (to recognise an earlier run's results). */
    static final List<String> RESULT_NAMES = List.of("planes.csv", "barcodes.json", "provenance.json", "figures");

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
        List<CorpusEntry> entries = source.read();
        String inputName;
        String inputHash;
        if (source.text() != null) {
            inputName = "--text";
            inputHash = sha256(source.text().strip().getBytes(StandardCharsets.UTF_8));
        } else {
            inputName = source.input().toString();
            inputHash = sha256(Files.readAllBytes(source.input()));
        }
        GraphSpec graphSpec = view.toSpec(baseSpec());
        // a corpus runs its batches in parallel; a single batch spreads its planes over the workers instead
        Analysis analysis = new Analysis(graphSpec, topology.settings(), entries.size() <= batch ? threads : 1);

        CaptureOptions capture = model.captureOptions(false);
        if (threads > 1) {
            capture = capture.toBuilder().threads(1).build();
        }
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
        try (OutputSet outs = output.directory("--out", out, resume, OutputOptions.inputs("--input", source.input(),
                "--model", model.modelFile(), "--tokenizer", model.tokenizerFile()), RESULT_NAMES);
             AttentionModel m = Workbench.open(model.modelFile(), capture)) {
            this.outs = outs;
            if (saveMatrices != null) {
                stagedMatrices = outs.file("--save-matrices", saveMatrices);
            }
            loadSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> provenance = new LinkedHashMap<>(Workbench.modelProvenance(m));
            provenance.put("input", inputName);
            provenance.put("input_sha256", inputHash);
            if (source.input() != null && source.columnOrField() != null) {
                provenance.put("input_column", source.columnOrField());
            }
            provenance.put("max_tokens", model.maxTokens == 0 ? Integer.toString(m.maxTokens())
                    : Integer.toString(model.maxTokens));
            provenance.put("truncate", Boolean.toString(model.truncate));
            provenance.putAll(analysis.settings());
            Map<String, String> fingerprint = new LinkedHashMap<>(provenance);
            fingerprint.remove("tool_version");

            Checkpoint checkpoint = Checkpoint.open(out, fingerprint, resume);
            int already = checkpoint.done().size();
            if (resume && already > 0) {
                err.println("attnplanes analyze: resuming; " + already + " of " + entries.size()
                        + " inputs already done");
            }
            Map<Integer, float[]> matrices = saveMatrices == null ? null : new ConcurrentHashMap<>();
            Map<Integer, int[]> shapes = saveMatrices == null ? null : new ConcurrentHashMap<>();
            return runAndWrite(m, entries, checkpoint, runner, analysis, provenance, matrices, shapes,
                    source.unit(), already, start, err);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the latch below
            }
            finished.countDown();   // after --out was closed: staging removed, lock released
        }
    }

    private int runAndWrite(AttentionModel m, List<CorpusEntry> entries, Checkpoint checkpoint,
                            CorpusRunner runner, Analysis analysis,
                            Map<String, String> provenance, Map<Integer, float[]> matrices,
                            Map<Integer, int[]> shapes, String unit, int already, long start, PrintWriter err)
            throws Exception {
        int completed;
        try (Progress progress = Progress.start("analyze", entries.size(), already,
                Progress.interactive() && entries.size() > 1)) {
            completed = runner.run(entries, checkpoint, b -> analysis.analyzeTexts(m, b),
                    new CorpusRunner.Listener() {
                @Override
                public void analysed(TextResult r) {
                    if (matrices != null) {
                        keepMatrices(r.input(), r.graph(), matrices, shapes);
                    }
                }

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
        PlaneStatistics stats = analysis.statistics();
        List<PlaneRecord> rows = new ArrayList<>(checkpoint.rows());
        rows.sort(Comparator.comparingInt(PlaneRecord::input));
        Map<Integer, String> skipped = checkpoint.skipped();
        int analysed = entries.size() - skipped.size();
        if (analysed == 0) {
            checkpoint.finish();    // the run is complete, only without results: nothing to resume
            throw new UserInputException("no input could be analysed: all " + entries.size() + " were skipped"
                    + (source.text() != null ? " (" + skipped.values().iterator().next() + ")" : ""));
        }
        long writing = System.nanoTime();
        Path planesCsv = out.resolve("planes.csv");
        Path barcodesJson = out.resolve("barcodes.json");
        Path provenanceJson = out.resolve("provenance.json");
        TidyTableWriter.write(outs.inDirectory("planes.csv"), provenance, rows);
        JsonExport.writeBarcodes(outs.inDirectory("barcodes.json"), provenance, rows);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "attnplanes " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        run.put("finished", Instant.now().toString());
        run.put("inputs", entries.size());
        run.put("analysed", analysed);
        run.put("skipped", skippedList(skipped, unit.strip()));
        run.put("rows", rows.size());
        run.put("columns", TidyTableWriter.columns(rows));
        run.put("workers", workersUsed);
        run.put("batch", batch);
        List<Path> written = new ArrayList<>(List.of(planesCsv, barcodesJson));
        if (figures) {
            String label = ThresholdNames.format(stats.thresholds().get(stats.thresholds().size() / 2));
            for (Path staged : StatisticsFigures.write(outs.folderInDirectory("figures"), rows, stats.maxDim(), label,
                    analysis.topology().maxClique(), provenance)) {
                written.add(out.resolve("figures").resolve(staged.getFileName().toString()));
            }
        }
        if (matrices != null) {
            NpzWriter npz = new NpzWriter();
            matrices.keySet().stream().sorted().forEach(k -> npz.add("input_" + k, shapes.get(k), matrices.get(k)));
            npz.write(stagedMatrices);
            written.add(saveMatrices);
        }
        run.put("files", written.stream().map(Path::toString).toList());
        double seconds = (System.nanoTime() - start) / 1e9; // everything but provenance.json itself
        run.put("seconds_this_run", Math.round(seconds * 1000) / 1000.0);
        run.put("seconds_model_load", Math.round(loadSeconds * 1000) / 1000.0);
        run.put("seconds_outputs", Math.round((System.nanoTime() - writing) / 1e6) / 1000.0);
        // summed over the workers (wall time inside each stage; with N workers up to N x the run's time)
        Map<String, Object> stages = new LinkedHashMap<>();
        Analysis.StageSeconds st = analysis.stageSeconds();
        stages.put("capture", Math.round(st.capture() * 1000) / 1000.0);
        stages.put("graph", Math.round(st.graph() * 1000) / 1000.0);
        stages.put("topology", Math.round(st.topology() * 1000) / 1000.0);
        stages.put("checkpoint", Math.round(checkpoint.commitSeconds() * 1000) / 1000.0);
        run.put("worker_seconds", stages);
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, run);
        written.add(2, provenanceJson);
        outs.publish();
        checkpoint.finish();
        PrintWriter o = spec.commandLine().getOut();
        double working = Math.max(seconds - loadSeconds, 1e-9);
        o.printf("analysed %d of %d inputs (%d skipped) in %.1f s (model load %.1f s, then %.2f inputs/s); %d rows%n",
                analysed, entries.size(), skipped.size(), seconds, loadSeconds, completed / working, rows.size());
        for (Path p : written) {
            o.println("wrote " + p);
        }
        o.flush();
        return ExitCodes.OK;
    }

    private static List<Map<String, Object>> skippedList(Map<Integer, String> skipped, String unit) {
        List<Map<String, Object>> out = new ArrayList<>();
        skipped.forEach((n, why) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(unit, n);
            m.put("problem", why);
            out.add(m);
        });
        return out;
    }

    private static void keepMatrices(int input, MultiPlanarGraph g, Map<Integer, float[]> matrices,
                                     Map<Integer, int[]> shapes) {
        List<Plane> planes = g.planes();
        int n = planes.get(0).size();
        float[] data = new float[planes.size() * n * n];
        for (int p = 0; p < planes.size(); p++) {
            Plane plane = planes.get(p);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    data[(p * n + i) * n + j] = i == j ? 0f : plane.weight(i, j);
                }
            }
        }
        matrices.put(input, data);
        shapes.put(input, new int[] {planes.size(), n, n});
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
