package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math4.legacy.linear.MatrixUtils;
import org.apache.commons.math4.legacy.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class MultiPlanarGraphTest {

    @Test
    void build_defaults_oneMeanPlanePerLayerWithResidualLinks() {
        long seed = 11;
        AttentionTrace trace = SyntheticTraces.trace(seed, 3, 4, 7);
        MultiPlanarGraph g = MultiPlanarGraph.build(trace, GraphSpec.defaults());
        assertEquals(3, g.planes().size(), "seed " + seed);
        assertEquals(7 * 6 / 2, g.planes().get(0).edges().size(), "seed " + seed);
        assertEquals(2 * 7, g.links().size(), "seed " + seed);
        for (Link l : g.links()) {
            assertEquals(LinkKind.RESIDUAL, l.kind());
            assertEquals(l.fromNode(), l.toNode());
            assertEquals(l.fromPlane() + 1, l.toPlane());
            assertEquals(1f, l.weight());
        }
        assertEquals("mean", g.planes().get(1).headLabel());
        assertTrue(g.planes().get(1).head().isEmpty());
        assertEquals(2.0, g.layout().planeZ(2), 0, "seed " + seed);
        assertEquals(trace.tokens(), g.tokens());
        assertTrue(g.classifier().isEmpty());
        assertFalse(g.isDifference());
    }

    @Test
    void build_layerList_planesCarryTraceLayers() {
        MultiPlanarGraph g = MultiPlanarGraph.build(SyntheticTraces.trace(1, 6, 2, 5),
                GraphSpec.builder().layers(LayerSelection.of(1, 4, 5)).build());
        assertEquals(List.of(1, 4, 5), g.planes().stream().map(Plane::layer).toList());
    }

    // ---- bad specs ----------------------------------------------------------------------------------------

    @Test
    void build_layerOutOfRange_failsNamingLayer() {
        AttentionTrace t = SyntheticTraces.trace(1, 4, 2, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.build(t, GraphSpec.builder().layers(LayerSelection.range(2, 4)).build()));
        assertEquals("layer = 4 is outside [0, 3] (the trace has 4 layers)", e.getMessage());
    }

    @Test
    void build_headNotBelowH_failsNamingHead() {
        AttentionTrace t = SyntheticTraces.trace(1, 2, 3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.build(t, GraphSpec.builder().head(3).build()));
        assertEquals("head = 3 is outside [0, 2] (the trace has 3 heads per layer)", e.getMessage());
    }

    @Test
    void build_valueWeightedWithoutNorms_failsWithClearMessage() {
        AttentionTrace t = SyntheticTraces.trace(1, 2, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.build(t, GraphSpec.builder().links(LinkKind.VALUE_WEIGHTED).build()));
        assertEquals("links = VALUE_WEIGHTED needs value-vector norms, but the trace of seed 1 has none; capture"
                + " with value norms or drop VALUE_WEIGHTED", e.getMessage());
    }

    @Test
    void trace_nanWeight_rejectedAtConstructionNamingCell() {
        int n = 3;
        float[] a = new float[n * n];
        java.util.Arrays.fill(a, 1f / 3);
        a[1 * n + 2] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticTraces.fromMatrices(SyntheticTraces.tokens(n), new float[][] {a}, 1, 1));
        assertEquals("attention[layer 0][head 0][1][2] = NaN must be a probability in [0, 1]", e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> AttentionMatrix.of(n, a));
        assertEquals("weight[1][2] = NaN must be finite", m.getMessage());
    }

    // ---- provenance ---------------------------------------------------------------------------------------

    @Test
    void provenance_traceProvenancePlusEverySpecSetting() {
        AttentionTrace t = SyntheticTraces.trace(5, 2, 2, 4);
        GraphSpec spec = GraphSpec.builder().topK(2).normalization(Normalization.RANK).build();
        Provenance p = MultiPlanarGraph.build(t, spec).provenance();
        assertEquals(t.provenance().modelFile(), p.modelFile());
        for (Map.Entry<String, String> e : spec.settings().entrySet()) {
            assertEquals(e.getValue(), p.settings().get(e.getKey()), e.getKey());
        }
        assertEquals("RANK", p.toMap().get("graph.normalization"));
    }

    // ---- word merging -------------------------------------------------------------------------------------

    @Test
    void mergeWords_rowsStillSumToOneAndMatchDefinition() {
        for (long seed = 1; seed <= 5; seed++) {
            int n = 10;
            AttentionTrace t = SyntheticTraces.trace(seed, 2, 3, n);
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().mergeWords(true)
                    .symmetrization(Symmetrization.DIRECTED).build());
            // tokens: [CLS] w1 w2 ##p3 w4 w5 ##p6 w7 w8 [SEP] -> words [CLS] w1 w2p3 w4 w5p6 w7 w8 [SEP]
            assertEquals(List.of("[CLS]", "w1", "w2p3", "w4", "w5p6", "w7", "w8", "[SEP]"),
                    g.tokens().stream().map(Token::text).toList(), "seed " + seed);
            assertTrue(g.tokens().get(0).special());
            assertEquals(t.tokens().get(2).start(), g.tokens().get(2).start());
            assertEquals(t.tokens().get(3).end(), g.tokens().get(2).end());
            int[][] pieces = {{0}, {1}, {2, 3}, {4}, {5, 6}, {7}, {8}, {9}};
            for (Plane p : g.planes()) {
                for (int f = 0; f < 8; f++) {
                    double row = 0;
                    for (int w = 0; w < 8; w++) {
                        row += p.attention(f, w);
                        double expected = 0;
                        for (int i : pieces[f]) {
                            for (int j : pieces[w]) {
                                double mean = 0;
                                for (int h = 0; h < 3; h++) {
                                    mean += t.weight(p.layer(), h, i, j) / 3.0;
                                }
                                expected += mean;
                            }
                        }
                        expected /= pieces[f].length;
                        assertEquals(expected, p.attention(f, w), 1e-6, "seed " + seed + " [" + f + "][" + w + "]");
                    }
                    assertEquals(1.0, row, 1e-5, "seed " + seed + " plane " + p.index() + " row " + f);
                }
            }
        }
    }

    @Test
    void mergeWords_decreasingWordIndex_failsNamingTokens() {
        List<Token> tokens = List.of(new Token("a", 0, 1, false, 1), new Token("b", 2, 3, false, 0));
        float[] a = {0.5f, 0.5f, 0.5f, 0.5f};
        AttentionTrace t = SyntheticTraces.fromMatrices(tokens, new float[][] {a}, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.build(t, GraphSpec.builder().mergeWords(true).build()));
        assertEquals("tokens[1].wordIndex = 0 is less than tokens[0].wordIndex = 1; word merging needs"
                + " non-decreasing word indices", e.getMessage());
    }

    // ---- links --------------------------------------------------------------------------------------------

    private static Map<String, Float> linkMap(MultiPlanarGraph g, LinkKind kind) {
        Map<String, Float> m = new HashMap<>();
        for (Link l : g.links()) {
            if (l.kind() == kind) {
                m.put(l.fromPlane() + ":" + l.fromNode() + "->" + l.toPlane() + ":" + l.toNode(), l.weight());
            }
        }
        return m;
    }

    @Test
    void links_attention_weightedByNextLayersAttention() {
        long seed = 21;
        AttentionTrace t = SyntheticTraces.trace(seed, 3, 2, 5);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().links(LinkKind.ATTENTION).build());
        Map<String, Float> m = linkMap(g, LinkKind.ATTENTION);
        assertEquals(2 * 25, m.size(), "seed " + seed);
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    float expected = (t.weight(p + 1, 0, i, j) + t.weight(p + 1, 1, i, j)) / 2;
                    assertEquals(expected, m.get(p + ":" + j + "->" + (p + 1) + ":" + i), 1e-6f, "seed " + seed);
                }
            }
        }
    }

    @Test
    void links_attentionWithTopK_eachTargetKeepsKStrongestIncoming() {
        long seed = 22;
        AttentionTrace t = SyntheticTraces.trace(seed, 2, 2, 6);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().links(LinkKind.ATTENTION).topK(2).build());
        int[] incoming = new int[6];
        for (Link l : g.links()) {
            incoming[l.toNode()]++;
            Plane q = g.planes().get(1);
            int stronger = 0;
            for (int j = 0; j < 6; j++) {
                stronger += q.attention(l.toNode(), j) > l.weight() ? 1 : 0;
            }
            assertTrue(stronger < 2, "seed " + seed + " link " + l);
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(2, incoming[i], "seed " + seed + " node " + i);
        }
    }

    private static RealMatrix meanMatrix(AttentionTrace t, int layer) {
        int n = t.tokenCount();
        RealMatrix m = MatrixUtils.createRealMatrix(n, n);
        for (int h = 0; h < t.heads(); h++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m.addToEntry(i, j, t.weight(layer, h, i, j) / (double) t.heads());
                }
            }
        }
        return m;
    }

    @Test
    void links_rollout_equalsReferenceMatrixProduct() {
        for (long seed = 30; seed < 34; seed++) {
            int n = 6;
            AttentionTrace t = SyntheticTraces.trace(seed, 4, 3, n);
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().links(LinkKind.ROLLOUT)
                    .layers(LayerSelection.of(0, 2, 3)).build());
            Map<String, Float> m = linkMap(g, LinkKind.ROLLOUT);
            RealMatrix identity = MatrixUtils.createRealIdentityMatrix(n);
            List<RealMatrix> rollout = new ArrayList<>();
            RealMatrix r = null;
            for (int l = 0; l < 4; l++) {
                RealMatrix at = meanMatrix(t, l).scalarMultiply(0.5).add(identity.scalarMultiply(0.5));
                r = r == null ? at : at.multiply(r);
                rollout.add(r);
            }
            int[] layers = {0, 2, 3};
            for (int p = 0; p + 1 < 3; p++) {
                RealMatrix expected = rollout.get(layers[p + 1]);
                for (int i = 0; i < n; i++) {
                    double rowSum = 0;
                    for (int j = 0; j < n; j++) {
                        float w = m.get(p + ":" + j + "->" + (p + 1) + ":" + i);
                        assertEquals(expected.getEntry(i, j), w, 1e-6, "seed " + seed + " plane " + p + " [" + i
                                + "][" + j + "]");
                        rowSum += w;
                    }
                    assertEquals(1.0, rowSum, 1e-5, "seed " + seed + ": rollout rows sum to 1");
                }
            }
        }
    }

    @Test
    void links_rolloutPerHead_eachHeadChainUsesOwnMatrices() {
        long seed = 35;
        int n = 5;
        AttentionTrace t = SyntheticTraces.trace(seed, 3, 2, n);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                .links(LinkKind.ROLLOUT).build());
        Map<String, Float> m = linkMap(g, LinkKind.ROLLOUT);
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(n);
        for (int h = 0; h < 2; h++) {
            RealMatrix r = null;
            for (int l = 0; l < 3; l++) {
                RealMatrix a = MatrixUtils.createRealMatrix(n, n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a.setEntry(i, j, 0.5 * t.weight(l, h, i, j) + 0.5 * identity.getEntry(i, j));
                    }
                }
                r = r == null ? a : a.multiply(r);
                if (l > 0) {
                    int from = (l - 1) * 2 + h;
                    int to = l * 2 + h;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(r.getEntry(i, j), m.get(from + ":" + j + "->" + to + ":" + i), 1e-6,
                                    "seed " + seed + " head " + h + " layer " + l);
                        }
                    }
                }
            }
        }
    }

    @Test
    void links_valueWeighted_equalsAlphaTimesValueNorm() {
        long seed = 40;
        int n = 5;
        AttentionTrace t = SyntheticTraces.trace(seed, 2, 2, n, true, Map.of());
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().head(1)
                .links(LinkKind.VALUE_WEIGHTED).build());
        Map<String, Float> m = linkMap(g, LinkKind.VALUE_WEIGHTED);
        ValueNorms v = t.valueNorms().orElseThrow();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(t.weight(1, 1, i, j) * v.norm(1, 1, j), m.get("0:" + j + "->1:" + i), 1e-6f,
                        "seed " + seed);
            }
        }
        MultiPlanarGraph mean = MultiPlanarGraph.build(t, GraphSpec.builder().links(LinkKind.VALUE_WEIGHTED).build());
        float expected = (t.weight(1, 0, 2, 3) * v.norm(1, 0, 3) + t.weight(1, 1, 2, 3) * v.norm(1, 1, 3)) / 2;
        assertEquals(expected, linkMap(mean, LinkKind.VALUE_WEIGHTED).get("0:3->1:2"), 1e-6f, "seed " + seed);
    }

    @Test
    void links_perHead_connectSameHeadOfConsecutiveLayers() {
        MultiPlanarGraph g = MultiPlanarGraph.build(SyntheticTraces.trace(2, 3, 2, 4),
                GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).build());
        assertEquals(2 * 2 * 4, g.links().size());
        for (Link l : g.links()) {
            Plane from = g.planes().get(l.fromPlane());
            Plane to = g.planes().get(l.toPlane());
            assertEquals(from.head(), to.head());
            assertEquals(from.layer() + 1, to.layer());
        }
    }

    // ---- classifier ---------------------------------------------------------------------------------------

    @Test
    void classifier_logitsOutput_classNodesLinkedFromFirstTokenWithSoftmax() {
        Map<String, NamedTensor> outputs = new LinkedHashMap<>();
        outputs.put("last_hidden_state", NamedTensor.of("last_hidden_state", new long[] {1, 4, 2}, new float[8]));
        outputs.put("logits", NamedTensor.of("logits", new long[] {1, 3}, new float[] {1f, 2f, 0.5f}));
        AttentionTrace t = SyntheticTraces.trace(3, 2, 2, 4, false, outputs);
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().classLabels(Map.of(1, "positive")).build());
        ClassifierPlane c = g.classifier().orElseThrow();
        assertEquals(2, c.index());
        assertEquals(List.of("class 0", "positive", "class 2"), c.labels());
        double z = Math.exp(1) + Math.exp(2) + Math.exp(0.5);
        assertEquals(Math.exp(2) / z, c.probability(1), 1e-12);
        assertEquals(1, c.predicted());
        List<Link> cl = g.links().stream().filter(l -> l.kind() == LinkKind.CLASSIFIER).toList();
        assertEquals(3, cl.size());
        for (Link l : cl) {
            assertEquals(1, l.fromPlane());
            assertEquals(0, l.fromNode());
            assertEquals(2, l.toPlane());
            assertEquals(c.probability(l.toNode()), l.weight(), 1e-7);
        }
        assertEquals(3, g.layout().nodeCount(2));
        assertEquals(2.0, g.layout().planeZ(2), 0);
    }

    @Test
    void classifier_noLogitsOutput_absent() {
        Map<String, NamedTensor> outputs = Map.of("pooler_output",
                NamedTensor.of("pooler_output", new long[] {1, 3}, new float[3]));
        AttentionTrace t = SyntheticTraces.trace(3, 2, 2, 4, false, outputs);
        assertTrue(MultiPlanarGraph.build(t, GraphSpec.defaults()).classifier().isEmpty());
    }

    @Test
    void classifier_namedOutputMissing_failsListingOutputs() {
        Map<String, NamedTensor> outputs = Map.of("pooler_output",
                NamedTensor.of("pooler_output", new long[] {1, 3}, new float[3]));
        AttentionTrace t = SyntheticTraces.trace(3, 2, 2, 4, false, outputs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.build(t, GraphSpec.builder().classifierOutput("scores").build()));
        assertEquals("classifierOutput = \"scores\" is not one of [pooler_output]", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> MultiPlanarGraph.build(
                SyntheticTraces.trace(3, 2, 2, 4, false, Map.of("x", NamedTensor.of("x", new long[] {2, 3},
                        new float[6]))), GraphSpec.builder().classifierOutput("x").build()));
        assertEquals("output \"x\" has shape [2, 3]; a classifier needs logits [1, C]", s.getMessage());
    }

    // ---- difference ---------------------------------------------------------------------------------------

    @Test
    void difference_ofGraphWithItself_isAllZeros() {
        for (long seed = 1; seed <= 4; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 3, 2, 6);
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().topK(2)
                    .links(LinkKind.RESIDUAL, LinkKind.ATTENTION).build());
            MultiPlanarGraph d = MultiPlanarGraph.difference(g, g);
            assertTrue(d.isDifference());
            for (Plane p : d.planes()) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        assertEquals(0f, p.weight(i, j), 0f, "seed " + seed);
                        assertEquals(0f, p.rawWeight(i, j), 0f, "seed " + seed);
                        assertEquals(0f, p.attention(i, j), 0f, "seed " + seed);
                    }
                }
                assertEquals(g.planes().get(p.index()).edges().size(), p.edges().size(), "seed " + seed);
            }
            for (Link l : d.links()) {
                assertEquals(0f, l.weight(), 0f, "seed " + seed);
            }
            assertEquals("seed " + seed, d.provenance().settings().get("difference.minus.model"));
        }
    }

    @Test
    void difference_ofTwoTraces_isSignedEntrywiseDifference() {
        long seed = 9;
        AttentionTrace a = SyntheticTraces.trace(seed, 2, 2, 5);
        AttentionTrace b = SyntheticTraces.trace(seed + 1, 2, 2, 5);
        GraphSpec spec = GraphSpec.builder().topK(1).build();
        MultiPlanarGraph ga = MultiPlanarGraph.build(a, spec);
        MultiPlanarGraph gb = MultiPlanarGraph.build(b, spec);
        MultiPlanarGraph d = MultiPlanarGraph.difference(ga, gb);
        boolean negative = false;
        for (Plane p : d.planes()) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    float expected = ga.planes().get(p.index()).weight(i, j) - gb.planes().get(p.index()).weight(i, j);
                    assertEquals(expected, p.weight(i, j), 0f, "seed " + seed);
                    assertTrue(p.weight(i, j) >= -1f && p.weight(i, j) <= 1f);
                    negative |= p.weight(i, j) < 0;
                }
            }
        }
        assertTrue(negative, "seed " + seed + ": a difference is signed");
    }

    @Test
    void difference_differentTokens_failsNamingFirstMismatch() {
        List<Token> ta = SyntheticTraces.tokens(4);
        List<Token> tb = new ArrayList<>(ta);
        tb.set(2, new Token("dog", 3, 5, false, 2));
        float[] u = new float[16];
        java.util.Arrays.fill(u, 0.25f);
        MultiPlanarGraph ga = MultiPlanarGraph.build(SyntheticTraces.fromMatrices(ta, new float[][] {u}, 1, 1),
                GraphSpec.defaults());
        MultiPlanarGraph gb = MultiPlanarGraph.build(SyntheticTraces.fromMatrices(tb, new float[][] {u}, 1, 1),
                GraphSpec.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.difference(ga, gb));
        assertEquals("difference needs identical tokens: token 2 is \"w2\" in the first graph but \"dog\" in the"
                + " second", e.getMessage());
        MultiPlanarGraph gc = MultiPlanarGraph.build(SyntheticTraces.trace(1, 1, 1, 5), GraphSpec.defaults());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> MultiPlanarGraph.difference(ga, gc));
        assertEquals("difference needs identical tokens: the first graph has 4 tokens, the second 5", c.getMessage());
    }
}
