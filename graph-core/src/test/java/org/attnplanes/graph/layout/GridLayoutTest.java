package org.attnplanes.graph.layout;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.Layout;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Point3;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grid layout: patch (r, c) at the centre of its cell, row 0 on top, the grid spanning x ∈ [−1, 1]; leading
 * tokens in a row above; a graph built with GRID from an image trace uses it on every plane; a text trace is
 * refused naming the layout and the alternatives.
 */
class GridLayoutTest {

    @Test
    void positions_twoByThreeWithClsAndDist_cellsCentredRowZeroOnTop() {
        ImageGrid grid = new ImageGrid(List.of("[CLS]", "[DIST]"), 2, 3, 16);
        double[] xy = GridLayout.positions(grid);
        double s = 2.0 / 3;
        assertEquals(-s / 2, xy[0], 1e-12);            // [CLS]
        assertEquals(s / 2, xy[2], 1e-12);             // [DIST]
        assertEquals(s + 0.75 * s, xy[1], 1e-12);      // above the top edge (rows · s / 2 = s)
        // patch r1c2 = token 2 + 5
        assertEquals(-1 + s * 2.5, xy[2 * 7], 1e-12);
        assertEquals(s - s * 1.5, xy[2 * 7 + 1], 1e-12);
        // r0c0 top left
        assertEquals(-1 + s / 2, xy[4], 1e-12);
        assertTrue(xy[5] > xy[2 * 7 + 1]);
    }

    @Test
    void build_gridLayoutOnImageTrace_placesEveryPlaneOnTheGrid() {
        AttentionTrace t = org.attnplanes.graph.AttentionRolloutTest.imageTrace(2, 2, 3, 3, 4);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.GRID).build());
        Layout layout = g.layout();
        double[] want = GridLayout.positions(ImageGrid.of(t).orElseThrow());
        for (int p = 0; p < g.planes().size(); p++) {
            for (int i = 0; i < t.tokenCount(); i++) {
                Point3 pt = layout.position(p, i);
                assertEquals(want[2 * i], pt.x(), 1e-12);
                assertEquals(want[2 * i + 1], pt.y(), 1e-12);
            }
        }
    }

    @Test
    void build_gridLayoutOnTextTrace_isRefused() {
        AttentionTrace t = new SoftmaxTraceGenerator(1, 1, 5, 1.0).generate(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.GRID).build()));
        assertEquals("layout = GRID needs the image grid of a vision transformer's trace (without word merging), but "
                + "the trace of synthetic-softmax seed 1 has no image grid; use LINE, CIRCLE, MDS or FORCE",
                e.getMessage());
    }
}
