package org.attnplanes.app.results;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.NpzWriter;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.ClassColumns;
import org.attnplanes.app.plot.StatisticsFigures;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.TextResult;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.features.ThresholdNames;

/**
 * The result files of {@code analyze}: its provenance, {@code planes.csv}, {@code barcodes.json},
 * {@code provenance.json}, the optional figures and weight matrices. The command only parses options and runs the
 * corpus; a desktop or batch caller with an {@link Analysis} and its rows writes the same files through here.
 */
public final class AnalyzeResults {

    /** What analyze writes into its output folder (to recognise an earlier run's results). */
    public static final List<String> NAMES = List.of("planes.csv", "barcodes.json", "provenance.json", "figures");

    private AnalyzeResults() {
    }

    /**
     * Where the texts came from, for the provenance.
     *
     * @param name   {@code --text} or the input file's name as given
     * @param sha256 hex SHA-256 of the stripped text or of the file's bytes
     * @param column the column or field read from the file, or null
     */
    public record Input(String name, String sha256, String column) {

        /** One text given on the command line (hashed stripped, as it is analysed). */
        public static Input text(String text) {
            return new Input("--text", Sha256.ofText(text.strip()), null);
        }

        /** A corpus file, hashed as it is on disk. */
        public static Input file(Path file, String column) {
            try {
                return new Input(file.toString(), Sha256.ofFile(file), column);
            } catch (IOException e) {
                throw UserInputException.of("--input", file, "cannot be read: " + OutputSet.reason(e), e);
            }
        }
    }

    /**
     * The provenance of an analyze run: the model's, the input's, the capture limits and the analysis settings.
     *
     * @param maxTokens the {@code --max-tokens} given, or 0 for the model's own limit
     */
    public static Map<String, String> provenance(AttentionModel model, Input input, int maxTokens, boolean truncate,
                                                 Analysis analysis) {
        return provenance(Workbench.modelProvenance(model), model.maxTokens(), input, maxTokens, truncate, analysis);
    }

    /**
     * {@link #provenance(AttentionModel, Input, int, boolean, Analysis)} for a model opened elsewhere (the Spark
     * job's executors): its {@link Workbench#modelProvenance} and its own token limit.
     */
    public static Map<String, String> provenance(Map<String, String> modelProvenance, int modelMaxTokens, Input input,
                                                 int maxTokens, boolean truncate, Analysis analysis) {
        Map<String, String> provenance = new LinkedHashMap<>(modelProvenance);
        provenance.put("input", input.name());
        provenance.put("input_sha256", input.sha256());
        if (input.column() != null) {
            provenance.put("input_column", input.column());
        }
        provenance.put("max_tokens", Integer.toString(maxTokens == 0 ? modelMaxTokens : maxTokens));
        provenance.put("truncate", Boolean.toString(truncate));
        provenance.putAll(analysis.settings());
        if ("true".equals(modelProvenance.get(AttentionTrace.CAUSAL))) {
            provenance.put("causal_planes", analysis.graphSpec().causalPlanes());
        }
        return provenance;
    }

    /**
     * The provenance of an analyze run over an encoder–decoder: both model files, layer counts, the decoder start
     * token, the input and its target column, and the analysis settings; the decoder's planes are causal.
     */
    public static Map<String, String> pairProvenance(org.attnplanes.model.EncoderDecoderModel model, Input input,
                                                     String targetColumn, Analysis analysis) {
        return pairProvenance(model, input, targetColumn, analysis, List.of(org.attnplanes.graph.BlockKind.ENCODER,
                org.attnplanes.graph.BlockKind.DECODER, org.attnplanes.graph.BlockKind.CROSS));
    }

