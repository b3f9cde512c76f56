package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Layouts as built by {@link MultiPlanarGraph#build}. */
class LayoutTest {

    private static MultiPlanarGraph graph(long traceSeed, LayoutKind kind, long seed, boolean align) {
        AttentionTrace t = SyntheticTraces.trace(traceSeed, 4, 2, 9);
        if (kind == LayoutKind.GRID) {
            // the grid layout needs an image trace: [CLS] + 2 × 4 patches
            ImageGrid grid = new ImageGrid(java.util.List.of("[CLS]"), 2, 4, 16);
            java.util.List<java.util.List<AttentionMatrix>> att = new java.util.ArrayList<>();
            for (int l = 0; l < t.layers(); l++) {
                java.util.List<AttentionMatrix> layer = new java.util.ArrayList<>();
                for (int h = 0; h < t.heads(); h++) {
                    layer.add(t.attention(l, h));
                }
                att.add(layer);
            }
            t = new AttentionTrace("", grid.tokenList(), att, null, java.util.Map.of(), grid.provenance(t.provenance()));
        }
        return MultiPlanarGraph.build(t, GraphSpec.builder().layout(kind).seed(seed).alignPlanes(align)
                .planeSpacing(1.5).topK(3).build());
    }

    @ParameterizedTest
    @EnumSource(LayoutKind.class)
    void layout_sameSeed_identicalPositions(LayoutKind kind) {
        for (long seed = 1; seed <= 3; seed++) {
            MultiPlanarGraph a = graph(7, kind, seed, true);
            MultiPlanarGraph b = graph(7, kind, seed, true);
            for (int p = 0; p < a.planes().size(); p++) {
                for (int i = 0; i < 9; i++) {
                    assertEquals(a.layout().position(p, i), b.layout().position(p, i), "seed " + seed + " " + kind);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LayoutKind.class)
    void layout_planesStackedAlongZWithSpacing(LayoutKind kind) {
        MultiPlanarGraph g = graph(3, kind, 1, true);
        for (int p = 0; p < g.planes().size(); p++) {
            for (int i = 0; i < 9; i++) {
                Point3 pt = g.layout().position(p, i);
                assertEquals(1.5 * p, pt.z(), 1e-12);
                assertTrue(Double.isFinite(pt.x()) && Double.isFinite(pt.y()), kind + " " + pt);
            }
        }
    }

    @Test
    void layout_forceDifferentSeeds_differentPositions() {
        MultiPlanarGraph a = graph(7, LayoutKind.FORCE, 1, true);
        MultiPlanarGraph b = graph(7, LayoutKind.FORCE, 2, true);
        assertNotEquals(a.layout().position(0, 3), b.layout().position(0, 3));
    }

    @Test
    void layout_line_tokensInReadingOrderFromMinusOneToOne() {
        MultiPlanarGraph g = graph(1, LayoutKind.LINE, 0, true);
        assertEquals(new Point3(-1, 0, 0), g.layout().position(0, 0));
        assertEquals(new Point3(1, 0, 0), g.layout().position(0, 8));
        assertEquals(0.0, g.layout().position(2, 4).x(), 1e-12);
    }

    @Test
    void layout_circle_tokensOnUnitCircle() {
        MultiPlanarGraph g = graph(1, LayoutKind.CIRCLE, 0, true);
        for (int i = 0; i < 9; i++) {
            Point3 p = g.layout().position(1, i);
            assertEquals(1.0, Math.hypot(p.x(), p.y()), 1e-12);
        }
        assertEquals(1.0, g.layout().position(0, 0).y(), 1e-12);
    }

    @Test
    void layout_mdsEdgeLengthFollowsWeight_strongestPairCloserThanWeakest() {
        for (long seed = 1; seed <= 5; seed++) {
            MultiPlanarGraph g = graph(seed, LayoutKind.MDS, 0, false);
            Plane p = g.planes().get(0);
            int[] strong = null;
            int[] weak = null;
            for (int i = 0; i < 9; i++) {
                for (int j = i + 1; j < 9; j++) {
                    if (strong == null || p.weight(i, j) > p.weight(strong[0], strong[1])) {
                        strong = new int[] {i, j};
                    }
                    if (weak == null || p.weight(i, j) < p.weight(weak[0], weak[1])) {
                        weak = new int[] {i, j};
                    }
                }
            }
            assertTrue(distance(g, 0, strong) < distance(g, 0, weak), "seed " + seed);
        }
    }

    private static double distance(MultiPlanarGraph g, int plane, int[] pair) {
        Point3 a = g.layout().position(plane, pair[0]);
        Point3 b = g.layout().position(plane, pair[1]);
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    @ParameterizedTest
    @EnumSource(value = LayoutKind.class, names = {"MDS", "FORCE"})
    void layout_procrustesAlignment_neverIncreasesDisplacementBetweenConsecutivePlanes(LayoutKind kind) {
        for (long seed = 1; seed <= 4; seed++) {
            MultiPlanarGraph raw = graph(seed, kind, seed, false);
            MultiPlanarGraph aligned = graph(seed, kind, seed, true);
            for (int p = 1; p < raw.planes().size(); p++) {
                // compare plane p against the aligned plane p − 1 both before and after its own rotation
                double before = 0;
                double after = 0;
                for (int i = 0; i < 9; i++) {
                    Point3 ref = aligned.layout().position(p - 1, i);
                    Point3 r = raw.layout().position(p, i);
                    Point3 a = aligned.layout().position(p, i);
                    before += sq(r.x() - ref.x()) + sq(r.y() - ref.y());
                    after += sq(a.x() - ref.x()) + sq(a.y() - ref.y());
                }
                assertTrue(after <= before + 1e-9, "seed " + seed + " " + kind + " plane " + p + ": " + after + " > "
                        + before);
            }
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void layout_forceOnUniformAttention_terminatesWithFinitePositions() {
        int n = 12;
        float[] u = new float[n * n];
        Arrays.fill(u, 1f / n);
        AttentionTrace t = SyntheticTraces.fromMatrices(SyntheticTraces.tokens(n), new float[][] {u, u}, 2, 1);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.FORCE).build());
        for (int i = 0; i < n; i++) {
            Point3 p = g.layout().position(1, i);
            assertTrue(Double.isFinite(p.x()) && Double.isFinite(p.y()) && Math.hypot(p.x(), p.y()) <= 1 + 1e-9,
                    "node " + i + " at " + p);
        }
    }

    @Test
    void layout_perHead_headsSideBySideAtLayerZ() {
        AttentionTrace t = SyntheticTraces.trace(2, 2, 3, 5);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                .build());
        Layout l = g.layout();
        assertEquals(l.planeZ(0), l.planeZ(2), 0);
        assertEquals(1.0, l.planeZ(3), 0);
        assertTrue(l.position(0, 4).x() < l.position(1, 0).x(), "head 0 lies left of head 1");
    }

    @Test
    void position_outOfRange_failsNamingIndex() {
        MultiPlanarGraph g = graph(1, LayoutKind.LINE, 0, true);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> g.layout().position(4, 0));
        assertEquals("plane = 4 is outside [0, 3]", e.getMessage());
        IndexOutOfBoundsException n = assertThrows(IndexOutOfBoundsException.class, () -> g.layout().position(0, 9));
        assertEquals("node = 9 is outside [0, 8] of plane 0", n.getMessage());
    }
}
