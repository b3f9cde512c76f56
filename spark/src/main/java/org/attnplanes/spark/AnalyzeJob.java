package org.attnplanes.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.app.cli.ErrorReporter;
import org.attnplanes.app.cli.ExitCodes;
import org.attnplanes.app.cli.ModelOptions;
import org.attnplanes.app.cli.TopologyOptions;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.cli.ViewOptions;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.results.AnalyzeResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code attnplanes spark-analyze}: the {@code analyze} pipeline (capture → graph → topology) as an Apache
 * Spark job writing Parquet, in embedded local mode or on a cluster ({@code spark-submit --class
 * org.attnplanes.spark.AnalyzeJob attnplanes-spark-<version>-job.jar …}).
 *
 * <p>The driver reads and numbers the corpus ({@link CorpusInput}), ships the model, opens it once on
 * every executor (a probe that reports the executor's own reason when it cannot), forms the batches of
 * {@code analyze} (all good inputs sorted by length, cut into {@code --batch}), and runs them in rounds of
 * about {@code --commit-every} inputs, each round committed by Spark's committer so that {@code --resume}
 * recomputes only rounds that never committed. The rounds then become the {@code planes}, {@code barcodes}
 * and {@code errors} tables ({@link Tables}) with the provenance in each file's footer and in
 * {@code provenance.json}.
 */
@Command(name = "spark-analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run analyze on Apache Spark (local mode or a cluster) and write Parquet tables planes/,"
                + " barcodes/, errors/ and provenance.json.",
            "",
            "Example: attnplanes spark-analyze --input corpus.jsonl --field text --out results/ --master local[*]"})
