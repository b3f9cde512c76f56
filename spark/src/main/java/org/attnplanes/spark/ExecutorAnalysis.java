package org.attnplanes.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.BatchResult;
import org.attnplanes.app.workbench.TextResult;
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.model.AttentionModel;
import picocli.CommandLine;

/**
 * The executor side of the job: one {@link AttentionModel} per executor JVM, opened lazily on first use
 * and shared by every task of that JVM (the model is thread-safe; each call runs one ONNX thread), and the
 * analysis of a partition of {@link Batch}es into rows of the round table ({@link Tables#roundSchema}).
 */
final class ExecutorAnalysis {

    /** A short text run once per executor before the corpus: opens the model, validates the graph options. */
    static final String PROBE_TEXT = "The quick brown fox jumps over the lazy dog.";

    private static final Map<String, ExecutorAnalysis> OPEN = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (OPEN) {
                OPEN.values().forEach(a -> a.model.close());
                OPEN.clear();
            }
        }, "attnplanes-model-close"));
    }

    /** What one executor reports from the probe (or why it failed there). */
    record Report(String executor, String host, Map<String, String> provenance, int maxTokens,
                  List<String> columns, double openSeconds, String error) implements Serializable {
    }

    private final AttentionModel model;
    private final Analysis analysis;
    private final double openSeconds;

    private ExecutorAnalysis(JobSettings settings) {
        long t0 = System.nanoTime();
        AnalyzeJob options = new AnalyzeJob();
        new CommandLine(options).parseArgs(settings.args().toArray(String[]::new));
        Path modelPath = null;
        if (settings.modelFile() != null) {
            modelPath = Path.of(SparkFiles.get(settings.modelFile()));
            String sha = sha256(modelPath);
            if (!sha.equals(settings.modelSha256())) {
                throw new IllegalStateException("--model " + settings.modelOption() + " arrived with SHA-256 " + sha
                        + " but the driver read " + settings.modelSha256());
            }
        }
        Path tokenizer = settings.tokenizerFile() == null ? null : Path.of(SparkFiles.get(settings.tokenizerFile()));
        this.analysis = AppAdapter.analysis(options.view, options.topology);
        this.model = AppAdapter.open(modelPath, AppAdapter.captureOptions(options.model, tokenizer));
        this.openSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** The analysis of this JVM for these settings, opened on first use. */
    static ExecutorAnalysis get(JobSettings settings) {
        synchronized (OPEN) {
            ExecutorAnalysis a = OPEN.get(settings.modelKey());
            if (a == null) {
                a = new ExecutorAnalysis(settings);
                OPEN.put(settings.modelKey(), a);
            }
            return a;
        }
    }

    /** Opens the model here and analyses the probe text; failures come back as the executor's reason. */
    static Report probe(JobSettings settings) {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        try {
            ExecutorAnalysis a = get(settings);
            BatchResult r = AppAdapter.analyzeBatch(a.analysis, a.model, new int[] {1}, new String[] {PROBE_TEXT});
            if (!r.skipped().isEmpty()) {
                throw new IllegalStateException(r.skipped().get(1));
            }
            List<PlaneRecord> records = r.rows();
            List<String> columns = records.isEmpty() ? List.of() : AppAdapter.statNames(records.get(0));
            return new Report(executor, host, new LinkedHashMap<>(AppAdapter.modelProvenance(a.model)),
                    a.model.maxTokens(), columns, a.openSeconds, null);
        } catch (RuntimeException | Error e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Report(executor, host, Map.of(), 0, List.of(), 0, m);
        }
    }

    /** Analyses the batches of one partition into round-table rows. */
    static Iterator<Row> analyze(JobSettings settings, Iterator<Batch> batches) {
        ExecutorAnalysis a = get(settings);
        List<Row> out = new ArrayList<>();
        while (batches.hasNext()) {
            a.analyzeBatch(batches.next(), settings.columns(), out);
        }
        return out.iterator();
    }

    private void analyzeBatch(Batch batch, List<String> columns, List<Row> out) {
        BatchResult result = AppAdapter.analyzeBatch(analysis, model, batch.numbers(), batch.texts());
        for (TextResult text : result.analysed()) {
            List<PlaneRecord> records = text.rows();
            for (int p = 0; p < records.size(); p++) {
                out.add(planeRow(records.get(p), p, columns));
            }
        }
        result.skipped().forEach((number, reason) -> out.add(Tables.errorRow(number, reason, columns.size())));
    }

    private static Row planeRow(PlaneRecord r, int plane, List<String> columns) {
        Double[] values = AppAdapter.statValues(r, columns);
        List<Row> bars = new ArrayList<>();
        for (int dim = 0; dim < r.barcodes().size(); dim++) {
            for (double[] bar : r.barcodes().get(dim)) {
                bars.add(RowFactory.create(dim, bar[0], bar[1]));
            }
        }
        Object[] cells = new Object[Tables.KEYS + values.length + 2];
        cells[0] = r.input();
        cells[1] = plane;
        cells[2] = r.layer();
        cells[3] = r.head();
        cells[4] = r.tokens();
        cells[5] = r.block();
        System.arraycopy(values, 0, cells, Tables.KEYS, values.length);
        cells[Tables.KEYS + values.length] = bars.toArray(new Row[0]);
        cells[Tables.KEYS + values.length + 1] = null;
        return RowFactory.create(cells);
    }

    /** SHA-256 of a local file, hex. */
    static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the model file " + file + ": " + e.getMessage(), e);
        }
    }
}
