package org.attnplanes.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The work of a run in rounds. Batches are formed over the whole corpus (so a resumed run forms the same
 * batches) and numbered; round r holds batches {@code [r·k, (r+1)·k)}, spread over the partitions by batch
 * id, and is written as one Parquet table by Spark's committer. A round whose {@code _SUCCESS} exists is
 * never computed again; one without it (a killed run) is deleted and recomputed.
 */
final class Rounds {

    /** What the rounds hold once all are committed. */
    record Outcome(long analysed, List<Map<String, Object>> skipped, long rows, List<String> columns, int rounds,
                   int computed, long computedInputs, double seconds) {
    }

    private final SparkSession spark;
    private final RunLayout layout;
    private final JobSettings settings;
    private final CorpusInput.Corpus corpus;
    private final int batch;
    private final int every;
    private final int parts;
    private final StructType schema;
    private final List<String> paths = new ArrayList<>();
    private Outcome outcome;

    Rounds(SparkSession spark, RunLayout layout, JobSettings settings, CorpusInput.Corpus corpus, int batch,
           int every, int parts) {
        this.spark = spark;
        this.layout = layout;
        this.settings = settings;
        this.corpus = corpus;
        this.batch = batch;
        this.every = every;
        this.parts = parts;
        this.schema = Tables.roundSchema(settings.columns());
    }

    Outcome run(PrintWriter err) {
        long t0 = System.nanoTime();
        int ncols = settings.columns().size();
        String readErrors = layout.round("read-errors");
        paths.add(readErrors);
        if (!layout.committed(readErrors)) {
            layout.delete(readErrors);
            JavaRDD<Row> bad = corpus.entries().filter(e -> !e.ok())
                    .map(e -> Tables.errorRow(e.number(), e.problem(), ncols));
            spark.createDataFrame(bad, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(readErrors);
        }
        JavaRDD<Entry> good = corpus.entries().filter(Entry::ok);
        long nGood = good.count();
        long nBatches = (nGood + batch - 1) / batch;
        long perRound = Math.max(1, (every + batch - 1) / batch);
        int nRounds = (int) ((nBatches + perRound - 1) / perRound);
        List<Integer> todo = new ArrayList<>();
        for (int r = 0; r < nRounds; r++) {
            String dir = layout.round(String.format("round-%06d", r));
            paths.add(dir);
            if (!layout.committed(dir)) {
                todo.add(r);
            }
        }
        long computedInputs = 0;
        if (!todo.isEmpty()) {
            JavaRDD<Batch> batches = batches(good);
            for (int r : todo) {
                String dir = paths.get(r + 1);
                layout.delete(dir); // what a killed run left of this round
                long lo = r * perRound;
                long hi = Math.min(nBatches, lo + perRound);
                int k = (int) Math.min(parts, hi - lo);
                JobSettings s = settings;
                JavaRDD<Row> rows = batches.filter(b -> b.id() >= lo && b.id() < hi).keyBy(Batch::id)
                        .partitionBy(new HashPartitioner(k)).values()
                        .mapPartitions(it -> ExecutorAnalysis.analyze(s, it));
                spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(dir);
                long inputs = Math.min(nGood, hi * batch) - lo * batch;
                computedInputs += inputs;
                err.printf("spark-analyze: round %d of %d committed (%d inputs)%n", r + 1, nRounds, inputs);
                err.flush();
            }
            batches.unpersist(false);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Dataset<Row> all = Tables.readRounds(spark, schema, paths);
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (Row r : all.where(Tables.c("reason").isNotNull()).select("input", "reason").orderBy("input")
                .collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(corpus.unit(), r.getInt(0));
            m.put("problem", r.getString(1));
            skipped.add(m);
        }
        long rows = all.where(Tables.c("reason").isNull()).count();
        List<String> columns = new ArrayList<>(List.of("input", "layer", "head", "tokens", "block"));
        columns.addAll(settings.columns());
        outcome = new Outcome(corpus.count() - skipped.size(), skipped, rows, columns, nRounds, todo.size(),
                computedInputs, seconds);
        return outcome;
    }

    /** The batches of analyze: good inputs sorted by text length (ties by number), cut into runs of --batch. */
    private JavaRDD<Batch> batches(JavaRDD<Entry> good) {
        long size = batch;
        return good.sortBy(e -> ((long) e.text().length() << 32) | e.number(), true, parts)
                .zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2() / size, t._1()))
                .groupByKey(parts)
                .map(t -> {
                    List<Entry> members = new ArrayList<>();
                    t._2().forEach(members::add);
                    members.sort(Comparator.comparingInt((Entry e) -> e.text().length()).thenComparingInt(Entry::number));
                    int[] numbers = members.stream().mapToInt(Entry::number).toArray();
                    String[] texts = members.stream().map(Entry::text).toArray(String[]::new);
                    return new Batch(t._1(), numbers, texts);
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Writes planes, barcodes and errors from the committed rounds. */
    void writeTables(String provenanceJson) {
        Dataset<Row> all = Tables.readRounds(spark, schema, paths);
        int files = (int) Math.max(1, outcome.analysed() / 20_000);
        Tables.write(Tables.planes(all, settings.columns(), files), layout.table("planes"), provenanceJson);
        Tables.write(Tables.barcodes(all, files), layout.table("barcodes"), provenanceJson);
        Tables.write(Tables.errors(all), layout.table("errors"), provenanceJson);
    }
}
