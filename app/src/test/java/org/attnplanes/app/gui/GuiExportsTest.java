package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app's "Export HTML" writes render's self-contained page through the safe output path: staged and
 * published, an existing file replaced only when the user agreed, nothing left behind on refusal. No display
 * needed.
 */
class GuiExportsTest {

    @TempDir
    Path dir;

    @Test
    void html_writesOnePage_refusesToReplaceUnlessAgreed_leavesNoStagingFiles() throws Exception {
        GuiView v = GuiView.build(new SoftmaxTraceGenerator(2, 2, 6, 2.0).generate(1),
                GraphSpec.builder().classifier(false).build(), EncodingSpec.of(Encoding.OPACITY));
        Path page = dir.resolve("view.html");
        GuiExports.html(v, EncodingSpec.of(Encoding.OPACITY), null, page, false);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.contains("<html") && html.contains("Content-Security-Policy"), "render's page");
        assertFalse(html.contains("src=\"http"), "self-contained: no external script");

        byte[] before = Files.readAllBytes(page);
        UserInputException e = assertThrows(UserInputException.class,
                () -> GuiExports.html(v, EncodingSpec.of(Encoding.COLOUR), null, page, false));
        assertTrue(e.getMessage().startsWith("Export HTML " + page + " already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(page), "refused: the file is unchanged");

        GuiExports.html(v, EncodingSpec.of(Encoding.COLOUR), null, page, true);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(page), files.toList(), "no staging file left behind");
        }
    }

    @Test
    void html_opensWhereTheUserLooks() throws Exception {
        GuiView v = GuiView.build(new SoftmaxTraceGenerator(2, 2, 6, 2.0).generate(3),
                GraphSpec.builder().classifier(false).build(), EncodingSpec.of(Encoding.OPACITY));
        org.attnplanes.render.scene.Camera c = org.attnplanes.render.scene.Camera.of(-123, 41, 7.5,
                new org.attnplanes.render.scene.Vec3(0.25, -0.5, 1.5));
        Path page = dir.resolve("camera.html");
        GuiExports.html(v, EncodingSpec.of(Encoding.OPACITY), c, page, false);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.contains("\"camera\":{\"yaw\":-123,\"pitch\":41,\"distance\":7.5,\"target\":[0.25,-0.5,1.5]"),
                html.replaceAll("(?s).*(\"camera\":\\{[^}]*\\}).*", "$1"));
    }

    @Test
    void statistics_intoAFolderWithResults_refusedUnlessAgreed() throws Exception {
        var trace = new SoftmaxTraceGenerator(2, 2, 6, 2.0).generate(2);
        GuiView v = GuiView.build(trace, GraphSpec.builder().classifier(false).build(),
                EncodingSpec.of(Encoding.OPACITY));
        var cache = new org.attnplanes.app.workbench.TopologyCache(1);
        GuiAnalysis a = new GuiAnalysis(trace, v.graph(), v.scene(), cache.rows(trace, v.graph(), MainWindow.TOPOLOGY,
                new org.attnplanes.model.Cancellation()));
        GuiExports.statistics(a, MainWindow.TOPOLOGY, dir, false);
        assertTrue(GuiExports.statisticsExist(dir));
        for (String f : GuiExports.STATISTICS_FILES) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertThrows(UserInputException.class, () -> GuiExports.statistics(a, MainWindow.TOPOLOGY, dir, false));
        GuiExports.statistics(a, MainWindow.TOPOLOGY, dir, true);
    }

    @Test
    void statistics_ofAClassifier_carryTheClassColumnsOfAnalyze() throws Exception {
        var t = new SoftmaxTraceGenerator(2, 2, 6, 2.0).generate(4);
        float[] logits = {0.5f, 2f, -1f};
        var trace = org.attnplanes.graph.AttentionTrace.fromArray(t.text(), t.tokens(), 2, 2, t.toArray(), null,
                java.util.Map.of("logits", org.attnplanes.graph.NamedTensor.of("logits", new long[] {1, 3}, logits)),
                t.provenance());
        GraphSpec spec = GraphSpec.builder().classifier(false)
                .classLabels(java.util.Map.of(0, "neg", 1, "neu", 2, "pos")).build();
        GuiView v = GuiView.build(trace, spec, EncodingSpec.of(Encoding.OPACITY));
        var cache = new org.attnplanes.app.workbench.TopologyCache(1);
        GuiAnalysis a = new GuiAnalysis(trace, v.graph(), v.scene(), cache.rows(trace, v.graph(), MainWindow.TOPOLOGY,
                new org.attnplanes.model.Cancellation()));
        GuiExports.statistics(a, MainWindow.TOPOLOGY, dir, false);
        List<String> header = org.attnplanes.app.testutil.TestFiles.csvHeader(dir.resolve("planes.csv"));
        int at = header.indexOf("predicted_class");
        assertTrue(at > 0, header.toString());
        assertEquals(List.of("predicted_class", "p_neg", "p_neu", "p_pos"), header.subList(at, at + 4));
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l);
        }
        var rows = org.attnplanes.app.testutil.TestFiles.csvRecords(dir.resolve("planes.csv"));
        assertEquals(2, rows.size(), "mean heads: one row per layer");
        for (var row : rows) {
            assertEquals("1", row.get("predicted_class"));
            for (int k = 0; k < 3; k++) {
                assertEquals(Math.exp(logits[k]) / sum, Double.parseDouble(row.get(header.get(at + 1 + k))), 1e-6);
            }
        }
        assertTrue(Files.readString(dir.resolve("planes.csv")).contains("# class_columns: predicted_class = "));
    }
}
