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
}
