package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.CochainEdge;
import org.junit.jupiter.api.Test;

/** Representative (co)cycles from topology land on the right nodes of the render scene. */
class CycleHighlightTest {

    /** A seeded trace of row-softmax attention over random logits. */
    static AttentionTrace trace(long seed, int layers, int heads, int n) {
        Random r = new Random(seed);
        float[] a = new float[layers * heads * n * n];
        for (int p = 0; p < layers * heads; p++) {
            System.arraycopy(SoftmaxTraceGenerator.softmaxRows(n, 2, false, r), 0, a, p * n * n, n * n);
        }
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(new Token("t" + i, i, i + 1, false, i));
        }
        return AttentionTrace.fromArray("", tokens, layers, heads, a, null, Map.of(), Provenance.synthetic("seeded"));
    }

    @Test
    void withEdges_representativeOfAnH1Bar_addsOneHighlightedSegmentPerEdgeBetweenItsNodes() {
        long seed = 11;
        MultiPlanarGraph g = MultiPlanarGraph.build(trace(seed, 2, 2, 14),
                GraphSpec.builder().topK(2).layout(LayoutKind.CIRCLE).classifier(false).build());
        Scene scene = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        PlaneStatistics stats = new PlaneStatistics(List.of(0.1), 1, 3, false);
        int plane = -1;
        List<CochainEdge> rep = null;
        for (int p = 0; p < g.planes().size() && rep == null; p++) {
            Barcode h1 = stats.barcodes(g.planes().get(p), true).dimension(1);
            for (int k = 0; k < h1.size(); k++) {
                Optional<List<CochainEdge>> r = h1.representative(k);
                if (r.isPresent() && !r.get().isEmpty()) {
                    plane = p;
                    rep = r.get();
                    break;
                }
            }
        }
        assertNotNull(rep, "seed " + seed + ": no H1 bar with a representative");

        Scene lit = CycleHighlight.withEdges(scene, plane, rep);

        assertEquals(rep.size(), CycleHighlight.added(scene, lit), "seed " + seed);
        List<EdgeSegment> extra = lit.edges().subList(scene.edges().size(), lit.edges().size());
        for (int i = 0; i < rep.size(); i++) {
            EdgeSegment s = extra.get(i);
            assertEquals(CycleHighlight.COLOUR, s.colour());
            assertEquals(plane, s.plane());
            NodeGlyph u = node(scene, plane, rep.get(i).u());
            NodeGlyph v = node(scene, plane, rep.get(i).v());
            assertEquals(u.position(), s.from());
            assertEquals(v.position(), s.to());
        }
        assertTrue(lit.nodes().equals(scene.nodes()));
    }

    private static NodeGlyph node(Scene s, int plane, int node) {
        return s.nodes().stream().filter(g -> g.plane() == plane && g.node() == node).findFirst().orElseThrow();
    }
}
