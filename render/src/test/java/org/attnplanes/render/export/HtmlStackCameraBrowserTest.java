package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/**
 * The 3D stack's camera controls in real headless Chromium with real input events, as the controls hint promises
 * them: a drag rotates (yaw −0.4° and pitch +0.4° per pixel), a wheel turn zooms (distance × e^(0.0015·Δy)), a
 * shift-drag pans (the target moves, the angles stay), hovering a node after all three names it, and "reset view"
 * restores the camera the page opened with.
 */
class HtmlStackCameraBrowserTest extends BrowserTestBase {

    @Test
    void dragRotates_wheelZooms_shiftDragPans_hoverFollows_resetRestores() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 2, 10, 4, GraphSpec.builder().layout(LayoutKind.CIRCLE).build());
        Path file = write(g, EncodingSpec.of(Encoding.OPACITY), "stack.html");
        try (Chromium c = Chromium.openPage(file)) {
            JsonNode start = c.eval("window.attnplanes.camera()");
            JsonNode view = rect(c, "#view");
            double cx = view.get("left").asDouble() + view.get("width").asDouble() / 2;
            double cy = view.get("top").asDouble() + view.get("height").asDouble() / 2;

            c.drag(cx, cy, cx + 50, cy - 25, 5);
            c.waitFor("window.attnplanes.camera().yaw !== " + start.get("yaw").asDouble());
            JsonNode rotated = c.eval("window.attnplanes.camera()");
            assertEquals(start.get("yaw").asDouble() - 0.4 * 50, rotated.get("yaw").asDouble(), 1e-6);
            assertEquals(start.get("pitch").asDouble() - 0.4 * 25, rotated.get("pitch").asDouble(), 1e-6);
            assertEquals(start.get("distance").asDouble(), rotated.get("distance").asDouble(), 1e-9);

            c.wheel(cx, cy, 120);
            c.waitFor("window.attnplanes.camera().distance !== " + rotated.get("distance").asDouble());
            JsonNode zoomed = c.eval("window.attnplanes.camera()");
            assertEquals(rotated.get("distance").asDouble() * Math.exp(120 * 0.0015), zoomed.get("distance").asDouble(),
                    1e-9, "a wheel turn away zooms out");
            assertEquals(rotated.get("yaw").asDouble(), zoomed.get("yaw").asDouble(), 1e-9);

            c.drag(cx, cy, cx - 60, cy + 30, 4, 8);
            c.waitFor("window.attnplanes.camera().target[0] !== " + zoomed.get("target").get(0).asDouble());
            JsonNode panned = c.eval("window.attnplanes.camera()");
            assertEquals(zoomed.get("yaw").asDouble(), panned.get("yaw").asDouble(), 1e-9, "a shift-drag does not rotate");
            assertEquals(zoomed.get("pitch").asDouble(), panned.get("pitch").asDouble(), 1e-9);
            double moved = Math.hypot(panned.get("target").get(0).asDouble() - zoomed.get("target").get(0).asDouble(),
                    panned.get("target").get(1).asDouble() - zoomed.get("target").get(1).asDouble());
            assertTrue(moved > 0.1, "the target should move: " + moved);

            // hover the first node of the top plane at its new place
            int node = c.eval("(() => { const h = window.attnplanes; for (let i = 0; i < h.nodeCount; i++) {"
                    + " if (h.planeOf(i) === 2) return i; } return -1; })()").asInt();
            String tip = hoverNode(c, node);
            assertTrue(tip.startsWith("“" + label(c, node) + "”"), tip);
            assertTrue(tip.contains("token " + c.eval("window.attnplanes.token(" + node + ")").asInt()), tip);

            JsonNode reset = rect(c, "#reset");
            c.click(reset.get("left").asDouble() + 4, reset.get("top").asDouble() + 4);
            c.waitFor("window.attnplanes.camera().distance === " + start.get("distance").asDouble());
            assertEquals(start, c.eval("window.attnplanes.camera()"), "reset view restores the opening camera");
        }
    }
}
