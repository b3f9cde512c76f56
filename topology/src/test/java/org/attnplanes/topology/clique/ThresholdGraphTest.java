package org.attnplanes.topology.clique;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnplanes.graph.AttentionMatrix;
import org.junit.jupiter.api.Test;

class ThresholdGraphTest {

    @Test
    void of_attentionMatrix_usesMaxOfBothDirectionsAndIgnoresDiagonal() {
        AttentionMatrix a = AttentionMatrix.of(new float[][] {
                {0.9f, 0.5f, 0.0f},
                {0.1f, 0.9f, 0.0f},
                {0.3f, 0.2f, 0.8f}});
        ThresholdGraph g = ThresholdGraph.of(a, 0.3);
        assertTrue(g.hasEdge(0, 1), "0.5 from 0 to 1 reaches 0.3");
        assertTrue(g.hasEdge(1, 0));
        assertTrue(g.hasEdge(0, 2), "0.3 from 2 to 0 is at the threshold (inclusive)");
        assertFalse(g.hasEdge(1, 2), "max(0.0, 0.2) < 0.3");
        assertFalse(g.hasEdge(1, 1), "the diagonal never makes an edge");
        assertEquals(2, g.edgeCount());
        assertArrayEquals(new int[] {1, 2}, g.neighbours(0));
        assertEquals(2, g.degree(0));
        assertEquals(0.3, g.threshold());
    }

    @Test
    void of_randomMatrices_edgeCountMatchesDirectCount() {
        for (long seed = 1; seed <= 5; seed++) {
            AttentionMatrix a = RandomGraphs.attentionLike(70, 1.5, seed);
            for (double t : new double[] {0.005, 0.02, 0.1}) {
                int expected = 0;
                for (int i = 0; i < 70; i++) {
                    for (int j = i + 1; j < 70; j++) {
                        if (Math.max(a.weight(i, j), a.weight(j, i)) >= t) {
                            expected++;
                        }
                    }
                }
                ThresholdGraph g = ThresholdGraph.of(a, t);
                assertEquals(expected, g.edgeCount(), "seed " + seed + ", t = " + t);
                int degreeSum = 0;
                for (int v = 0; v < 70; v++) {
                    degreeSum += g.degree(v);
                }
                assertEquals(2 * expected, degreeSum, "seed " + seed);
            }
        }
    }

    @Test
    void of_nanThreshold_failsNamingValue() {
        AttentionMatrix a = AttentionMatrix.of(new float[][] {{1f}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdGraph.of(a, Double.NaN));
        assertEquals("threshold = NaN must be finite", e.getMessage());
    }

    @Test
    void fromEdges_selfLoop_failsNamingEdge() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdGraph.fromEdges(3, new int[] {0, 2}, new int[] {1, 2}));
        assertEquals("edge 1 = {2, 2} is a self-loop; a threshold graph is simple", e.getMessage());
    }

    @Test
    void fromEdges_vertexOutOfRange_failsNamingRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdGraph.fromEdges(3, new int[] {0}, new int[] {3}));
        assertEquals("edge 0 = {0, 3} has a vertex outside [0, 2]", e.getMessage());
    }

    @Test
    void hasEdge_vertexOutOfRange_failsNamingIndex() {
        ThresholdGraph g = ThresholdGraph.fromEdges(3, new int[] {0}, new int[] {1});
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> g.hasEdge(0, 5));
        assertEquals("j = 5 is outside [0, 2]", e.getMessage());
    }

    @Test
    void of_filtrationAtValue_hasExactlyTheEdgesWithValueAtMost() {
        for (long seed = 1; seed <= 12; seed++) {
            int n = (int) (seed * 11 % 140);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            float[] lower = new float[n * (n - 1) / 2];
            for (int k = 0; k < lower.length; k++) {
                lower[k] = rnd.nextInt(5) == 0 ? Float.POSITIVE_INFINITY : rnd.nextInt(8) / 8f;
            }
            org.attnplanes.topology.filtration.Filtration f = org.attnplanes.topology.filtration.Filtration
                    .fromDistances(org.attnplanes.topology.filtration.DistanceMatrix.fromLowerTriangular(n, lower))
                    .withThreshold(0.75f);
            for (float value : new float[] {0f, 0.375f, 0.75f, 1f}) {
                ThresholdGraph g = ThresholdGraph.of(f, value, 0.5);
                int edges = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        boolean expected = i != j && f.value(i, j) <= value;
                        assertEquals(expected, g.hasEdge(i, j), "seed " + seed + ", n = " + n + ", value " + value
                                + ", edge " + i + "-" + j);
                        edges += expected && i < j ? 1 : 0;
                    }
                }
                assertEquals(edges, g.edgeCount(), "seed " + seed + ", n = " + n + ", value " + value);
            }
        }
    }

    /**
     * The graphs of several values at once equal the graph of each value alone (seeded filtrations of 0 to 70
     * vertices and of sizes around the word boundaries up to 260, values unsorted and repeated, at ±0, between
     * entries, at entries and at +∞; entries ±0 and +∞).
     */
    @Test
    void of_severalValues_equalOneValueAtATime() {
        int[] wide = {127, 128, 129, 191, 192, 193, 260, 100};
        for (long seed = 1; seed <= 60 + wide.length; seed++) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(7700 + seed);
            int n = seed <= 60 ? (int) (seed % 71) : wide[(int) seed - 61];
            float[] lower = new float[n * (n - 1) / 2];
            for (int k = 0; k < lower.length; k++) {
                int kind = rnd.nextInt(10);
                lower[k] = kind == 0 ? Float.POSITIVE_INFINITY : kind == 1 ? 0.5f : kind == 2 ? 0f : kind == 3 ? -0f
                        : (float) rnd.nextDouble();
            }
            org.attnplanes.topology.filtration.Filtration f = org.attnplanes.topology.filtration.Filtration
                    .fromDistances(org.attnplanes.topology.filtration.DistanceMatrix.fromLowerTriangular(n, lower));
            float[] values = {0.5f, 0.95f, 0f, 0.5f, Float.POSITIVE_INFINITY, 0.75f, -0f, Float.MIN_VALUE,
                    (float) rnd.nextDouble()};
            double[] ts = new double[values.length];
            for (int g = 0; g < values.length; g++) {
                ts[g] = 1.0 - values[g];
            }
            ThresholdGraph[] all = ThresholdGraph.of(f, values, ts);
            for (int g = 0; g < values.length; g++) {
                ThresholdGraph one = ThresholdGraph.of(f, values[g], ts[g]);
                String msg = "seed " + seed + ", n = " + n + ", value " + values[g];
                assertEquals(one.edgeCount(), all[g].edgeCount(), msg);
                assertEquals(ts[g], all[g].threshold(), msg);
                for (int v = 0; v < n; v++) {
                    assertArrayEquals(one.neighbours(v), all[g].neighbours(v), msg + ", vertex " + v);
                }
            }
        }
    }
}
