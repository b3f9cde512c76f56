package org.attnplanes.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/** The legend names the classifier's classes and the links drawn; value-weighted links are scaled to their largest. */
class SceneLegendLinesTest {

    /** A synthetic trace with value norms (seeded, in [0.5, 4.5)) and a logits output of three classes. */
    private static AttentionTrace trace(float[] logits) {
        AttentionTrace t = SyntheticGraphs.trace(3, 2, 6, 11);
        List<List<AttentionMatrix>> att = new ArrayList<>();
        for (int l = 0; l < t.layers(); l++) {
            List<AttentionMatrix> layer = new ArrayList<>();
            for (int h = 0; h < t.heads(); h++) {
                layer.add(t.attention(l, h));
            }
            att.add(layer);
        }
        float[] norms = new float[3 * 2 * 6];
        Random r = new Random(5);
        for (int i = 0; i < norms.length; i++) {
            norms[i] = 0.5f + 4 * r.nextFloat();
        }
        return new AttentionTrace(t.text(), t.tokens(), att, ValueNorms.of(3, 2, 6, norms),
                Map.of("logits", NamedTensor.of("logits", new long[] {1, logits.length}, logits)), t.provenance());
    }

    @Test
    void classifierPlane_showsTheClassNames_onItsNodesAndInTheLegend() {
        AttentionTrace t = trace(new float[] {0.1f, 2.5f, -1f});
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder()
                .classLabels(Map.of(0, "negative", 1, "positive", 2, "neutral")).build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        String line = s.legend().lines().stream().filter(l -> l.startsWith("classifier ")).findFirst().orElseThrow();
        double p1 = Math.exp(2.5) / (Math.exp(0.1) + Math.exp(2.5) + Math.exp(-1));
        assertEquals(String.format(java.util.Locale.ROOT,
                "classifier logits: predicted positive (p = %.2f); classes 0 negative, 1 positive, 2 neutral", p1), line);
        List<String> labels = s.nodes().stream().filter(n -> n.layer() == -1).map(NodeGlyph::label).toList();
        assertEquals(3, labels.size());
        assertTrue(labels.get(1).startsWith("positive (p="), labels.toString());
    }

    @Test
    void valueWeightedLinks_areScaledToTheirLargest_andNamedInTheLegend() {
        MultiPlanarGraph g = MultiPlanarGraph.build(trace(new float[] {1f, 0f}), GraphSpec.builder()
                .links(LinkKind.VALUE_WEIGHTED).classifier(false).build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        double largest = 0;
        for (LinkSegment l : s.links()) {
            assertEquals("VALUE_WEIGHTED", l.kind());
            largest = Math.max(largest, Math.abs(l.weight()));
        }
        assertTrue(largest > 1, "value-weighted links are in value units, here > 1: " + largest);
        float maxAlpha = 0;
        for (LinkSegment l : s.links()) {
            float expected = (float) (0.05 + 0.6 * Math.abs(l.weight()) / largest);
            assertEquals(expected, l.colour().a(), 0.01f);
            maxAlpha = Math.max(maxAlpha, l.colour().a());
        }
        assertEquals(0.65f, maxAlpha, 0.01f);
        String line = s.legend().lines().stream().filter(l -> l.startsWith("links: ")).findFirst().orElseThrow();
        assertTrue(line.startsWith("links: value-weighted ‖α v‖ of the next layer"), line);
        assertTrue(line.endsWith("×" + s.links().size()), line);
    }
}
