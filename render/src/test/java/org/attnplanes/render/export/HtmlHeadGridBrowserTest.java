package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/**
 * The HTML page of a per-head graph opens as a layer × head grid of small planes (as the PNG/SVG
 * {@link HeadGrid}), in real headless Chromium: every node lies inside the cell of its plane's layer (row) and
 * head (column), the canvas is not blank, the threshold slider changes the number of drawn edges exactly, hovering
 * a node shows its token and head, and the 3D stack is one click away. Both an arc (line layout) and a circle
 * layout.
 */
class HtmlHeadGridBrowserTest extends BrowserTestBase {

    @Test
    void lineLayout_gridOfArcDiagrams() throws Exception {
        check(LayoutKind.LINE);
    }

    @Test
    void circleLayout_gridOfPlanes() throws Exception {
        check(LayoutKind.CIRCLE);
    }

    /**
     * Wheel zoom and drag pan in the grid, with real input events: a wheel turn over a cell scales every cell by
     * the zoom the page reports and keeps the grid point under the pointer in place, a drag moves the cells by the
     * drag, hovering a node at its new place names that node (token, position, head), and "reset view" restores
     * the layout.
     */
    @Test
    void gridZoomsAtThePointerPansByDrag_andHoverFollows() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 4, 11, 5, GraphSpec.builder()
                .headReduction(HeadReduction.PER_HEAD).layout(LayoutKind.CIRCLE).build());
        Path file = write(g, EncodingSpec.of(Encoding.OPACITY), "zoom.html");
        int plane = g.planes().stream().filter(p -> p.layer() == 1 && p.head().getAsInt() == 2).findFirst()
                .orElseThrow().index();
        try (Chromium c = Chromium.openPage(file)) {
            assertTrue(c.eval("document.getElementById('controls-hint').textContent").asText()
                    .startsWith("drag: pan · wheel: zoom"));
            JsonNode before = c.eval("window.attnplanes.cell(" + plane + ")");
            double w0 = before.get(2).asDouble() - before.get(0).asDouble();
            double h0 = before.get(3).asDouble() - before.get(1).asDouble();
            // the pointer a third of the way into the cell
            double px = before.get(0).asDouble() + w0 / 3;
            double py = before.get(1).asDouble() + h0 / 3;
            int node = c.eval("(() => { const h = window.attnplanes; for (let i = 0; i < h.nodeCount; i++) {"
                    + " if (h.planeOf(i) === " + plane + " && h.token(i) === 4) return i; } return -1; })()").asInt();
            assertTrue(node >= 0);
            JsonNode nodeBefore = c.eval("window.attnplanes.screenPosition(" + node + ")");

            c.wheel(px, py, -200);
            c.waitFor("window.attnplanes.gridTransform().zoom > 1.01");
            double zoom = c.eval("window.attnplanes.gridTransform().zoom").asDouble();
            assertEquals(Math.exp(0.3), zoom, 1e-6, "a wheel turn of -200 px zooms in by e^0.3");
            JsonNode zoomed = c.eval("window.attnplanes.cell(" + plane + ")");
            double w1 = zoomed.get(2).asDouble() - zoomed.get(0).asDouble();
            double h1 = zoomed.get(3).asDouble() - zoomed.get(1).asDouble();
            assertEquals(w0 * zoom, w1, 0.5, "cell width scales with the zoom");
            assertEquals(h0 * zoom, h1, 0.5, "cell height scales with the zoom");
            // the grid point under the pointer stays under it
            assertEquals(px + (before.get(0).asDouble() - px) * zoom, zoomed.get(0).asDouble(), 0.5,
                    "the cell's point under the pointer moved");
            assertEquals(py + (before.get(1).asDouble() - py) * zoom, zoomed.get(1).asDouble(), 0.5,
                    "the cell's point under the pointer moved");

            c.drag(px, py, px - 150, py - 90, 6);
            c.waitFor("window.attnplanes.gridTransform().x < -100");
            JsonNode panned = c.eval("window.attnplanes.cell(" + plane + ")");
            assertEquals(zoomed.get(0).asDouble() - 150, panned.get(0).asDouble(), 0.5, "drag moves the cell");
            assertEquals(zoomed.get(1).asDouble() - 90, panned.get(1).asDouble(), 0.5, "drag moves the cell");
            assertEquals(w1, panned.get(2).asDouble() - panned.get(0).asDouble(), 0.5, "drag does not scale");

            // hover still hits the node at its new place
            JsonNode pos = c.eval("window.attnplanes.screenPosition(" + node + ")");
            assertTrue(Math.hypot(pos.get(0).asDouble() - nodeBefore.get(0).asDouble(),
                    pos.get(1).asDouble() - nodeBefore.get(1).asDouble()) > 40, "the node should have moved on screen");
            String tip = hover(c, pos.get(0).asDouble(), pos.get(1).asDouble());
            assertTrue(tip.startsWith("“" + label(c, node) + "”"), tip);
            assertTrue(tip.contains("token 4"), tip);
            assertTrue(tip.contains("head 2") || tip.contains("h2"), tip);

            JsonNode reset = rect(c, "#reset");
            c.click(reset.get("left").asDouble() + 4, reset.get("top").asDouble() + 4);
            c.waitFor("window.attnplanes.gridTransform().zoom === 1");
            JsonNode back = c.eval("window.attnplanes.cell(" + plane + ")");
            for (int i = 0; i < 4; i++) {
                assertEquals(before.get(i).asDouble(), back.get(i).asDouble(), 1e-6);
            }
        }
    }

    private void check(LayoutKind layout) throws Exception {
        int layers = 3;
        int heads = 4;
        MultiPlanarGraph g = SyntheticGraphs.graph(layers, heads, 11, 5, GraphSpec.builder()
                .headReduction(HeadReduction.PER_HEAD).layout(layout).build());
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
        Path file = write(g, enc, "heads.html");
        Scene scene = SceneBuilder.build(g, enc);
        int total = scene.edges().size();
        assertTrue(Files.readString(file).contains("id=\"view-grid\" value=\"grid\" checked"));

        try (Chromium c = Chromium.openPage(file)) {

            assertEquals("grid", c.eval("window.attnplanes.view()").asText());
            assertEquals(total, c.eval("window.attnplanes.drawnEdges()").asInt());
            assertTrue(c.eval("document.getElementById('status').textContent").asText()
                    .contains("grid of " + layers + " layers × " + heads + " heads"));
            // every node inside its plane's cell; cells in layer rows (first at the top) and head columns
            JsonNode bad = c.eval("(() => { const h = window.attnplanes, out = [];"
                    + " for (let i = 0; i < h.nodeCount; i++) { const p = h.screenPosition(i), r = h.cell(h.planeOf(i));"
                    + "  if (!r || p[0] < r[0] || p[0] > r[2] || p[1] < r[1] || p[1] > r[3]) out.push(i); }"
                    + " return out; })()");
            assertEquals(0, bad.size(), "nodes outside their cell: " + bad);
            for (Plane p : g.planes()) {
                JsonNode r = c.eval("window.attnplanes.cell(" + p.index() + ")");
                JsonNode first = c.eval("window.attnplanes.cell(0)");
                double w = first.get(2).asDouble() - first.get(0).asDouble();
                double h = first.get(3).asDouble() - first.get(1).asDouble();
                assertEquals(first.get(0).asDouble() + p.head().getAsInt() * (w + 4), r.get(0).asDouble(), 1.5,
                        "column of head " + p.head().getAsInt());
                assertEquals(first.get(1).asDouble() + p.layer() * (h + 4), r.get(1).asDouble(), 1.5,
                        "row of layer " + p.layer());
                assertTrue(w > 150 && h > 60, "cells too small to read: " + w + " × " + h);
            }
            double inked = canvasInk(c);
            assertTrue(inked > 0.01, "canvas is blank: " + inked);
            assertTrue(c.eval("window.attnplanes.labels()").asInt() >= 3, "token labels under the grid");

            // the slider filters the grid's edges exactly
            double v = clickThreshold(c, 0.4, total);
            long expected = assertDrawnAtThreshold(c, scene, v);
            assertTrue(expected > 0 && expected < total, v + ": " + expected + " of " + total);

            // hovering the last node of the plane of layer 2, head 3 names its token and its head
            int plane = g.planes().stream().filter(p -> p.layer() == 2 && p.head().getAsInt() == 3).findFirst()
                    .orElseThrow().index();
            int node = c.eval("(() => { const h = window.attnplanes; let last = -1;"
                    + " for (let i = 0; i < h.nodeCount; i++) { if (h.planeOf(i) === " + plane + ") last = i; }"
                    + " return last; })()").asInt();
            String tip = hoverNode(c, node);
            assertTrue(tip.startsWith("“" + label(c, node) + "”"), tip);
            assertTrue(tip.contains("head 3") || tip.contains("h3"), tip);

            // the grid does not rotate: its hint does not promise it
            String gridHint = c.eval("document.getElementById('controls-hint').textContent").asText();
            assertFalse(gridHint.contains("drag: rotate"), gridHint);

            // the 3D stack is one click away, same edges at the same threshold
            JsonNode stack = rect(c, "#view-stack");
            c.click(stack.get("left").asDouble() + 4, stack.get("top").asDouble() + 4);
            c.waitFor("window.attnplanes.view() === 'stack'");
            c.waitFor("window.attnplanes.cell(0) === null");
            assertEquals(expected, c.eval("window.attnplanes.drawnEdges()").asInt());
            c.waitFor("document.getElementById('controls-hint').textContent.startsWith('drag: rotate')");
        }
    }
}
