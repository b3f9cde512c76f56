package org.attnplanes.render;

import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.EncoderDecoderGraph;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.generate.EncoderDecoderTraceGenerator;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three-column figure of an encoder–decoder draws every block link of {@link EncoderDecoderGraph} (checked link by
 * link against the graph's list) from the linked node's glyph to the cross node's glyph; the columns do not overlap
 * (encoder | cross | decoder) and each cross plane sits at the height of its decoder layer.
 */
class PairSceneBuilderTest {

    @Test
    void blockLinks_allDrawnBetweenTheLinkedGlyphs() {
        for (long seed = 1; seed <= 3; seed++) {
            check(seed);
        }
    }

    private static void check(long seed) {
        int encLayers = 2 + (int) seed % 2;
        int decLayers = 3;
        var trace = new EncoderDecoderTraceGenerator(encLayers, decLayers, 2, 5 + (int) seed, 4, 2.0).generate(seed);
        GraphSpec spec = GraphSpec.builder().headReduction(seed == 3 ? HeadReduction.PER_HEAD : HeadReduction.MEAN)
                .topK(3).build();
        EncoderDecoderGraph g = EncoderDecoderGraph.build(trace, spec);
        Scene s = PairSceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        int enc = g.encoder().planes().size();
        int cross = g.cross().planes().size();
        int dec = g.decoder().planes().size();
        assertEquals(enc + cross + dec, s.planes().size());
        Map<String, Vec3> glyph = new HashMap<>();
        for (NodeGlyph n : s.nodes()) {
            glyph.put(n.plane() + ":" + n.node(), n.position());
        }
        Map<String, LinkSegment> drawn = new HashMap<>();
        for (LinkSegment l : s.links()) {
            if (l.kind().equals(PairSceneBuilder.ENCODER_LINK) || l.kind().equals(PairSceneBuilder.DECODER_LINK)) {
                drawn.put(l.fromPlane() + ":" + l.fromNode() + ">" + l.toPlane() + ":" + l.toNode(), l);
            }
        }
        assertEquals(g.blockLinks().size(), drawn.size(), "every block link drawn once");
        int lastEncoderPlane = enc - 1;
        for (EncoderDecoderGraph.BlockLink b : g.blockLinks()) {
            boolean fromEncoder = b.fromBlock() == BlockKind.ENCODER;
            int from = (fromEncoder ? 0 : enc + cross) + b.fromPlane();
            int to = enc + b.toPlane();
            LinkSegment l = drawn.get(from + ":" + b.fromNode() + ">" + to + ":" + b.toNode());
            assertTrue(l != null, "missing " + b);
            assertEquals(fromEncoder ? PairSceneBuilder.ENCODER_LINK : PairSceneBuilder.DECODER_LINK, l.kind());
            assertEquals(glyph.get(from + ":" + b.fromNode()), l.from(), "link starts at its node's glyph");
            assertEquals(glyph.get(to + ":" + b.toNode()), l.to(), "link ends at the cross node's glyph");
            if (fromEncoder) {
                assertEquals(g.encoder().planes().get(lastEncoderPlane).layer(), g.encoder().planes()
                        .get(b.fromPlane()).layer(), "encoder links leave the last encoder layer");
            } else {
                assertEquals(g.decoder().planes().get(b.fromPlane()).layer(), g.cross().planes().get(b.toPlane())
                        .layer(), "decoder links stay in their layer");
                assertEquals(s.planes().get(from).z(), s.planes().get(to).z(), 1e-9,
                        "a cross plane at the height of its decoder plane");
            }
        }
        double encMax = Double.NEGATIVE_INFINITY;
        double crossMin = Double.POSITIVE_INFINITY;
        double crossMax = Double.NEGATIVE_INFINITY;
        double decMin = Double.POSITIVE_INFINITY;
        for (PlaneRect r : s.planes()) {
            if (r.plane() < enc) {
                encMax = Math.max(encMax, r.maxX());
            } else if (r.plane() < enc + cross) {
                crossMin = Math.min(crossMin, r.minX());
                crossMax = Math.max(crossMax, r.maxX());
            } else {
                decMin = Math.min(decMin, r.minX());
            }
        }
        assertTrue(encMax < crossMin && crossMax < decMin, "columns encoder | cross | decoder");
        assertTrue(s.legend().lines().stream().anyMatch(x -> x.startsWith("block links: encoder's last plane")));
    }
}