public final class AnalyzeJob implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "Corpus: .txt (one input per"
            + " line), .csv/.tsv (with --column), .jsonl (with --field), .parquet file or directory (with --column;"
            + " default column text). Any path Spark can read (file:, hdfs:, s3a:).")
    String input;

    @Option(names = "--column", paramLabel = "NAME", description = "CSV/TSV/Parquet column with the text.")
    String column;

    @Option(names = "--field", paramLabel = "NAME", description = "JSONL field with the text (dotted path allowed;"
            + " default: text).")
    String field;

    @Option(names = "--out", paramLabel = "PATH", required = true, description = "Output directory (any Hadoop path).")
    String out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8",
            description = "Inputs per model call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--resume", description = "Continue an interrupted run in --out (same settings): only rounds"
            + " that were not committed are computed.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace an existing --out.")
    boolean overwrite;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*] (default), local[N],"
            + " spark://host:7077, yarn, k8s://…; under spark-submit its --master is used.")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Tasks per round (default 0: Spark's default parallelism, i.e. the cores).")
    int partitions;

    @Option(names = "--commit-every", paramLabel = "N", defaultValue = "0", description = "Inputs per committed"
            + " round (default 0: max(10000, 16 x batch x partitions)); a killed run loses at most the rounds in flight.")
    int commitEvery;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), e.g."
            + " --conf spark.executor.memory=4g.")
    List<String> conf = new ArrayList<>();

    @Option(names = "--debug", description = "Print stack traces on errors.")
    void setDebug(boolean debug) {
        ErrorReporter.setDebug(debug);
    }

    @Mixin
    ModelOptions model;

    @Mixin
    ViewOptions view;

    @Mixin
    TopologyOptions topology;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the job and exits with its status (0 ok, 2 bad input, 1 failure). */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the job in this JVM (tests, the launcher) and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new AnalyzeJob());
        ErrorReporter handler = new ErrorReporter();
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> ErrorReporter.report(SparkErrors.unwrap(ex), c.getErr(),
                "attnplanes spark-analyze"));
        cmd.setParameterExceptionHandler(handler);
        cmd.setAbbreviatedOptionsAllowed(false);
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } catch (Throwable t) {
            return ErrorReporter.report(t, err, "attnplanes spark-analyze");
        }
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        validate();
        boolean ownSession = SparkSession.getActiveSession().isEmpty();
        SparkSession spark = session();
        double sessionSeconds = (System.nanoTime() - start) / 1e9;
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int parts = partitions > 0 ? partitions : sc.defaultParallelism();
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            RunLayout layout = new RunLayout(hadoop, out);
            if (layout.isFile()) {
                throw new UserInputException("--out " + out + " is a file; give a directory");
            }
            if (layout.occupied() && !resume && !overwrite) {
                throw new UserInputException("--out " + out + " already exists; give --resume to continue that run"
                        + " or --overwrite to replace it");
            }
            CorpusInput.Corpus corpus = CorpusInput.read(spark, input, column, field, parts);

            long probeStart = System.nanoTime();
            JobSettings settings = shipModel(spark, hadoop, args);
            ExecutorAnalysis.Report report = probe(sc, settings, parts);
            double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
            settings = settings.withColumns(report.columns());

            // the provenance analyze writes, from the same code
            Map<String, String> provenance = AppAdapter.provenance(report.provenance(), report.maxTokens(),
                    new AnalyzeResults.Input(input, corpus.sha256(), column != null ? column : field),
                    model.captureOptions(false), view, topology);
            int every = commitEvery > 0 ? commitEvery : Math.max(10_000, 16 * batch * parts);
            Map<String, String> fingerprint = new LinkedHashMap<>(provenance);
            fingerprint.remove("tool_version");
            fingerprint.put("batch", Integer.toString(batch));
            fingerprint.put("commit_every", Integer.toString(every));
            fingerprint.put("columns", String.join(",", report.columns()));

            if (layout.occupied()) {
                if (overwrite) {
                    layout.deleteAll();
                } else {
                    checkResumable(layout, fingerprint);
                    if (layout.complete()) {
                        o.println("spark-analyze: " + out + " is already complete; nothing to do");
                        return ExitCodes.OK;
                    }
                }
            }
            layout.writeSettings(fingerprint);

            Rounds rounds = new Rounds(spark, layout, settings, corpus, batch, every, parts);
            Rounds.Outcome outcome = rounds.run(err);
            if (outcome.analysed() == 0) {
                layout.deleteAll();
                throw new UserInputException("no input could be analysed: all " + corpus.count() + " were skipped");
            }
            long writing = System.nanoTime();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("command", "attnplanes spark-analyze " + String.join(" ", args));
            run.put("finished", Instant.now().toString());
            run.put("spark_version", spark.version());
            run.put("master", spark.sparkContext().master());
            run.put("partitions", parts);
            run.put("inputs", corpus.count());
            run.put("analysed", outcome.analysed());
            run.put("skipped", outcome.skipped());
            run.put("rows", outcome.rows());
            run.put("columns", outcome.columns());
            run.put("batch", batch);
            run.put("commit_every", every);
            run.put("rounds", outcome.rounds());
            run.put("rounds_computed_this_run", outcome.computed());
            run.put("seconds_session_start", round3(sessionSeconds));
            run.put("seconds_model_open_probe", round3(probeSeconds));
            run.put("seconds_model_open_executor_max", round3(report.openSeconds()));
            run.put("seconds_rounds", round3(outcome.seconds()));
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("provenance", provenance);
            root.put("run", run);
            String json = JsonExport.mapper().writeValueAsString(provenance);
            rounds.writeTables(json);
            run.put("seconds_tables", round3((System.nanoTime() - writing) / 1e9));
            double seconds = (System.nanoTime() - start) / 1e9;
            run.put("seconds_this_run", round3(seconds));
            run.put("tables", List.of(layout.table("planes"), layout.table("barcodes"), layout.table("errors")));
            layout.writeJson("provenance.json", root);
            layout.markComplete();
            layout.deleteRounds();
            o.printf("spark-analyze: %d inputs, %d analysed, %d skipped, %d rows in %.1f s (session %.1f s, model"
                            + " open %.1f s, rounds %.1f s: %.2f inputs/s); wrote %s%n", corpus.count(),
                    outcome.analysed(), outcome.skipped().size(), outcome.rows(), seconds, sessionSeconds,
                    probeSeconds, outcome.seconds(), outcome.computedInputs() / Math.max(outcome.seconds(), 1e-9),
                    layout.out());
            o.flush();
            return ExitCodes.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Option checks that need no Spark (so that bad input fails fast, before a session starts). */
    private void validate() {
        if (batch < 1) {
            throw new UserInputException("--batch " + batch + " must be >= 1");
        }
        if (partitions < 0) {
            throw new UserInputException("--partitions " + partitions + " must be >= 0 (0: Spark's default)");
        }
        if (commitEvery < 0) {
            throw new UserInputException("--commit-every " + commitEvery + " must be >= 0 (0: automatic)");
        }
        if (resume && overwrite) {
            throw new UserInputException("--resume and --overwrite exclude each other; give one");
        }
        for (String c : conf) {
            if (!c.contains("=") || c.startsWith("=")) {
                throw new UserInputException("--conf " + c + " must be KEY=VALUE");
            }
        }
        if (model.modelFile() == null && model.tokenizerFile() != null) {
            throw new UserInputException("--tokenizer " + model.tokenizerFile() + " needs --model; the embedded model"
                    + " brings its own tokenizer");
        }
        CorpusInput.format(input);
        model.captureOptions(false);
        AppAdapter.settings(view, topology); // validates --layers, --heads, --thresholds, --max-dim, ...
    }

    private SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("attnplanes spark-analyze");
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        b.master(m);
        if (m.startsWith("local")) {
            // embedded mode needs no network: keep the driver on the loopback interface
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            if (System.getProperty("log4j2.configurationFile") == null) {
                b.config("spark.log.level", "WARN"); // Spark's default is INFO; progress is in the UI and our lines
            }
        }
        if (!m.startsWith("local") && System.getProperty("spark.jars") == null) {
            // started by the launcher against a cluster (not by spark-submit): executors need the job jar
            String jobJar = jobJar();
            if (jobJar != null) {
                b.config("spark.jars", jobJar);
            }
        }
        for (String c : conf) {
            int eq = c.indexOf('=');
            b.config(c.substring(0, eq), c.substring(eq + 1));
        }
        return b.getOrCreate();
    }

    /** The job jar next to this class's jar (spark/target/attnplanes-spark-V.jar → …-V-job.jar), or null. */
    private static String jobJar() {
        try {
            java.nio.file.Path here = java.nio.file.Path.of(AnalyzeJob.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            String name = here.getFileName().toString();
            if (name.endsWith("-job.jar")) {
                return here.toString();
            }
            if (name.endsWith(".jar")) {
                java.nio.file.Path job = here.resolveSibling(name.substring(0, name.length() - 4) + "-job.jar");
                return java.nio.file.Files.isRegularFile(job) ? job.toString() : null;
            }
            return null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Ships {@code --model} (and its tokenizer) with the job; SHA-256 as read here. */
    private JobSettings shipModel(SparkSession spark, Configuration hadoop, List<String> args) throws IOException {
        if (model.modelFile() == null) {
            return new JobSettings(args, null, null, null, null, null);
        }
        String modelOption = model.modelFile().toString();
        Path m = new Path(modelOption);
        FileSystem fs = m.getFileSystem(hadoop);
        if (!fs.exists(m) || fs.getFileStatus(m).isDirectory()) {
            throw new UserInputException("--model " + modelOption + " does not exist or is not a file; give an .onnx"
                    + " file");
        }
        m = fs.makeQualified(m);
        String sha;
        try (var in = fs.open(m)) {
            sha = Sha256.of(in);
        }
        Path tokenizer = null;
        if (model.tokenizerFile() != null) {
            tokenizer = fs.makeQualified(new Path(model.tokenizerFile().toString()));
            if (!fs.exists(tokenizer)) {
                throw new UserInputException("--tokenizer " + model.tokenizerFile() + " does not exist");
            }
        } else {
            String name = m.getName();
            String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
            for (String candidate : List.of(stem + "-tokenizer.json", "tokenizer.json")) {
                Path p = new Path(m.getParent(), candidate);
                if (fs.exists(p)) {
                    tokenizer = p;
                    break;
                }
            }
        }
        spark.sparkContext().addFile(m.toString());
        if (tokenizer != null) {
            spark.sparkContext().addFile(tokenizer.toString());
        }
        return new JobSettings(args, m.getName(), modelOption, sha, tokenizer == null ? null : tokenizer.getName(), null);
    }

    /** Opens the model on every executor (one task per partition) and checks they all agree. */
    private ExecutorAnalysis.Report probe(JavaSparkContext sc, JobSettings settings, int parts) {
        List<Integer> slots = IntStream.range(0, parts).boxed().toList();
        List<ExecutorAnalysis.Report> reports = sc.parallelize(slots, parts)
                .map(i -> ExecutorAnalysis.probe(settings)).collect();
        ExecutorAnalysis.Report first = null;
        double slowest = 0;
        for (ExecutorAnalysis.Report r : reports) {
            if (r.error() != null) {
                String what = settings.modelOption() == null ? "the embedded model" : "--model " + settings.modelOption();
                throw new UserInputException(what + " cannot be used on executor " + r.executor() + " (" + r.host()
                        + "): " + r.error());
            }
            if (first == null) {
                first = r;
            } else if (!first.provenance().equals(r.provenance()) || !first.columns().equals(r.columns())) {
                throw new IllegalStateException("executors " + first.executor() + " and " + r.executor()
                        + " opened different models or settings: " + first.provenance() + " vs " + r.provenance());
            }
            slowest = Math.max(slowest, r.openSeconds());
        }
        return new ExecutorAnalysis.Report(first.executor(), first.host(), first.provenance(), first.maxTokens(),
                first.columns(), slowest, null);
    }

    private static void checkResumable(RunLayout layout, Map<String, String> fingerprint) {
        Map<String, String> stored = layout.storedSettings();
        if (stored == null) {
            throw new UserInputException("--resume: --out " + layout.out() + " was not written by spark-analyze; give"
                    + " a new --out or --overwrite");
        }
        for (Map.Entry<String, String> e : fingerprint.entrySet()) {
            String was = stored.get(e.getKey());
            if (!e.getValue().equals(was)) {
                throw new UserInputException("--resume: --out " + layout.out() + " was written with " + e.getKey()
                        + " = " + was + ", this run has " + e.getValue() + "; use the same settings or --overwrite");
            }
        }
    }
}
