package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Head reduction, symmetrization and normalization of planes, against brute-force references. */
class PlaneTest {

    private static float reduced(AttentionTrace t, int layer, HeadReduction r, int head, int i, int j) {
        switch (r) {
            case SINGLE:
            case PER_HEAD:
                return t.weight(layer, head, i, j);
            case MAX: {
                float m = Float.NEGATIVE_INFINITY;
                for (int h = 0; h < t.heads(); h++) {
                    m = Math.max(m, t.weight(layer, h, i, j));
                }
                return m;
            }
            default: {
                double s = 0;
                for (int h = 0; h < t.heads(); h++) {
                    s += t.weight(layer, h, i, j);
                }
                return (float) (s / t.heads());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HeadReduction.class)
    void attention_eachHeadReduction_equalsBruteForce(HeadReduction reduction) {
        for (long seed = 1; seed <= 5; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 3, 4, 6);
            GraphSpec.Builder b = GraphSpec.builder();
            if (reduction == HeadReduction.SINGLE) {
                b.head(2);
            } else {
                b.headReduction(reduction);
            }
            MultiPlanarGraph g = MultiPlanarGraph.build(t, b.build());
            assertEquals(reduction == HeadReduction.PER_HEAD ? 12 : 3, g.planes().size(), "seed " + seed);
            for (Plane p : g.planes()) {
                int head = p.head().orElse(-1);
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        assertEquals(reduced(t, p.layer(), reduction, head, i, j), p.attention(i, j), 1e-6f,
                                "seed " + seed + " plane " + p.index() + " [" + i + "][" + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void planes_perHead_layerMajorHeadMinorWithLabels() {
        AttentionTrace t = SyntheticTraces.trace(3, 2, 3, 4);
        MultiPlanarGraph g = MultiPlanarGraph.build(t,
                GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).build());
        for (int p = 0; p < 6; p++) {
            Plane plane = g.planes().get(p);
            assertEquals(p / 3, plane.layer());
            assertEquals(p % 3, plane.head().getAsInt());
            assertEquals(Integer.toString(p % 3), plane.headLabel());
            assertEquals(p, plane.index());
        }
    }

    @ParameterizedTest
    @EnumSource(Symmetrization.class)
    void rawWeight_eachSymmetrization_matchesIdentityEntrywise(Symmetrization s) {
        for (long seed = 10; seed < 15; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 2, 3, 7);
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().symmetrization(s).build());
            for (Plane p : g.planes()) {
                assertEquals(s == Symmetrization.DIRECTED, p.directed());
                for (int i = 0; i < 7; i++) {
                    for (int j = 0; j < 7; j++) {
                        float a = p.attention(i, j);
                        float at = p.attention(j, i);
                        float expected = i == j ? a : switch (s) {
                            case SUM -> a + at;
                            case MAX -> Math.max(a, at);
                            case MEAN -> (a + at) / 2;
                            case DIRECTED -> a;
                        };
                        assertEquals(expected, p.rawWeight(i, j), 1e-6f,
                                "seed " + seed + " " + s + " [" + i + "][" + j + "]");
                        if (s != Symmetrization.DIRECTED) {
                            assertEquals(p.rawWeight(i, j), p.rawWeight(j, i), 0f, "seed " + seed);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rawWeight_sum_equalsAPlusATransposeFromTrace() {
        for (long seed = 20; seed < 30; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 1, 1, 9);
            Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().head(0).build()).planes().get(0);
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 9; j++) {
                    if (i != j) {
                        assertEquals(t.weight(0, 0, i, j) + t.weight(0, 0, j, i), p.rawWeight(i, j), 0f,
                                "seed " + seed + " [" + i + "][" + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void edges_undirectedUnpruned_everyPairOnceWithSourceBelowTarget() {
        Plane p = MultiPlanarGraph.build(SyntheticTraces.trace(4, 1, 2, 8), GraphSpec.defaults()).planes().get(0);
        EdgeList e = p.edges();
        assertEquals(28, e.size());
        for (int k = 0; k < e.size(); k++) {
            assertTrue(e.source(k) < e.target(k));
            assertEquals(p.weight(e.source(k), e.target(k)), e.weight(k), 0f);
            assertEquals(p.rawWeight(e.source(k), e.target(k)), e.rawWeight(k), 0f);
        }
    }

    @Test
    void edges_directedUnpruned_everyOrderedPair() {
        Plane p = MultiPlanarGraph.build(SyntheticTraces.trace(4, 1, 2, 8),
                GraphSpec.builder().symmetrization(Symmetrization.DIRECTED).build()).planes().get(0);
        assertEquals(56, p.edges().size());
        Graph<Integer, DefaultWeightedEdge> g = p.asGraph();
        assertEquals(56, g.edgeSet().size());
        assertTrue(g.getType().isDirected());
        assertEquals(p.weight(3, 5), g.getEdgeWeight(g.getEdge(3, 5)), 0);
    }

    @Test
    void asGraph_undirected_viewOfKeptEdgesWithNormalizedWeights() {
        Plane p = MultiPlanarGraph.build(SyntheticTraces.trace(5, 1, 2, 8), GraphSpec.builder().topK(2).build())
                .planes().get(0);
        Graph<Integer, DefaultWeightedEdge> g = p.asGraph();
        assertEquals(8, g.vertexSet().size());
        assertEquals(p.edges().size(), g.edgeSet().size());
        for (int k = 0; k < p.edges().size(); k++) {
            DefaultWeightedEdge e = g.getEdge(p.edges().source(k), p.edges().target(k));
            assertEquals(p.edges().weight(k), g.getEdgeWeight(e), 0);
        }
        assertTrue(g == p.asGraph(), "asGraph is built once");
    }

    // ---- normalization -------------------------------------------------------------------------------

    private static List<Plane> planes(long seed, Normalization norm, Symmetrization sym) {
        AttentionTrace t = SyntheticTraces.trace(seed, 3, 2, 8);
        return MultiPlanarGraph.build(t, GraphSpec.builder().normalization(norm).symmetrization(sym).build())
                .planes();
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void weight_everyNormalization_inUnitInterval(Normalization norm) {
        for (Symmetrization sym : Symmetrization.values()) {
            for (long seed = 1; seed <= 4; seed++) {
                for (Plane p : planes(seed, norm, sym)) {
                    for (int i = 0; i < p.size(); i++) {
                        for (int j = 0; j < p.size(); j++) {
                            float w = p.weight(i, j);
                            assertTrue(w >= 0f && w <= 1f, "seed " + seed + " " + norm + " " + sym + " w[" + i
                                    + "][" + j + "] = " + w);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Normalization.class, names = {"GLOBAL_ABS_MINMAX", "PER_LAYER", "RANK", "LOG"})
    void weight_scaleNormalizations_monotoneInRawWeight(Normalization norm) {
        for (Symmetrization sym : Symmetrization.values()) {
            for (long seed = 1; seed <= 4; seed++) {
                List<Plane> planes = planes(seed, norm, sym);
                List<float[]> pairs = new ArrayList<>();
                for (Plane p : planes) {
                    if (norm != Normalization.GLOBAL_ABS_MINMAX && norm != Normalization.LOG) {
                        pairs.clear(); // per-plane scales: monotone within a plane
                    }
                    for (int i = 0; i < p.size(); i++) {
                        for (int j = 0; j < p.size(); j++) {
                            if (i != j) {
                                pairs.add(new float[] {p.rawWeight(i, j), p.weight(i, j)});
                            }
                        }
                    }
                    if (norm == Normalization.PER_LAYER || norm == Normalization.RANK) {
                        assertMonotone(pairs, "seed " + seed + " " + norm + " " + sym + " plane " + p.index());
                    }
                }
                assertMonotone(pairs, "seed " + seed + " " + norm + " " + sym);
            }
        }
    }

    private static void assertMonotone(List<float[]> pairs, String message) {
        List<float[]> sorted = new ArrayList<>(pairs);
        Collections.sort(sorted, (a, b) -> Float.compare(a[0], b[0]));
        for (int k = 1; k < sorted.size(); k++) {
            assertTrue(sorted.get(k)[1] >= sorted.get(k - 1)[1], message + ": raw " + sorted.get(k - 1)[0] + " -> "
                    + sorted.get(k - 1)[1] + " but raw " + sorted.get(k)[0] + " -> " + sorted.get(k)[1]);
        }
    }

    @Test
    void weight_perRow_monotoneWithinEachRowOfDirectedPlane() {
        for (long seed = 1; seed <= 5; seed++) {
            for (Plane p : planes(seed, Normalization.PER_ROW, Symmetrization.DIRECTED)) {
                for (int i = 0; i < p.size(); i++) {
                    List<float[]> row = new ArrayList<>();
                    float max = 0;
                    for (int j = 0; j < p.size(); j++) {
                        if (j != i) {
                            row.add(new float[] {p.rawWeight(i, j), p.weight(i, j)});
                            max = Math.max(max, p.weight(i, j));
                        }
                    }
                    assertMonotone(row, "seed " + seed + " row " + i);
                    assertEquals(1f, max, 0f, "seed " + seed + ": each row's strongest key maps to 1");
                }
            }
        }
    }

    @Test
    void weight_perRowSum_isMeanOfBothRowNormalizedDirections() {
        long seed = 8;
        Plane d = planes(seed, Normalization.PER_ROW, Symmetrization.DIRECTED).get(1);
        Plane s = planes(seed, Normalization.PER_ROW, Symmetrization.SUM).get(1);
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.size(); j++) {
                if (i != j) {
                    assertEquals((d.weight(i, j) + d.weight(j, i)) / 2, s.weight(i, j), 1e-6f, "seed " + seed);
                }
            }
        }
    }

    @Test
    void weight_globalAbsMinMax_extremesAcrossAllPlanesAreZeroAndOne() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Plane> planes = planes(seed, Normalization.GLOBAL_ABS_MINMAX, Symmetrization.SUM);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            float minW = 1;
            float maxW = 0;
            for (Plane p : planes) {
                for (int i = 0; i < p.size(); i++) {
                    for (int j = i + 1; j < p.size(); j++) {
                        min = Math.min(min, p.rawWeight(i, j));
                        max = Math.max(max, p.rawWeight(i, j));
                        minW = Math.min(minW, p.weight(i, j));
                        maxW = Math.max(maxW, p.weight(i, j));
                    }
                }
            }
            assertEquals(0f, minW, 0f, "seed " + seed);
            assertEquals(1f, maxW, 0f, "seed " + seed);
            Plane p = planes.get(2);
            assertEquals((p.rawWeight(1, 4) - min) / (max - min), p.weight(1, 4), 1e-5f, "seed " + seed);
        }
    }

    @Test
    void weight_perLayer_eachPlaneSpansZeroToOne() {
        for (Plane p : planes(3, Normalization.PER_LAYER, Symmetrization.MAX)) {
            float lo = 1;
            float hi = 0;
            for (int i = 0; i < p.size(); i++) {
                for (int j = i + 1; j < p.size(); j++) {
                    lo = Math.min(lo, p.weight(i, j));
                    hi = Math.max(hi, p.weight(i, j));
                }
            }
            assertEquals(0f, lo, 0f, "plane " + p.index());
            assertEquals(1f, hi, 0f, "plane " + p.index());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-2})
    void weight_log_matchesStatedFormulaWithEpsilon(double eps) {
        long seed = 6;
        AttentionTrace t = SyntheticTraces.trace(seed, 2, 2, 6);
        List<Plane> planes = MultiPlanarGraph.build(t, GraphSpec.builder().normalization(Normalization.LOG)
                .logEpsilon(eps).build()).planes();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Plane p : planes) {
            for (int i = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++) {
                    min = Math.min(min, p.rawWeight(i, j));
                    max = Math.max(max, p.rawWeight(i, j));
                }
            }
        }
        Plane p = planes.get(1);
        double expected = (Math.log(p.rawWeight(2, 3) + eps) - Math.log(min + eps))
                / (Math.log(max + eps) - Math.log(min + eps));
        assertEquals(expected, p.weight(2, 3), 1e-5, "seed " + seed + " eps " + eps);
    }

    @Test
    void weight_rank_isQuantileWithTiesSharingHigherRank() {
        // 3 tokens, one head: off-diagonal symmetric sums 0.2, 0.2, 0.6 (a tie at the bottom)
        float[] a = {
            0.8f, 0.1f, 0.1f,
            0.1f, 0.6f, 0.3f,
            0.1f, 0.3f, 0.6f};
        AttentionTrace t = SyntheticTraces.fromMatrices(SyntheticTraces.tokens(3), new float[][] {a}, 1, 1);
        Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().normalization(Normalization.RANK).build())
                .planes().get(0);
        assertEquals(0.5f, p.weight(0, 1), 0f);
        assertEquals(0.5f, p.weight(0, 2), 0f);
        assertEquals(1f, p.weight(1, 2), 0f);
    }

    @Test
    void selfWeight_isDiagonalNodeAttributeNotAnEdge() {
        long seed = 2;
        AttentionTrace t = SyntheticTraces.trace(seed, 1, 1, 5);
        Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().symmetrization(Symmetrization.DIRECTED).build())
                .planes().get(0);
        for (int i = 0; i < 5; i++) {
            assertEquals(t.weight(0, 0, i, i), p.selfRawWeight(i), 0f, "seed " + seed);
            assertEquals(t.weight(0, 0, i, i), p.rawWeight(i, i), 0f, "seed " + seed);
            assertEquals(p.selfWeight(i), p.weight(i, i), 0f);
            for (int k = 0; k < p.edges().size(); k++) {
                assertTrue(p.edges().source(k) != p.edges().target(k));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HeadReduction.class)
    void attentionArray_equalsEveryAttentionCall_alsoMergedAndDifference(HeadReduction reduction) {
        for (long seed = 1; seed <= 5; seed++) {
            for (boolean merge : new boolean[] {false, true}) {
                GraphSpec.Builder b = GraphSpec.builder().mergeWords(merge);
                if (reduction == HeadReduction.SINGLE) {
                    b.head(1);
                } else {
                    b.headReduction(reduction);
                }
                MultiPlanarGraph g = MultiPlanarGraph.build(SyntheticTraces.trace(seed, 2, 3, 7), b.build());
                MultiPlanarGraph h = MultiPlanarGraph.build(SyntheticTraces.trace(seed + 100, 2, 3, 7), b.build());
                for (MultiPlanarGraph graph : List.of(g, MultiPlanarGraph.difference(g, h))) {
                    for (Plane p : graph.planes()) {
                        float[] a = p.attentionArray();
                        int n = p.size();
                        assertEquals(n * n, a.length);
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                assertEquals(p.attention(i, j), a[i * n + j], "seed " + seed + " merge " + merge
                                        + " plane " + p.index() + " [" + i + "][" + j + "]");
                            }
                        }
                        // the read-only form: the same n² values (the plane's own storage or a copy)
                        org.junit.jupiter.api.Assertions.assertArrayEquals(a, p.readOnlyAttentionArray(),
                                "seed " + seed + " merge " + merge + " plane " + p.index());
                        a[0] = 7f; // a fresh copy: the plane is unchanged
                        assertTrue(p.attention(0, 0) != 7f);
                    }
                }
            }
        }
    }

    /**
     * {@link Plane#weightsLowerTriangular()} holds exactly {@link Plane#weight(int, int)} of every pair i > j, row by
     * row, for every normalization, symmetrization (directed included) and head reduction, and for the bipartite
     * planes of a cross-attention trace (seeded traces).
     */
    @Test
    void weightsLowerTriangular_everySpec_equalsWeightPairByPair() {
        for (Normalization norm : Normalization.values()) {
            for (Symmetrization sym : Symmetrization.values()) {
                for (HeadReduction red : new HeadReduction[] {HeadReduction.PER_HEAD, HeadReduction.MEAN}) {
                    AttentionTrace t = SyntheticTraces.trace(31L + norm.ordinal() * 7L + sym.ordinal(), 2, 3, 9);
                    GraphSpec spec = GraphSpec.builder().headReduction(red).symmetrization(sym).normalization(norm)
                            .build();
                    check(MultiPlanarGraph.build(t, spec), norm + " " + sym + " " + red);
                }
            }
        }
        AttentionTrace cross = new org.attnplanes.graph.generate.EncoderDecoderTraceGenerator(2, 3, 2, 5, 4, 2.0)
                .generate(5L).cross();
        for (Normalization norm : Normalization.values()) {
            check(MultiPlanarGraph.build(cross, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                    .normalization(norm).build()), "cross " + norm);
        }
    }

    private static void check(MultiPlanarGraph g, String what) {
        for (Plane p : g.planes()) {
            float[] lower = p.weightsLowerTriangular();
            int n = p.size();
            assertEquals(n * (n - 1) / 2, lower.length, what);
            int k = 0;
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++, k++) {
                    assertEquals(Float.floatToIntBits(p.weight(i, j)), Float.floatToIntBits(lower[k]),
                            what + ", " + p + " (" + i + ", " + j + ")");
                }
            }
        }
    }
}
