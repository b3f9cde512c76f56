package org.attnplanes.graph;

import org.attnplanes.graph.generate.EncoderDecoderTraceGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-attention traces and their bipartite planes: the rectangular matrix is embedded exactly; no weight or edge
 * joins two tokens of one side; normalizations range over target–source pairs only; top-k and cumulative mass are
 * chosen per target row (checked against brute force on seeded traces); the bipartite layout puts the two token
 * sets on two lines; the encoder–decoder graph links each cross plane to the encoder's last plane and its decoder
 * layer.
 */
class BipartitePlaneTest {

    static EncoderDecoderTrace trace(long seed, int src, int tgt) {
        return new EncoderDecoderTraceGenerator(2, 3, 2, src, tgt, 2.0).generate(seed);
    }

    @Test
    void cross_embedsTheRectangularMatrix_andRoundTrips() {
        EncoderDecoderTrace t = trace(1, 6, 4);
        AttentionTrace c = t.cross();
        assertEquals(BlockKind.CROSS, c.block());
        assertTrue(c.bipartite());
        assertEquals(4, c.targetCount());
        assertEquals(6, c.sourceCount());
        assertEquals(10, c.tokenCount());
        assertEquals(t.decoder().tokens(), c.targetTokens());
        assertEquals(t.encoder().tokens(), c.sourceTokens());
        float[] rect = c.toRectangularArray();
        assertEquals(3 * 2 * 4 * 6, rect.length);
        for (int l = 0; l < 3; l++) {
            for (int h = 0; h < 2; h++) {
                AttentionMatrix m = c.attention(l, h);
                for (int i = 0; i < 10; i++) {
                    double sum = 0;
                    for (int j = 0; j < 10; j++) {
                        boolean cross = i < 4 && j >= 4;
                        if (!cross) {
                            assertEquals(0f, m.weight(i, j), "same-side or source row [" + i + "][" + j + "]");
                        } else {
                            assertEquals(rect[((l * 2 + h) * 4 + i) * 6 + (j - 4)], m.weight(i, j));
                            assertEquals(m.weight(i, j), c.crossWeight(l, h, i, j - 4));
                        }
                        sum += m.weight(i, j);
                    }
                    assertEquals(i < 4 ? 1.0 : 0.0, sum, 1e-5, "row " + i);
                }
            }
        }
        AttentionTrace again = AttentionTrace.cross("", c.targetTokens(), c.sourceTokens(), 3, 2, rect, Map.of(),
                c.provenance());
        assertArrayEquals(c.toArray(), again.toArray());
        assertEquals("cross", c.provenance().settings().get(AttentionTrace.BLOCK));
        assertEquals("encoder", t.encoder().provenance().settings().get(AttentionTrace.BLOCK));
        assertEquals("decoder", t.decoder().provenance().settings().get(AttentionTrace.BLOCK));
        assertTrue(t.decoder().causal());
    }

