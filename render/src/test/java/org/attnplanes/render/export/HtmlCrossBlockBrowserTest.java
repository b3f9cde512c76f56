package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * The page of one block of an encoder–decoder pass (what {@code render --block cross --out x.html} writes): the
 * bipartite cross planes (targets on one line, sources on another) open in real headless Chromium, every edge is
 * drawn, the slider filters them exactly, and hovering a node names its token.
 */
class HtmlCrossBlockBrowserTest extends BrowserTestBase {

    @Test
    void crossBlock_bipartitePlanes_drawFilterAndHover() throws Exception {
        var pair = new EncoderDecoderTraceGenerator(2, 3, 2, 7, 4, 2.0).generate(5);
        AttentionTrace cross = pair.block(BlockKind.CROSS);
        MultiPlanarGraph g = MultiPlanarGraph.build(cross, GraphSpec.builder().classifier(false).build());
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
        Path file = write(g, enc, "cross.html");
        Scene scene = SceneBuilder.build(g, enc);
        int total = scene.edges().size();
        assertTrue(total > 0);
        try (Chromium c = Chromium.openPage(file)) {
            assertEquals(total, c.eval("window.attnplanes.drawnEdges()").asInt());
            assertEquals(g.planes().size(), c.eval("document.querySelectorAll('#layers input').length").asInt(),
                    "one toggle per cross plane (one per decoder layer)");
            assertTrue(canvasInk(c) > 0.01, "canvas is blank");

            assertDrawnAtThreshold(c, scene, clickThreshold(c, 0.3, total));

            // the most isolated node on screen: its token in the tooltip
            int node = mostIsolatedNode(c, null);
            String tip = hoverNode(c, node);
            assertTrue(tip.startsWith("“" + label(c, node) + "”"), tip);
        }
    }
}
