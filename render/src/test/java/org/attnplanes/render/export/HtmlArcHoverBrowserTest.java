package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/**
 * In the line layout the page draws each edge as an arc above the token line; hovering must hit that arc, not the
 * straight chord between its tokens (which runs along the token line, over other tokens). In real headless
 * Chromium with real mouse moves: a point on an arc far from its chord shows that edge's tooltip, and a point on
 * the same edge's chord that is off every drawn curve and node shows nothing. The points are chosen in the page
 * against a dense sampling of every drawn curve (401 points each), independent of the page's own hit test. In the
 * 3D stack, and in the per-head grid after a wheel zoom.
 */
class HtmlArcHoverBrowserTest extends BrowserTestBase {

    @Test
    void stack_hoverHitsTheArcNotItsChord() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, 12, 21, GraphSpec.builder().layout(LayoutKind.LINE).topK(1)
                .build());
        Path file = write(g, EncodingSpec.of(Encoding.OPACITY), "arcs.html");
        try (Chromium c = Chromium.openPage(file)) {
            assertTrue(c.eval("window.attnplanes.view()").asText().equals("stack"));
            assertHoverFollowsArcs(c);
        }
    }

    @Test
    void grid_hoverHitsTheArcNotItsChord_afterZoom() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, 12, 22, GraphSpec.builder().layout(LayoutKind.LINE).topK(1)
                .headReduction(HeadReduction.PER_HEAD).build());
        Path file = write(g, EncodingSpec.of(Encoding.OPACITY), "grid-arcs.html");
        try (Chromium c = Chromium.openPage(file)) {
            assertTrue(c.eval("window.attnplanes.view()").asText().equals("grid"));
            JsonNode cell = c.eval("window.attnplanes.cell(0)");
            c.wheel((cell.get(0).asDouble() + cell.get(2).asDouble()) / 2, cell.get(3).asDouble() - 10, -150);
            c.waitFor("window.attnplanes.gridTransform().zoom > 1.01");
            assertHoverFollowsArcs(c);
        }
    }

    /** Picks an arc and two points, hovers them, and checks the tooltip. */
    private static void assertHoverFollowsArcs(Chromium c) {
        JsonNode pick = c.eval("(() => {"
                + " const h = window.attnplanes, ids = h.drawnEdgeIds(), view = document.getElementById('view');"
                + " const nodes = []; for (let i = 0; i < h.nodeCount; i++) nodes.push(h.screenPosition(i));"
                + " const curve = (k) => { const c = h.curve(k), e = h.edgeEnds(k), a = nodes[e[0]], b = nodes[e[1]];"
                + "  const pts = []; for (let j = 0; j <= 400; j++) { const t = j / 400, u = 1 - t;"
                + "   pts.push(c ? [u * u * c[0] + 2 * u * t * c[2] + t * t * c[4], u * u * c[1] + 2 * u * t * c[3] + t * t * c[5]]"
                + "    : [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]); } return pts; };"
                + " const drawnPts = ids.map(curve);"
                + " const gap = (p, pts) => Math.min(...pts.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));"
                + " const shown = (p, plane) => { if (document.elementFromPoint(p[0], p[1]) !== view) return false;"
                + "  const r = h.cell(plane); return h.view() !== 'grid'"
                + "   || (r && p[0] > r[0] && p[0] < r[2] && p[1] > r[1] && p[1] < r[3]); };"
                + " let arcs = 0;"
                + " for (let n = 0; n < ids.length; n++) {"
                + "  const k = ids[n], c = h.curve(k); if (!c) continue; arcs++;"
                + "  const e = h.edgeEnds(k), plane = h.planeOf(e[0]);"
                + "  const a = [(c[0] + 2 * c[2] + c[4]) / 4, (c[1] + 2 * c[3] + c[5]) / 4];"
                + "  const chord = [[c[0], c[1]], [c[4], c[5]]];"
                + "  if (!shown(a, plane) || gap(a, nodes) < 16 || Math.hypot(a[0] - (c[0] + c[4]) / 2, a[1] - (c[1] + c[5]) / 2) < 12) continue;"
                + "  if (drawnPts.some((pts, m) => m !== n && gap(a, pts) < 6)) continue;"
                + "  for (let j = 20; j <= 80; j++) { const t = j / 100, q = [c[0] + t * (c[4] - c[0]), c[1] + t * (c[5] - c[1])];"
                + "   if (!shown(q, plane) || gap(q, nodes) < 16 || drawnPts.some((pts) => gap(q, pts) < 8)) continue;"
                + "   return { k: k, s: e[0], t: e[1], a: a, q: q, arcs: arcs }; } }"
                + " return { arcs: arcs }; })()");
        assertTrue(pick.path("arcs").asInt() > 0, "no edge is drawn as an arc: " + pick);
        assertTrue(pick.has("k"), "no arc with a free point on it and a free point on its chord: " + pick);
        String from = label(c, pick.get("s").asInt());
        String to = label(c, pick.get("t").asInt());

        // on the arc, away from its chord: the edge's tooltip
        String tip = hover(c, pick.get("a").get(0).asDouble(), pick.get("a").get(1).asDouble());
        assertTrue(tip.matches("(?s)“\\Q" + from + "\\E” [→↔] “\\Q" + to + "\\E”\n.*weight .*"),
                "the arc's point should show its edge " + from + " – " + to + ": " + tip);

        // on the chord, off every drawn curve and node: nothing
        c.mouseMove(pick.get("q").get(0).asDouble(), pick.get("q").get(1).asDouble());
        c.waitFor("document.getElementById('tip').hidden");
        assertFalse(c.eval("!document.getElementById('tip').hidden").asBoolean());
    }
}
