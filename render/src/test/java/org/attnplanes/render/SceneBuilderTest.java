package org.attnplanes.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Plane;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.Test;

class SceneBuilderTest {

    private static MultiPlanarGraph graph(long seed, GraphSpec spec) {
        return SyntheticGraphs.graph(3, 4, 16, seed, spec);
    }

    private static GraphSpec topK(int k) {
        return GraphSpec.builder().topK(k).build();
    }

    @Test
    void build_opacity_alphaMonotoneInNormalizedWeightAcrossTheScene() {
        for (long seed = 1; seed <= 3; seed++) {
            Scene s = SceneBuilder.build(graph(seed, topK(4)), EncodingSpec.builder().encodings(Encoding.OPACITY).gamma(0.7).build());
            List<EdgeSegment> edges = new ArrayList<>(s.edges());
            edges.sort(Comparator.comparingDouble(EdgeSegment::weight));
            for (int k = 1; k < edges.size(); k++) {
                assertTrue(edges.get(k).colour().a() >= edges.get(k - 1).colour().a(),
                        "seed " + seed + ": alpha not monotone at " + edges.get(k));
            }
            assertTrue(edges.get(edges.size() - 1).colour().a() > edges.get(0).colour().a() + 0.1,
                    "seed " + seed + ": opacity must vary with weight");
        }
    }

    @Test
    void build_width_widthMonotoneAndOpacityConstant() {
        Scene s = SceneBuilder.build(graph(7, topK(4)), EncodingSpec.of(Encoding.WIDTH));
        List<EdgeSegment> edges = new ArrayList<>(s.edges());
        edges.sort(Comparator.comparingDouble(EdgeSegment::weight));
        for (int k = 1; k < edges.size(); k++) {
            assertTrue(edges.get(k).widthPx() >= edges.get(k - 1).widthPx(), "seed 7: width not monotone at " + k);
            assertEquals(edges.get(0).colour().a(), edges.get(k).colour().a(), 1e-6);
        }
    }

