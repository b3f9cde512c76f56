package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.DecoderFolders;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier's prediction in {@code compare.csv} and {@code series.csv}, as in analyze's planes.csv: two
 * generated GPT-2 sequence classifiers ({@link DecoderOnnx#sequenceClassifier}, 3 classes, different seeds) with
 * {@code id2label} in their config.json. compare gives {@code predicted_class_a/_b/_diff} and
 * {@code p_<label>_a/_b/_diff} first in every row; series gives {@code predicted_class, p_<label>} after the
 * checkpoint column; the values equal the softmax of each model's logits computed here from the raw output; a
 * wrong {@code --class-labels} count exits 2 with one sentence and writes nothing.
 */
class CompareSeriesClassColumnsTest {

    private static final String TEXT = "The cat sat on the mat.";
    private static final List<String> P = List.of("p_negative", "p_neutral", "p_positive");

    @TempDir
    Path dir;

    private Path classifier(String name, long seed) throws Exception {
        Path d = dir.resolve(name);
        Path p = DecoderFolders.write(d, "model.onnx", DecoderOnnx.sequenceClassifier(seed, 3),
                DecoderFolders.Tokenizer.BYTE_LEVEL);
        Files.writeString(d.resolve("config.json"), "{\"architectures\": [\"GPT2ForSequenceClassification\"],"
                + " \"id2label\": {\"0\": \"negative\", \"1\": \"neutral\", \"2\": \"positive\"}}");
        return p;
    }

    /** softmax of the model's logits on the text, computed from the raw output. */
    private static double[] probabilities(Path model) {
        try (AttentionModel m = AttentionModel.open(model)) {
            NamedTensor logits = m.capture(TEXT).outputs().get("logits");
            assertEquals(3, logits.size());
            double[] p = new double[3];
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                p[k] = Math.exp(logits.get(k));
                sum += p[k];
            }
            for (int k = 0; k < 3; k++) {
                p[k] /= sum;
            }
            return p;
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return best;
    }

    @Test
    void compare_twoClassifiers_classColumnsForBothSidesAndTheirDifference() throws Exception {
        Path a = classifier("a", 3);
        Path b = classifier("b", 11);
        double[] pa = probabilities(a);
        double[] pb = probabilities(b);
        assertTrue(Math.abs(pa[0] - pb[0]) > 1e-3, "the two seeds should classify differently");
        Path out = dir.resolve("cmp");

        Cli.Result r = Cli.inProcess("compare", "--model", a.toString(), "--other-model", b.toString(), "--text", TEXT,
                "--no-cross-barcodes", "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> header = TestFiles.csvHeader(out.resolve("compare.csv"));
        int at = header.indexOf("predicted_class_a");
        assertTrue(at > 0, "no class columns: " + header);
        assertEquals(List.of("predicted_class_a", "predicted_class_b", "predicted_class_diff",
                "p_negative_a", "p_negative_b", "p_negative_diff", "p_neutral_a", "p_neutral_b", "p_neutral_diff",
                "p_positive_a", "p_positive_b", "p_positive_diff"), header.subList(at, at + 12));
        assertTrue(header.indexOf("p_positive_diff") < header.indexOf("h1_total_a"), "class columns come first");
        List<CSVRecord> rows = TestFiles.csvRecords(out.resolve("compare.csv"));
        assertEquals(DecoderOnnx.LAYERS, rows.size(), "one row per layer (mean heads)");
        for (CSVRecord row : rows) {
            assertEquals(argmax(pa), (int) Double.parseDouble(row.get("predicted_class_a")));
            assertEquals(argmax(pb), (int) Double.parseDouble(row.get("predicted_class_b")));
            assertEquals(argmax(pb) - argmax(pa), (int) Double.parseDouble(row.get("predicted_class_diff")));
            for (int k = 0; k < 3; k++) {
                assertEquals(pa[k], Double.parseDouble(row.get(P.get(k) + "_a")), 1e-6, P.get(k));
                assertEquals(pb[k], Double.parseDouble(row.get(P.get(k) + "_b")), 1e-6, P.get(k));
                assertEquals(pb[k] - pa[k], Double.parseDouble(row.get(P.get(k) + "_diff")), 1e-6, P.get(k));
            }
        }
        JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertTrue(prov.at("/provenance/class_columns").asText().contains("p_negative = class 0"), prov.toString());
        assertTrue(prov.at("/provenance/class_columns").asText().contains("_diff (B - A"), prov.toString());
        assertEquals("0=negative, 1=neutral, 2=positive", prov.at("/provenance/class_labels").asText());
        assertEquals("config.json id2label", prov.at("/provenance/class_labels_source").asText());
    }

    @Test
    void series_twoCheckpoints_classColumnsPerCheckpoint_namedById2label() throws Exception {
        Path a = classifier("a", 3);
        Path b = classifier("b", 11);
        double[][] p = {probabilities(a), probabilities(b)};
        Path out = dir.resolve("series");

        Cli.Result r = Cli.inProcess("series", a.toString(), b.toString(), "--text", TEXT, "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> header = TestFiles.csvHeader(out.resolve("series.csv"));
        int at = header.indexOf("checkpoint");
        assertEquals(List.of("checkpoint", "predicted_class", "p_negative", "p_neutral", "p_positive"),
                header.subList(at, at + 5), "the class columns of analyze's planes.csv, after the checkpoint");
        List<CSVRecord> rows = TestFiles.csvRecords(out.resolve("series.csv"));
        assertEquals(2 * DecoderOnnx.LAYERS, rows.size());
        for (CSVRecord row : rows) {
            int c = (int) Double.parseDouble(row.get("checkpoint"));
            assertEquals(argmax(p[c]), (int) Double.parseDouble(row.get("predicted_class")));
            for (int k = 0; k < 3; k++) {
                assertEquals(p[c][k], Double.parseDouble(row.get(P.get(k))), 1e-6, "checkpoint " + c + " " + P.get(k));
            }
        }
        assertNotEquals(rows.get(0).get("p_negative"), rows.get(rows.size() - 1).get("p_negative"));
        String csv = Files.readString(out.resolve("series.csv"));
        assertTrue(csv.contains("# class_columns: predicted_class = index of the most probable class"), csv);
        assertTrue(csv.contains("# class_labels: 0=negative, 1=neutral, 2=positive"), csv);
    }

    @Test
    void wrongClassLabelCount_compareAndSeries_exit2_oneSentence_nothingWritten() throws Exception {
        Path a = classifier("a", 3);
        Path cmp = dir.resolve("cmp");
        Cli.Result r = Cli.inProcess("compare", "--model", a.toString(), "--other-text", "A dog ran.", "--text", TEXT,
                "--class-labels", "yes,no", "--out", cmp.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("attnplanes compare: --class-labels yes,no gives 2 names but the model's logits has 3 classes;"
                + " give exactly 3.", r.err().strip());
        assertTrue(Files.notExists(cmp) || Files.list(cmp).findAny().isEmpty(), "nothing written");
        Path series = dir.resolve("series");
        Cli.Result s = Cli.inProcess("series", a.toString(), "--text", TEXT, "--class-labels", "yes,no",
                "--out", series.toString());
        assertEquals(2, s.exitCode(), s.err());
        assertEquals("attnplanes series: --class-labels yes,no gives 2 names but the model's logits has 3 classes;"
                + " give exactly 3.", s.err().strip());
        assertTrue(Files.notExists(series) || Files.list(series).findAny().isEmpty(), "nothing written");
    }
}
