package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/**
 * The page's layer toggles and encoding switch in real headless Chromium, clicked as a user would: unticking a
 * layer leaves exactly the other layers' edges drawn, "none" draws nothing and "all" everything again; ticking
 * colour puts the colour map's hues on the canvas (many more distinct colours than the single-colour opacity
 * encoding) and the legend line follows.
 */
class HtmlControlsBrowserTest extends BrowserTestBase {

    /** Distinct colours (quantized to 4 bits per channel) among the canvas pixels that are not near-white. */
    private static int hues(BufferedImage img, JsonNode rect) {
        Set<Integer> seen = new HashSet<>();
        for (int y = rect.get("top").asInt() + 2; y < Math.min(img.getHeight(), rect.get("bottom").asInt() - 2); y++) {
            for (int x = rect.get("left").asInt() + 2; x < Math.min(img.getWidth(), rect.get("right").asInt() - 2); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                if (Math.min(r, Math.min(g, b)) < 230) {
                    seen.add((r >> 4) << 8 | (g >> 4) << 4 | (b >> 4));
                }
            }
        }
        return seen.size();
    }

    @Test
    void layerToggles_drawExactlyTheOtherLayers_encodingSwitchChangesTheCanvas() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 2, 12, 11, GraphSpec.builder().layout(LayoutKind.CIRCLE).build());
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY);
        Path file = write(g, enc, "fig.html");
        Scene scene = SceneBuilder.build(g, enc);
        int total = scene.edges().size();
        long layer1 = scene.edges().stream().filter(e -> e.layer() == 1).count();
        assertTrue(layer1 > 0 && layer1 < total);

        try (Chromium c = Chromium.openPage(file)) {
            assertEquals(total, c.eval("window.attnplanes.drawnEdges()").asInt());

            clickCentre(c, "#layers label:nth-child(2) input");       // L1
            c.waitFor("window.attnplanes.drawnEdges() === " + (total - layer1));
            assertTrue(c.eval("document.getElementById('status').textContent").asText().contains("2 of 3 planes"));
            clickCentre(c, "#layers-none");
            c.waitFor("window.attnplanes.drawnEdges() === 0");
            clickCentre(c, "#layers-all");
            c.waitFor("window.attnplanes.drawnEdges() === " + total);

            JsonNode rect = rect(c, "#view");
            int before = hues(screenshot(c), rect);
            clickCentre(c, "input[name=encoding][value=colour]");
            c.waitFor("/colour [a-z]+ ∝/.test(document.getElementById('legend-encoding').textContent)");
            c.waitFor("!document.getElementById('colour-bar').hidden");
            int after = hues(screenshot(c), rect);
            assertTrue(after > 2 * before, "colour should add hues to the canvas: " + before + " → " + after);
            assertEquals(total, c.eval("window.attnplanes.drawnEdges()").asInt(), "the encoding hides nothing");
        }
    }

    /** A page written with labels off ({@link HtmlExporter.Page}) opens without them; the box turns them on. */
    @Test
    void pageWithLabelsOff_opensWithoutLabels_theBoxTurnsThemOn() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, 8, 5, GraphSpec.builder().layout(LayoutKind.CIRCLE).build());
        Path file = dir.resolve("nolabels.html");
        HtmlExporter.write(g, EncodingSpec.of(Encoding.OPACITY), HtmlExporter.LengthLayout.AUTO,
                new HtmlExporter.Page(s -> s, false), file);
        try (Chromium c = Chromium.openPage(file)) {
            assertEquals(0, c.eval("window.attnplanes.labels()").asInt());
            assertEquals(false, c.eval("document.getElementById('labels').checked").asBoolean());
            clickCentre(c, "#labels");
            c.waitFor("window.attnplanes.labels() > 0");
        }
    }
}