    @Test
    void build_threshold_keepsExactlyThePlanesKeptEdgesAtOrAboveIt() {
        MultiPlanarGraph g = graph(3, topK(5));
        double threshold = 0.3;
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY), threshold);
        int expected = 0;
        for (Plane p : g.planes()) {
            for (int k = 0; k < p.edges().size(); k++) {
                if (Math.abs(p.edges().weight(k)) >= threshold) {
                    expected++;
                }
            }
        }
        assertEquals(expected, s.edges().size(), "seed 3");
        for (EdgeSegment e : s.edges()) {
            Plane p = g.planes().get(e.plane());
            assertEquals(p.rawWeight(e.source(), e.target()), e.rawWeight(), 0f, "raw weight back-reference");
            assertEquals(p.weight(e.source(), e.target()), e.weight(), 0f, "normalized weight back-reference");
            assertEquals(p.layer(), e.layer());
            assertEquals(p.headLabel(), e.headLabel());
            assertEquals(g.layout().position(e.plane(), e.source()).z(), e.from().z(), 0);
        }
    }

    @Test
    void build_legend_statesEncodingNormalizationAndScaleOfTheSpec() {
        GraphSpec gs = GraphSpec.builder().topK(8).normalization(Normalization.PER_LAYER).build();
        EncodingSpec enc = EncodingSpec.builder().encodings(Encoding.OPACITY, Encoding.COLOUR)
                .colourMap(ColourMap.MAGMA).gamma(0.5).build();
        Scene s = SceneBuilder.build(graph(11, gs), enc, 0.1);
        assertEquals(enc.describe(false), s.legend().encoding());
        assertTrue(s.legend().encoding().contains("magma") && s.legend().encoding().contains("|w|^0.5"),
                s.legend().encoding());
        assertEquals("min–max of |w| within each plane", s.legend().normalization());
        assertEquals("w in [0, 1]; kept: top-8 per node; gamma 0.5, display threshold |w| ≥ 0.1", s.legend().scale());
        assertEquals("magma", s.legend().colourBar().orElseThrow().name());
        assertEquals("opacity+colour (magma)", s.provenance().settings().get("render.encoding"));
        assertEquals("0.1", s.provenance().settings().get("render.threshold"));
        assertEquals("PER_LAYER", s.provenance().settings().get("graph.normalization"));
        assertEquals("min–max of |w| within each plane", s.provenance().settings().get("render.normalization"));
    }

    @Test
    void build_difference_coloursSpanTheLargestAbsoluteDifference_andTheLegendStatesIt() {
        GraphSpec gs = GraphSpec.builder().layout(LayoutKind.CIRCLE).build();
        MultiPlanarGraph a = SyntheticGraphs.graph(2, 2, 7, 5, gs);
        // B = A with every row perturbed by at most ±4 % and renormalized: differences are small
        org.attnplanes.graph.AttentionTrace t = SyntheticGraphs.trace(2, 2, 7, 5);
        float[] d = t.toArray();
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int row = 0; row < d.length / 7; row++) {
            double sum = 0;
            for (int j = 0; j < 7; j++) {
                d[row * 7 + j] *= (float) (1 + 0.08 * (r.nextDouble() - 0.5));
                sum += d[row * 7 + j];
            }
            for (int j = 0; j < 7; j++) {
                d[row * 7 + j] /= (float) sum;
            }
        }
        MultiPlanarGraph b = MultiPlanarGraph.build(org.attnplanes.graph.AttentionTrace.fromArray("", t.tokens(), 2, 2,
                d, null, java.util.Map.of(), org.attnplanes.graph.Provenance.synthetic("b.onnx")), gs);
        Scene s = SceneBuilder.build(MultiPlanarGraph.difference(a, b), EncodingSpec.of(Encoding.COLOUR));

        double largest = s.edges().stream().mapToDouble(e -> Math.abs(e.weight())).max().orElseThrow();
        assertTrue(largest > 0 && largest < 0.2, "perturbation should give small differences, got " + largest);
        EdgeSegment top = s.edges().stream().max(Comparator.comparingDouble(e -> Math.abs(e.weight()))).orElseThrow();
        ColourMap map = ColourMap.BLUE_RED;
        assertClose(map.at(top.weight() > 0 ? 1 : 0), top.colour());
        for (EdgeSegment e : s.edges()) {
            assertClose(map.at((1 + e.weight() / largest) / 2), e.colour());
        }
        String m = new java.math.BigDecimal(largest).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        assertTrue(s.legend().scale().startsWith("Δw in [−" + m + ", " + m + "], symmetric at the largest |Δw| = " + m),
                s.legend().scale());
        assertEquals("−" + m, s.legend().colourBar().orElseThrow().low());
        assertEquals("+" + m, s.legend().colourBar().orElseThrow().high());
        assertTrue(s.legend().encoding().contains("(−" + m + " blue, 0 white, +" + m + " red)"), s.legend().encoding());
        assertEquals("b.onnx", s.provenance().settings().get("difference.minus.model"));
        assertEquals((float) largest, Float.parseFloat(s.provenance().settings().get("render.difference.max_abs")));
    }

    @Test
    void build_lengthOnLineLayout_placesNodesByStressMajorizationAndSaysSo() {
        MultiPlanarGraph g = graph(5, GraphSpec.builder().topK(3).layout(LayoutKind.LINE).build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.LENGTH, Encoding.OPACITY));
        assertTrue(s.legend().extra().get(0).contains("stress majorization (SMACOF from classical MDS) on 1 − w")
                && s.legend().extra().get(0).contains("normalized stress 0."), s.legend().extra().get(0));
        assertEquals(s.legend().extra().get(0).substring(s.legend().extra().get(0).indexOf("layout ") + 7),
                s.provenance().settings().get("render.layout"));
        // stress majorization on 1 − w: strong edges are shorter on average than weak ones
        List<EdgeSegment> edges = new ArrayList<>(s.edges());
        edges.sort(Comparator.comparingDouble(EdgeSegment::weight));
        int q = edges.size() / 4;
        double weak = 0;
        double strong = 0;
        for (int k = 0; k < q; k++) {
            weak += edges.get(k).from().minus(edges.get(k).to()).length();
            strong += edges.get(edges.size() - 1 - k).from().minus(edges.get(edges.size() - 1 - k).to()).length();
        }
        assertTrue(strong < weak, "seed 5: strongest quarter mean length " + strong / q + " vs weakest " + weak / q);
    }

    @Test
    void build_lengthOnALongInput_spreadsEveryPlaneInBothDimensions() {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, 300, 11, GraphSpec.builder().topK(3)
                .layout(LayoutKind.CIRCLE).build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.LENGTH));
        for (int p = 0; p < 2; p++) {
            int plane = p;
            List<NodeGlyph> nodes = s.nodes().stream().filter(n -> n.plane() == plane).toList();
            double[] xy = new double[2 * nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                xy[2 * i] = nodes.get(i).position().x();
                xy[2 * i + 1] = nodes.get(i).position().y();
            }
            double[] axes = org.attnplanes.graph.layout.StressMajorizationLayout.principalAxes(xy);
            assertTrue(Math.sqrt(axes[1] / axes[0]) > 0.6, "plane " + p + ": principal axes " + axes[0] + ", "
                    + axes[1]);
        }
    }

    @Test
    void build_perHead_addsHueAndLabelsPlanesByHead() {
        MultiPlanarGraph g = graph(9, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).topK(2).build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        assertTrue(s.legend().encoding().contains("hue per head"), s.legend().encoding());
        long distinct = s.edges().stream().map(e -> e.colour().withAlpha(1f)).distinct().count();
        assertEquals(4, distinct, "four heads → four hues");
        assertEquals("layer 0 · head 0", s.planes().get(0).title());
    }

    @Test
    void build_nodeStats_matchBruteForceStrongestNeighbours() {
        MultiPlanarGraph g = graph(13, topK(4));
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        for (NodeGlyph n : s.nodes()) {
            Plane p = g.planes().get(n.plane());
            float bestOut = -1;
            for (int j = 0; j < p.size(); j++) {
                if (j != n.node()) {
                    bestOut = Math.max(bestOut, p.weight(n.node(), j));
                }
            }
            assertEquals(bestOut, n.stats().strongestOutWeight(), 0f, "seed 13, node " + n.node());
            assertEquals(p.weight(n.node(), n.stats().strongestOut()), bestOut, 0f);
        }
    }

    @Test
    void build_badThreshold_failsNamingTheValue() {
        MultiPlanarGraph g = graph(1, topK(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY), 1.5));
        assertEquals("threshold = 1.5 must be in [0, 1]", e.getMessage());
    }

    private static void assertClose(org.attnplanes.render.scene.Rgba want, org.attnplanes.render.scene.Rgba got) {
        assertEquals(want.r(), got.r(), 1e-5, () -> want + " vs " + got);
        assertEquals(want.g(), got.g(), 1e-5, () -> want + " vs " + got);
        assertEquals(want.b(), got.b(), 1e-5, () -> want + " vs " + got);
    }
}