    /** As above, recording which blocks are analysed ({@code analyze --blocks}). */
    public static Map<String, String> pairProvenance(org.attnplanes.model.EncoderDecoderModel model, Input input,
                                                     String targetColumn, Analysis analysis,
                                                     List<org.attnplanes.graph.BlockKind> blocks) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model_file", model.encoderPath().getFileName().toString());
        provenance.put("decoder_file", model.decoderPath().getFileName().toString());
        provenance.put("tool_version", org.attnplanes.graph.Provenance.TOOL_VERSION);
        provenance.put("model_layers", Integer.toString(model.encoderLayers()));
        provenance.put("decoder_layers", Integer.toString(model.decoderLayers()));
        provenance.put("model_heads", Integer.toString(model.heads()));
        provenance.put("decoder_start_token_id", Integer.toString(model.decoderStartTokenId()));
        provenance.put("decoder_start_source", model.decoderStartSource());
        provenance.put("blocks", "encoder (self-attention over the source), decoder (causal self-attention over the "
                + "target), cross (target rows x source columns, bipartite planes); layers count within each block");
        provenance.put("blocks_analysed", String.join(",", blocks.stream().map(org.attnplanes.graph.BlockKind::label)
                .toList()));
        provenance.put("input", input.name());
        provenance.put("input_sha256", input.sha256());
        if (input.column() != null) {
            provenance.put("input_column", input.column());
        }
        if (targetColumn != null) {
            provenance.put("target_column", targetColumn);
        }
        provenance.putAll(analysis.settings());
        provenance.put("causal_planes", "decoder block: " + analysis.graphSpec().causalPlanes());
        return provenance;
    }

    /** The settings a resumed run must share with the run it continues: the provenance without the tool version. */
    public static Map<String, String> fingerprint(Map<String, String> provenance) {
        Map<String, String> fingerprint = new LinkedHashMap<>(provenance);
        fingerprint.remove("tool_version");
        return fingerprint;
    }

    /**
     * The run part of {@code provenance.json}.
     *
     * @param command           the command line as typed ({@code attnplanes analyze ...})
     * @param inputs            how many inputs the corpus has
     * @param skipped           the skipped inputs' numbers with their reasons
     * @param unit              what an input is called ({@code line}, {@code row}, ...)
     * @param workers           the parallel workers used
     * @param batch             the inputs per model call
     * @param startNanos        {@link System#nanoTime()} at the start of the run
     * @param loadSeconds       seconds until the model was loaded
     * @param checkpointSeconds seconds spent committing checkpoints
     */
    public record Run(String command, int inputs, Map<Integer, String> skipped, String unit, int workers, int batch,
                      long startNanos, double loadSeconds, double checkpointSeconds) {
    }

    /**
     * What was written.
     *
     * @param files   the published paths, in the order they are reported
     * @param seconds the run's seconds until everything but {@code provenance.json} was written
     */
    public record Written(List<Path> files, double seconds) {
    }

    /**
     * Writes {@code planes.csv}, {@code barcodes.json} (not for {@link PlaneStatistics#none()}: it has no barcodes),
     * the figures (when {@code figures}), the matrices (when
     * {@code matrices} is not null) and {@code provenance.json} into the staging area of {@code outs}; the caller
     * publishes.
     *
     * @param out        the output folder as the user named it (for the reported paths)
     * @param rows       every analysed plane, sorted by input
     * @param matrices   the kept weight matrices, or null for none
     * @param staged     where to write them now ({@link OutputSet#file}, declared before the model loaded), or null
     * @param matrixFile where the matrices go as the user named it (reported), or null
     */
    public static Written write(OutputSet outs, Path out, Map<String, String> provenance, List<PlaneRecord> rows,
                                Analysis analysis, Run run, boolean figures, Matrices matrices, Path staged,
                                Path matrixFile) {
        long writing = System.nanoTime();
        PlaneStatistics stats = analysis.statistics();
        List<String> columns = TidyTableWriter.columns(rows);
        String classColumns = ClassColumns.describe(columns);
        if (classColumns != null) {
            provenance = new LinkedHashMap<>(provenance);
            provenance.put("class_columns", classColumns);
        }
        writeTables(outs, provenance, rows, !stats.isNone()); // --stats none computes no barcodes: no barcodes.json
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("command", run.command());
        info.put("finished", Instant.now().toString());
        info.put("inputs", run.inputs());
        info.put("analysed", run.inputs() - run.skipped().size());
        info.put("skipped", skippedList(run.skipped(), run.unit().strip()));
        info.put("rows", rows.size());
        info.put("columns", columns);
        info.put("workers", run.workers());
        info.put("batch", run.batch());
        info.put("inputs_in_layer_passes", analysis.inputsInLayerPasses());
        if (analysis.inputsInLayerPasses() > 0) {
            info.put("layer_passes", analysis.layerPassCount());
            info.put("layer_pass_model_runs", analysis.layerPassModelRuns());
        }
        List<Path> written = new ArrayList<>(List.of(out.resolve("planes.csv")));
        if (!stats.isNone()) {
            written.add(out.resolve("barcodes.json"));
        }
        if (figures && !stats.isNone()) {
            String label = ThresholdNames.format(stats.thresholds().get(stats.thresholds().size() / 2));
            for (Path figure : StatisticsFigures.write(outs.folderInDirectory("figures"), rows, stats.maxDim(), label,
                    analysis.topology().maxClique(), provenance)) {
                written.add(out.resolve("figures").resolve(figure.getFileName().toString()));
            }
        }
        if (matrices != null) {
            matrices.write(staged);
            written.add(matrixFile);
        }
        info.put("files", written.stream().map(Path::toString).toList());
        double seconds = (System.nanoTime() - run.startNanos()) / 1e9; // everything but provenance.json itself
        info.put("seconds_this_run", round3(seconds));
        info.put("seconds_model_load", round3(run.loadSeconds()));
        info.put("seconds_outputs", Math.round((System.nanoTime() - writing) / 1e6) / 1000.0);
        // summed over the workers (wall time inside each stage; with N workers up to N x the run's time)
        Map<String, Object> stages = new LinkedHashMap<>();
        Analysis.StageSeconds st = analysis.stageSeconds();
        stages.put("capture", round3(st.capture()));
        stages.put("graph", round3(st.graph()));
        stages.put("topology", round3(st.topology()));
        stages.put("checkpoint", round3(run.checkpointSeconds()));
        info.put("worker_seconds", stages);
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, info);
        written.add(stats.isNone() ? 1 : 2, out.resolve("provenance.json"));
        return new Written(List.copyOf(written), seconds);
    }

    /**
     * Writes {@code planes.csv} on this thread and {@code barcodes.json} (when {@code barcodes}) on a second one at
     * the same time, each hashed while it is written ({@link OutputSet#written}: the manifest needs no second
     * reading). Returns when both are written; the first failure is thrown after both writers have stopped.
     */
    private static void writeTables(OutputSet outs, Map<String, String> provenance, List<PlaneRecord> rows,
                                    boolean barcodes) {
        Path csv = outs.inDirectory("planes.csv");
        if (!barcodes) {
            outs.written(csv, TidyTableWriter.writeHashed(csv, provenance, rows));
            return;
        }
        Path json = outs.inDirectory("barcodes.json");
        FutureTask<String> jsonTask = new FutureTask<>(() -> JsonExport.writeBarcodesHashed(json, provenance, rows));
        Thread jsonThread = new Thread(jsonTask, "attnplanes-barcodes");
        jsonThread.start();
        String csvSha;
        try {
            csvSha = TidyTableWriter.writeHashed(csv, provenance, rows);
        } finally {
            joinUninterruptibly(jsonThread);
        }
        String jsonSha;
        try {
            jsonSha = jsonTask.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            throw new IllegalStateException("the barcodes.json writer finished before this", e);  // joined above
        }
        outs.written(csv, csvSha);
        outs.written(json, jsonSha);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static double round3(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
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

    /**
     * Every plane's normalized weight matrix per input, collected while a corpus runs (thread-safe) and written as
     * one NPZ file: for a single model {@code input_<k>} float32 {@code [planes, n, n]} (diagonal 0) and
     * {@code input_<k>_token_ids} int32 {@code [n]}; for an encoder–decoder, per analysed block,
     * {@code input_<k>_encoder} {@code [planes, n_src, n_src]}, {@code input_<k>_decoder} {@code [planes, n_tgt,
     * n_tgt]} and {@code input_<k>_cross} {@code [planes, n_tgt, n_src]} (target rows × source columns, the
     * bipartite plane's one non-zero block), with {@code input_<k>_source_token_ids} and
     * {@code input_<k>_target_token_ids} (the target starts with the decoder start token). Ids are -1 for a token
     * without one (an image patch).
     */
    public static final class Matrices {

        private final Map<String, float[]> data = new ConcurrentHashMap<>();
        private final Map<String, int[]> shapes = new ConcurrentHashMap<>();
        private final Map<String, int[]> ids = new ConcurrentHashMap<>();

        /** Keeps the planes of one analysed text (every block of an encoder–decoder pair). */
        public void keep(TextResult result) {
            if (result.blocks().isEmpty()) {
                keep(result.input(), result.graph());
                if (result.trace() != null) {
                    ids.put("input_" + result.input() + "_token_ids", ids(result.trace().tokens()));
                }
                return;
            }
            for (TextResult block : result.blocks()) {
                AttentionTrace t = block.trace();
                String key = "input_" + result.input() + "_" + t.block().label();
                if (t.bipartite()) {
                    keepRectangle(key, block.graph(), t.targetCount(), t.sourceCount());
                } else {
                    keepSquare(key, block.graph());
                }
                ids.put("input_" + result.input() + "_" + (t.block() == BlockKind.ENCODER ? "source" : "target")
                        + "_token_ids", ids(t.block() == BlockKind.ENCODER ? t.tokens() : t.targetTokens()));
                if (t.bipartite()) {
                    ids.put("input_" + result.input() + "_source_token_ids", ids(t.sourceTokens()));
                }
            }
        }

        /** Keeps the planes of input {@code input}'s graph. */
        public void keep(int input, MultiPlanarGraph g) {
            keepSquare("input_" + input, g);
        }

        private void keepSquare(String key, MultiPlanarGraph g) {
            List<Plane> planes = g.planes();
            int n = planes.get(0).size();
            float[] values = new float[planes.size() * n * n];
            for (int p = 0; p < planes.size(); p++) {
                Plane plane = planes.get(p);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        values[(p * n + i) * n + j] = i == j ? 0f : plane.weight(i, j);
                    }
                }
            }
            data.put(key, values);
            shapes.put(key, new int[] {planes.size(), n, n});
        }

        private void keepRectangle(String key, MultiPlanarGraph g, int targets, int sources) {
            List<Plane> planes = g.planes();
            float[] values = new float[planes.size() * targets * sources];
            for (int p = 0; p < planes.size(); p++) {
                Plane plane = planes.get(p);
                for (int i = 0; i < targets; i++) {
                    for (int j = 0; j < sources; j++) {
                        values[(p * targets + i) * sources + j] = plane.weight(i, targets + j);
                    }
                }
            }
            data.put(key, values);
            shapes.put(key, new int[] {planes.size(), targets, sources});
        }

        private static int[] ids(List<Token> tokens) {
            int[] out = new int[tokens.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = tokens.get(i).id();
            }
            return out;
        }

        /** Writes the kept matrices and token ids, sorted by key, to {@code file}. */
        public void write(Path file) {
            NpzWriter npz = new NpzWriter();
            java.util.TreeSet<String> keys = new java.util.TreeSet<>(java.util.Comparator
                    .comparingInt((String k) -> Integer.parseInt(k.split("_")[1])).thenComparing(k -> k));
            keys.addAll(data.keySet());
            keys.addAll(ids.keySet());
            for (String k : keys) {
                if (data.containsKey(k)) {
                    npz.add(k, shapes.get(k), data.get(k));
                } else {
                    int[] v = ids.get(k);
                    npz.addInt(k, new int[] {v.length}, v);
                }
            }
            npz.write(file);
        }
    }
}
