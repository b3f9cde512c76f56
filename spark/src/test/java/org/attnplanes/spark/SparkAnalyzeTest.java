package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.attnplanes.app.export.JsonExport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same 50-line corpus (2 bad lines) through {@code analyze} and through the Spark job in local[2]:
 * identical planes rows (9 significant digits), identical barcodes, the bad lines in errors with their line
 * numbers, provenance in the Parquet footers; and the bad-input contract (exit 2, one sentence, nothing written).
 */
class SparkAnalyzeTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path corpus;
    static Path analyzeOut;
    static String sparkOut;
    static SparkTestSupport.Run sparkRun;

    @BeforeAll
    static void runBoth() throws Exception {
        corpus = SparkTestSupport.corpus50(dir);
        analyzeOut = SparkTestSupport.analyzeReference(corpus);
        spark = SparkTestSupport.session();
        sparkOut = dir.resolve("spark").toString();
        sparkRun = SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--out", sparkOut, "--master", "local[2]");
        assertEquals(0, sparkRun.status(), sparkRun.err());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void planesRowsEqualAnalyzeTo9SignificantDigits() throws Exception {
        Outputs.assertSamePlanes(spark, analyzeOut, sparkOut);
    }

    @Test
    void barcodesEqualAnalyze() {
        Outputs.assertSameBarcodes(spark, analyzeOut, sparkOut);
    }

    @Test
    void badLinesAreInErrorsWithTheirLineNumbers() throws Exception {
        assertEquals(List.of("12: empty line", "38: empty line"), Outputs.errors(spark, sparkOut));
        JsonNode skipped = JsonExport.mapper().readTree(analyzeOut.resolve("provenance.json").toFile())
                .get("run").get("skipped");
        assertEquals(12, skipped.get(0).get("line").asInt());
        assertEquals(38, skipped.get(1).get("line").asInt());
        assertTrue(sparkRun.out().contains("50 inputs, 48 analysed, 2 skipped, 3456 rows"), sparkRun.out());
    }

    @Test
    void committedTablesCarryTheProvenanceInTheirFooters() throws Exception {
        for (String t : List.of("planes", "barcodes", "errors")) {
            assertTrue(Files.exists(Path.of(sparkOut, t, "_SUCCESS")), t + "/_SUCCESS");
        }
        assertTrue(Files.exists(Path.of(sparkOut, "_SUCCESS")));
        assertFalse(Files.exists(Path.of(sparkOut, "_attnplanes", "rounds")), "rounds are removed when complete");
        JsonNode analyzeProv = JsonExport.mapper().readTree(analyzeOut.resolve("provenance.json").toFile())
                .get("provenance");
        JsonNode sparkProv = JsonExport.mapper().readTree(Path.of(sparkOut, "provenance.json").toFile())
                .get("provenance");
        for (String key : List.of("model_sha256", "input_sha256", "max_tokens", "topology.thresholds",
                "topology.features", "graph.normalization", "graph.head_reduction")) {
            assertEquals(analyzeProv.get(key), sparkProv.get(key), key);
        }
        try (var files = Files.list(Path.of(sparkOut, "planes"))) {
            Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
                Map<String, String> kv = r.getFileMetaData().getKeyValueMetaData();
                JsonNode footer = JsonExport.mapper().readTree(kv.get(ProvenanceParquetFormat.METADATA_KEY));
                assertEquals(analyzeProv.get("model_sha256"), footer.get("model_sha256"));
                assertEquals(sparkProv, footer);
            }
        }
    }

    @Test
    void badInputIsOneSentenceExit2AndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        assertBad(SparkTestSupport.sparkAnalyze("--input", dir.resolve("x.doc").toString(), "--out", out.toString()),
                "--input " + dir.resolve("x.doc") + " has an unknown extension");
        assertBad(SparkTestSupport.sparkAnalyze("--input", dir.resolve("missing.txt").toString(), "--out",
                out.toString()), "--input " + dir.resolve("missing.txt") + " does not exist");
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "id,sentence\n1,hello\n");
        assertBad(SparkTestSupport.sparkAnalyze("--input", csv.toString(), "--column", "nope", "--out", out.toString()),
                "--column nope is not a column of");
        Path badModel = dir.resolve("broken.onnx");
        Files.writeString(badModel, "not an onnx model");
        assertBad(SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--model", badModel.toString(), "--out",
                out.toString()), "--model " + badModel + " cannot be used on executor driver");
        assertBad(SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--thresholds", "1.5", "--out",
                out.toString()), "--thresholds 1.5 is outside (0, 1]");
        assertFalse(Files.exists(out), "nothing written");
        long before = Files.getLastModifiedTime(Path.of(sparkOut, "planes")).toMillis();
        assertBad(SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--out", sparkOut),
                "--out " + sparkOut + " already exists; give --resume");
        assertEquals(before, Files.getLastModifiedTime(Path.of(sparkOut, "planes")).toMillis());
    }

    private static void assertBad(SparkTestSupport.Run run, String start) {
        assertEquals(2, run.status(), run.err());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("attnplanes spark-analyze: " + start), err);
    }
}
