package org.attnplanes.topology.filtration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

class FiltrationTest {

    private static final AttentionMatrix A = AttentionMatrix.of(new float[][] {
        {0.5f, 0.3f, 0.2f},
        {0.1f, 0.8f, 0.1f},
        {0.6f, 0.0f, 0.4f}});

    @Test
    void fromWeights_directed_usesMaxOfBothDirectionsAndIgnoresDiagonal() {
        Filtration f = Filtration.fromWeights(A);
        assertEquals(1f - 0.3f, f.value(0, 1));
        assertEquals(1f - 0.6f, f.value(0, 2));
        assertEquals(1f - 0.1f, f.value(2, 1));
        assertEquals(0f, f.value(1, 1));
        assertEquals(3, f.edgeCount());
    }

    @Test
    void fromWeights_minWeight_dropsWeakEdgesInWeightDomain() {
        Filtration f = Filtration.fromWeights(A, 0.3f);
        assertEquals(1f - 0.3f, f.value(0, 1), "w = 0.3 >= minWeight stays");
        assertEquals(Float.POSITIVE_INFINITY, f.value(1, 2));
        assertEquals(2, f.edgeCount());
    }

    @Test
    void withThreshold_edgesAboveNeverEnter() {
        Filtration f = Filtration.fromWeights(A).withThreshold(0.5f);
        assertEquals(Float.POSITIVE_INFINITY, f.value(0, 1));
        assertEquals(1f - 0.6f, f.value(0, 2));
        assertEquals(1, f.edgeCount());
    }

    @Test
    void fromWeights_weightAboveOne_messageNamesEntry() {
        AttentionMatrix bad = AttentionMatrix.of(new float[][] {{0, 1.5f}, {0, 0}});
        assertEquals("weight(0, 1) = 1.5 is outside [0, 1]; a filtration 1 - w needs weights in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> Filtration.fromWeights(bad)).getMessage());
    }

    @Test
    void withThreshold_negative_rejected() {
        assertEquals("threshold = -1.0 must be >= 0 (or +inf for none)",
                assertThrows(IllegalArgumentException.class, () -> Filtration.fromWeights(A).withThreshold(-1f))
                        .getMessage());
    }

    @Test
    void distanceMatrix_badValues_messagesNameEntry() {
        assertEquals("distance d[2][1] = -1.0 is negative; distances must be in [0, +inf]",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromLowerTriangular(3, new float[] {1, 2, -1})).getMessage());
        assertEquals("distance d[1][0] = NaN is NaN; distances must be in [0, +inf]",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromLowerTriangular(2, new float[] {Float.NaN})).getMessage());
        assertEquals("matrix is not symmetric: d[1][0] = 1.0 but d[0][1] = 2.0",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromFull(new float[][] {{0, 2}, {1, 0}})).getMessage());
        assertEquals("row 1 has 1 values; a square matrix with 2 rows needs 2",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromFull(new float[][] {{0, 2}, {1}})).getMessage());
        assertEquals("lower triangle has 2 values; 3 points need size(size-1)/2 = 3",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromLowerTriangular(3, new float[] {1, 2})).getMessage());
    }

    @Test
    void enclosingRadius_minOverRowsOfMax() {
        DistanceMatrix d = DistanceMatrix.fromFull(new float[][] {{0, 1, 4}, {1, 0, 2}, {4, 2, 0}});
        assertEquals(2f, d.enclosingRadius());
    }

    @Test
    void enclosingRadius_oneDefinition_infiniteBelowTwoPoints_bruteForceAbove() {
        // fewer than 2 points: no edge, nothing to cut (the engines rely on +inf)
        assertEquals(Float.POSITIVE_INFINITY, DistanceMatrix.fromLowerTriangular(0, new float[0]).enclosingRadius());
        assertEquals(Float.POSITIVE_INFINITY, DistanceMatrix.fromLowerTriangular(1, new float[0]).enclosingRadius());
        Random r = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + r.nextInt(12);
            float[][] full = new float[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    full[i][j] = r.nextInt(4) == 0 ? Float.POSITIVE_INFINITY : r.nextInt(20) / 4f;
                    full[j][i] = full[i][j];
                }
            }
            float expected = Float.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float max = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        max = Math.max(max, full[i][j]);
                    }
                }
                expected = Math.min(expected, max);
            }
            DistanceMatrix d = DistanceMatrix.fromFull(full);
            assertEquals(expected, d.enclosingRadius(), "trial " + trial);
            assertEquals(expected, DistanceMatrix.enclosingRadius(d.toLowerTriangular(), n), "static, trial " + trial);
        }
    }

    private static AttentionTrace trace(int n, long seed) {
        Random r = new Random(seed);
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(new Token("t" + i, 3 * i, 3 * i + 2, false, i));
        }
        AttentionMatrix a = AttentionMatrix.of(n, SoftmaxTraceGenerator.softmaxRows(n, 1, false, r));
        return new AttentionTrace("synthetic", tokens, List.of(List.of(a)), null, Map.of(),
                Provenance.synthetic("seed " + seed));
    }

    @Test
    void fromPlane_undirectedAndDirected_useNormalizedWeightAndMaxOfDirections() {
        AttentionTrace t = trace(7, 3);
        for (Symmetrization s : new Symmetrization[] {Symmetrization.MAX, Symmetrization.DIRECTED}) {
            Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().headReduction(HeadReduction.MEAN)
                    .symmetrization(s).build()).planes().get(0);
            Filtration f = Filtration.fromPlane(p);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < i; j++) {
                    float w = Math.max(p.weight(i, j), p.weight(j, i));
                    assertEquals(1f - w, f.value(i, j), s + " pair " + i + "," + j + " seed 3");
                }
            }
        }
    }

    /** The undirected planes' filtration bit for bit against its definition, with and without a minimum weight. */
    @Test
    void fromPlane_everyUndirectedSymmetrizationAndMinWeight_isOneMinusWeightBitForBit() {
        for (int seed = 0; seed < 12; seed++) {
            int n = 3 + seed * 5;
            AttentionTrace t = trace(n, 100 + seed);
            for (Symmetrization s : new Symmetrization[] {Symmetrization.SUM, Symmetrization.MEAN, Symmetrization.MAX}) {
                Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                        .symmetrization(s).build()).planes().get(0);
                for (float minWeight : new float[] {0f, 0.1f, 1f}) {
                    Filtration f = Filtration.fromPlane(p, minWeight);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < i; j++) {
                            float w = p.weight(i, j);
                            float expected = w < minWeight ? Float.POSITIVE_INFINITY : 1f - w;
                            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(f.value(i, j)),
                                    s + " minWeight " + minWeight + " pair " + i + "," + j + " seed " + seed);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fromPlane_differencePlane_failsNamingSignedWeights() {
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.MEAN).build();
        MultiPlanarGraph d = MultiPlanarGraph.difference(MultiPlanarGraph.build(trace(6, 5), spec),
                MultiPlanarGraph.build(trace(6, 6), spec));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Filtration.fromPlane(d.planes().get(0)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("signed difference planes have no filtration"),
                e.getMessage());
    }
}
