package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.generate.EncoderDecoderTraceGenerator;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of one block of an encoder–decoder pass (what {@code render --block cross --out x.html} writes): the
 * bipartite cross planes (targets on one line, sources on another) open in real headless Chromium, every edge is
 * drawn, the slider filters them exactly, and hovering a node names its token.
 */
class HtmlCrossBlockBrowserTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        Chromium.require();
    }

    @Test
    void crossBlock_bipartitePlanes_drawFilterAndHover() throws Exception {
        var pair = new EncoderDecoderTraceGenerator(2, 3, 2, 7, 4, 2.0).generate(5);
        AttentionTrace cross = pair.block(BlockKind.CROSS);
        MultiPlanarGraph g = MultiPlanarGraph.build(cross, GraphSpec.builder().classifier(false).build());
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
        Path file = dir.resolve("cross.html");
        HtmlExporter.write(g, enc, file);
        Scene scene = SceneBuilder.build(g, enc);
        int total = scene.edges().size();
        assertTrue(total > 0);
        try (Chromium c = Chromium.openPage(file)) {
            assertEquals(total, c.eval("window.attnplanes.drawnEdges()").asInt());
            assertEquals(g.planes().size(), c.eval("document.querySelectorAll('#layers input').length").asInt(),
                    "one toggle per cross plane (one per decoder layer)");
            JsonNode rect = c.eval("JSON.parse(JSON.stringify(document.getElementById('view').getBoundingClientRect()))");
            assertTrue(HtmlExporterBrowserTest.inkedFraction(HtmlExporterBrowserTest.screenshot(c), rect) > 0.01,
                    "canvas is blank");

            JsonNode slider = c.eval("JSON.parse(JSON.stringify(document.getElementById('threshold').getBoundingClientRect()))");
            c.click(slider.get("left").asDouble() + 0.3 * slider.get("width").asDouble(),
                    slider.get("top").asDouble() + slider.get("height").asDouble() / 2);
            double v = c.eval("Number(document.getElementById('threshold').value)").asDouble();
            c.waitFor("window.attnplanes.drawnEdges() !== " + total);
            long expected = scene.edges().stream().filter(e -> HtmlExporterBrowserTest.rounded(e) >= v).count();
            assertEquals(expected, c.eval("window.attnplanes.drawnEdges()").asInt());

            // the most isolated node on screen: its token in the tooltip
            int node = c.eval("(() => { const h = window.attnplanes; let best = -1, gap = -1;"
                    + " for (let i = 0; i < h.nodeCount; i++) { const p = h.screenPosition(i); let near = Infinity;"
                    + "  for (let j = 0; j < h.nodeCount; j++) { if (j === i) continue; const q = h.screenPosition(j);"
                    + "   near = Math.min(near, Math.hypot(p[0] - q[0], p[1] - q[1])); }"
                    + "  if (near > gap) { gap = near; best = i; } } return best; })()").asInt();
            JsonNode pos = c.eval("window.attnplanes.screenPosition(" + node + ")");
            c.mouseMove(pos.get(0).asDouble(), pos.get(1).asDouble());
            c.waitFor("!document.getElementById('tip').hidden");
            String tip = c.eval("document.getElementById('tip').textContent").asText();
            assertTrue(tip.startsWith("“" + c.eval("window.attnplanes.label(" + node + ")").asText() + "”"), tip);
        }
    }
}
