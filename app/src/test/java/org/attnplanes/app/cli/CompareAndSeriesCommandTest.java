package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.model.DefaultModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} and {@code series} on real models: the embedded MiniLM, used twice as two "checkpoints". */
class CompareAndSeriesCommandTest {

    @TempDir
    Path dir;

    private static List<CSVRecord> csv(Path f) throws Exception {
        return TestFiles.csvRecords(f);
    }

    @Test
    void compare_sameModelTwiceOnOneText_differencesAreZeroAndFigureWritten() throws Exception {
        Path model = DefaultModel.model();
        DefaultModel.tokenizer();
        Path out = dir.resolve("cmp");

        Cli.Result r = Cli.inProcess("compare", "--text", "The cat sat on the mat.", "--other-model", model.toString(),
                "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = csv(out.resolve("compare.csv"));
        assertEquals(6, rows.size(), "one row per layer (mean over heads)");
        for (CSVRecord rec : rows) {
            assertEquals("0", rec.get("max_abs_diff"), "same model, same text: layer " + rec.get("layer"));
            assertEquals(rec.get("betti1_t0.10_a"), rec.get("betti1_t0.10_b"));
            assertEquals("0", rec.get("h1_total_diff"));
        }
        assertEquals("svg", TestFiles.parseXml(out.resolve("difference.svg")).getDocumentElement().getLocalName());
        assertTrue(Files.size(out.resolve("difference.png")) > 1000);
        Map<String, String> png = FigureMetadata.readPng(out.resolve("difference.png"));
        assertEquals(png.keySet(), FigureMetadata.readSvg(out.resolve("difference.svg")).keySet(), "PNG and SVG keys");
        assertEquals("all-minilm-l6-v2.onnx", png.get("model"));
        assertEquals("all-minilm-l6-v2.onnx", png.get("difference.minus.model"));
        assertEquals("0.0", png.get("render.difference.max_abs"));
        assertTrue(png.get("figure.title").endsWith("largest |Δw| = 0 (A and B agree on every kept edge)"),
                png.get("figure.title"));
        assertTrue(png.get("figure.legend").contains("Δw = 0 on every kept edge (A and B agree)"), png.get("figure.legend"));
    }

    @Test
    void compare_twoTextsWithDifferentTokens_tableAndSideBySideFigure() throws Exception {
        Path out = dir.resolve("cmp2");

        Cli.Result r = Cli.inProcess("compare", "--text", "The cat sat.", "--other-text", "A dog was sleeping outside.",
                "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("no difference figure: the tokens differ (6 vs 8 tokens)"), r.out());
        assertEquals(6, csv(out.resolve("compare.csv")).size());
        assertTrue(Files.notExists(out.resolve("difference.png")));
        Map<String, String> png = FigureMetadata.readPng(out.resolve("side-by-side.png"));
        assertTrue(png.values().stream().anyMatch(v -> v.contains("B: “A dog was sleeping outside.” (8 tokens)")), png.toString());
        assertTrue(png.values().stream().anyMatch(v -> v.contains("A: “The cat sat.” (6 tokens)")), png.toString());
        assertEquals("svg", TestFiles.parseXml(out.resolve("side-by-side.svg")).getDocumentElement().getLocalName());
    }

    @Test
    void series_sameCheckpointTwice_identicalStatisticsPerCheckpointAndCurveFigures() throws Exception {
        Path model = DefaultModel.model();
        DefaultModel.tokenizer();
        Path out = dir.resolve("series");

        Cli.Result r = Cli.inProcess("series", model.toString(), model.toString(), "--text", "Birds fly south.",
                "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = csv(out.resolve("series.csv"));
        assertEquals(2 * 6, rows.size());
        for (int i = 0; i < 6; i++) {
            assertEquals("0", rows.get(i).get("checkpoint"));
            assertEquals("1", rows.get(i + 6).get("checkpoint"));
            assertEquals(rows.get(i).get("h1_total"), rows.get(i + 6).get("h1_total"), "layer " + i);
        }
        assertTrue(Files.size(out.resolve("series_betti1_t0.10.png")) > 1000);
        TestFiles.parseXml(out.resolve("series_h1_total.svg"));
        String svg = Files.readString(out.resolve("series_h1_total.svg"));
        assertTrue(svg.contains(">0: all-minilm-l6-v2.onnx<") && svg.contains(">1: all-minilm-l6-v2.onnx<"),
                "every checkpoint should be named on the x axis");
    }

    @Test
    void series_missingCheckpoint_exit2NamingIt() {
        Path missing = dir.resolve("epoch9.onnx");
        Cli.Result r = Cli.inProcess("series", missing.toString(), "--text", "Hi.", "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertEquals("attnplanes series: checkpoint " + missing + " does not exist.", r.err().strip());
    }
}