    @Test
    void cross_wrongLengthOrBlock_failsNamingTheShape() {
        EncoderDecoderTrace t = trace(2, 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionTrace.cross("",
                t.targetTokens(), t.sourceTokens(), 3, 2, new float[7], Map.of(), t.provenance()));
        assertTrue(e.getMessage().contains("3 target × 5 source tokens = 90"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.encoder().withBlock(BlockKind.CROSS));
        assertTrue(e.getMessage().contains("AttentionTrace.cross"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EncoderDecoderTrace(t.decoder(), t.encoder(),
                t.cross()));
        assertTrue(e.getMessage().contains("encoder trace has block decoder"), e.getMessage());
        EncoderDecoderTrace other = trace(3, 4, 3);
        e = assertThrows(IllegalArgumentException.class, () -> new EncoderDecoderTrace(other.encoder(), t.decoder(),
                t.cross()));
        assertTrue(e.getMessage().contains("are not the decoder's"), e.getMessage());
        assertEquals(BlockKind.SELF, t.encoder().withBlock(BlockKind.SELF).block());
    }

    static Stream<Arguments> views() {
        List<Arguments> out = new ArrayList<>();
        for (Normalization n : Normalization.values()) {
            for (Symmetrization s : List.of(Symmetrization.SUM, Symmetrization.MAX, Symmetrization.DIRECTED)) {
                out.add(Arguments.of(n, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("views")
    void bipartitePlanes_onlyTargetSourcePairs_normalizedOverThem(Normalization norm, Symmetrization sym) {
        EncoderDecoderTrace t = trace(5, 7, 5);
        GraphSpec spec = GraphSpec.builder().normalization(norm).symmetrization(sym).build();
        MultiPlanarGraph g = MultiPlanarGraph.build(t.cross(), spec);
        assertEquals(BlockKind.CROSS, g.block());
        int tc = 5;
        for (Plane p : g.planes()) {
            assertTrue(p.bipartite());
            assertEquals(tc, p.targetCount());
            assertEquals(12, p.size());
            float max = 0;
            float min = 1;
            for (int i = 0; i < 12; i++) {
                assertEquals(0f, p.selfWeight(i), "self weight " + i);
                for (int j = 0; j < 12; j++) {
                    if (i == j) {
                        continue;
                    }
                    boolean cross = (i < tc) != (j < tc);
                    assertEquals(cross, p.pairAllowed(i, j));
                    if (!cross) {
                        assertEquals(0f, p.weight(i, j), norm + " " + sym + " same side [" + i + "][" + j + "]");
                    } else if (sym != Symmetrization.DIRECTED || i < tc) {
                        float w = p.weight(i, j);
                        assertTrue(w >= 0f && w <= 1f, norm + " weight " + w);
                        max = Math.max(max, w);
                        min = Math.min(min, w);
                    }
                }
            }
            EdgeList e = p.edges();
            assertEquals(sym == Symmetrization.DIRECTED ? tc * 7 : tc * 7, e.size(), "all cross pairs kept unpruned");
            for (int k = 0; k < e.size(); k++) {
                assertTrue((e.source(k) < tc) != (e.target(k) < tc), "edge " + e.source(k) + "-" + e.target(k));
                if (sym == Symmetrization.DIRECTED) {
                    assertTrue(e.source(k) < tc, "arcs go from targets to sources");
                }
            }
            if (norm == Normalization.PER_LAYER || norm == Normalization.PER_ROW) {
                assertEquals(1f, max, 1e-6, norm + " reaches 1 over cross pairs");
                assertEquals(0f, min, 1e-6, norm + " reaches 0 over cross pairs");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("views")
    void topK_perTargetRow_equalsBruteForce(Normalization norm, Symmetrization sym) {
        for (long seed = 10; seed < 14; seed++) {
            EncoderDecoderTrace t = trace(seed, 8, 5);
            int k = 3;
            MultiPlanarGraph g = MultiPlanarGraph.build(t.cross(), GraphSpec.builder().normalization(norm)
                    .symmetrization(sym).topK(k).build());
            for (Plane p : g.planes()) {
                Set<Long> expected = new HashSet<>();
                for (int i = 0; i < 5; i++) {
                    // the k sources with the largest attention of target row i (random floats: no ties)
                    List<Integer> order = new ArrayList<>();
                    for (int j = 5; j < 13; j++) {
                        order.add(j);
                    }
                    final int row = i;
                    order.sort((a, b) -> Float.compare(p.attention(row, b), p.attention(row, a)));
                    for (int c = 0; c < k; c++) {
                        expected.add(((long) i << 32) | order.get(c));
                    }
                }
                Set<Long> actual = new HashSet<>();
                EdgeList e = p.edges();
                for (int c = 0; c < e.size(); c++) {
                    int a = Math.min(e.source(c), e.target(c));
                    int b = Math.max(e.source(c), e.target(c));
                    actual.add(((long) a << 32) | b);
                }
                assertEquals(expected, actual, "seed " + seed + " " + norm + " " + sym + " plane " + p.index());
            }
        }
    }

    @Test
    void cumulativeMass_chosenPerTargetRow() {
        EncoderDecoderTrace t = trace(21, 9, 4);
        MultiPlanarGraph g = MultiPlanarGraph.build(t.cross(), GraphSpec.builder()
                .symmetrization(Symmetrization.DIRECTED).cumulativeMass(0.5).build());
        for (Plane p : g.planes()) {
            EdgeList e = p.edges();
            double[] kept = new double[4];
            for (int c = 0; c < e.size(); c++) {
                assertTrue(e.source(c) < 4 && e.target(c) >= 4);
                kept[e.source(c)] += p.attention(e.source(c), e.target(c));
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(kept[i] >= 0.5 - 1e-6, "row " + i + " keeps " + kept[i]);
            }
        }
    }

    @Test
    void layout_targetsAboveSources() {
        EncoderDecoderTrace t = trace(4, 6, 3);
        MultiPlanarGraph g = MultiPlanarGraph.build(t.cross(), GraphSpec.builder().layout(LayoutKind.MDS).build());
        for (Plane p : g.planes()) {
            for (int i = 0; i < p.size(); i++) {
                Point3 pos = g.layout().position(p.index(), i);
                assertEquals(i < 3 ? 0.5 : -0.5, pos.y(), 1e-12, "node " + i);
            }
            assertEquals(-1, g.layout().position(p.index(), 0).x(), 1e-12);
            assertEquals(1, g.layout().position(p.index(), 8).x(), 1e-12);
        }
        assertNotNull(g.provenance().settings().get(GraphBuilder.BIPARTITE_PLANES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiPlanarGraph.build(
                t.cross(), GraphSpec.builder().mergeWords(true).build()));
        assertTrue(e.getMessage().startsWith("mergeWords = true cannot merge"), e.getMessage());
    }

    @Test
    void encoderDecoderGraph_linksCrossPlanesToEncoderLastPlaneAndDecoderLayer() {
        EncoderDecoderTrace t = trace(8, 6, 4);
        EncoderDecoderGraph g = EncoderDecoderGraph.build(t, GraphSpec.defaults());
        assertEquals(BlockKind.ENCODER, g.encoder().block());
        assertEquals(BlockKind.DECODER, g.decoder().block());
        assertEquals(BlockKind.CROSS, g.cross().block());
        assertEquals(2, g.encoder().planes().size());
        assertEquals(3, g.decoder().planes().size());
        assertEquals(3, g.cross().planes().size());
        assertEquals(3 * (6 + 4), g.blockLinks().size());
        for (EncoderDecoderGraph.BlockLink l : g.blockLinks()) {
            Plane cross = g.cross().planes().get(l.toPlane());
            if (l.fromBlock() == BlockKind.ENCODER) {
                assertEquals(1, g.encoder().planes().get(l.fromPlane()).layer(), "the encoder's last layer");
                assertEquals(4 + l.fromNode(), l.toNode());
            } else {
                assertEquals(BlockKind.DECODER, l.fromBlock());
                assertEquals(cross.layer(), g.decoder().planes().get(l.fromPlane()).layer());
                assertEquals(l.fromNode(), l.toNode());
            }
        }
        // decoder planes keep their causal provenance, encoder planes are plain self-attention
        assertTrue(g.decoder().provenance().settings().containsKey(GraphBuilder.CAUSAL_PLANES));
        assertEquals(BlockKind.SELF, MultiPlanarGraph.build(SyntheticTraces.trace(1, 2, 2, 4),
                GraphSpec.defaults()).block());
    }
}
