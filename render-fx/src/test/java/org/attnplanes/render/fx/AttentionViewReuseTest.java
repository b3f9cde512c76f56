package org.attnplanes.render.fx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.text.Text;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A view change of one input (top-k, links, encoding, layout) reuses the node mesh, plane quads and labels of the
 * scene shown, and looks exactly like a view built from scratch. Under Xvfb (see the module pom); never skipped.
 */
class AttentionViewReuseTest {

    private static final AttentionTrace TRACE = SyntheticGraphs.trace(3, 2, 14, 11);

    @BeforeAll
    static void startFx() {
        FxFigures.ensureToolkit();
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D),
                "SCENE3D unsupported: the GL stack is broken (need Xvfb + Mesa + -Dprism.forceGPU=true)");
    }

    private static Scene scene(GraphSpec spec, EncodingSpec enc) {
        return SceneBuilder.build(MultiPlanarGraph.build(TRACE, spec), enc, 0);
    }

    private static AttentionView view() {
        AttentionView v = new AttentionView();
        new javafx.scene.Scene(v, 520, 400);
        v.resize(520, 400);
        return v;
    }

    /** The whole view (3D content and overlay) as ARGB pixels. */
    private static int[] pixels(AttentionView v) {
        v.layout();
        Image img = v.snapshot(new SnapshotParameters(), null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] px = new int[w * h];
        PixelReader r = img.getPixelReader();
        r.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), px, 0, w);
        return px;
    }

    @Test
    void seededViewChanges_lookExactlyLikeAFreshView() {
        GraphSpec base = GraphSpec.builder().topK(3).layout(LayoutKind.CIRCLE).links(LinkKind.RESIDUAL).build();
        GraphSpec[] specs = {base, base.toBuilder().topK(1).build(), base.toBuilder().topK(6).build(),
                base.toBuilder().layout(LayoutKind.LINE).build(), base.toBuilder().links().build(),
                base.toBuilder().links(LinkKind.RESIDUAL, LinkKind.ATTENTION).linkThreshold(0.1).build(),
                base.toBuilder().layout(LayoutKind.MDS).build()};
        EncodingSpec[] encs = {EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH),
                EncodingSpec.of(Encoding.OPACITY, Encoding.COLOUR), EncodingSpec.of(Encoding.WIDTH)};
        Random rnd = new Random(5);
        FxFigures.onFx(() -> {
            AttentionView reused = view();
            reused.setScene3D(scene(base, encs[0]));
            for (int step = 0; step < 8; step++) {
                Scene s = scene(specs[rnd.nextInt(specs.length)], encs[rnd.nextInt(encs.length)]);
                Camera cam = reused.getCamera().orbit(rnd.nextDouble() * 40 - 20, rnd.nextDouble() * 10 - 5);
                reused.setCamera(cam);
                reused.replaceScene3D(s);
                assertSame(cam, reused.getCamera(), "the camera stays");
                AttentionView fresh = view();
                fresh.setIncrementalUpdates(false);
                fresh.setScene3D(s);
                fresh.setCamera(cam);
                int[] a = pixels(reused);
                int[] b = pixels(fresh);
                int differ = 0;
                for (int i = 0; i < a.length; i++) {
                    differ += a[i] == b[i] ? 0 : 1;
                }
                assertEquals(0, differ, "step " + step + ": pixels differing from a fresh view of the same scene");
            }
            return null;
        });
    }

    @Test
    void topKChange_keepsNodeMeshAndLabels_layoutChange_movesTheSameMesh() {
        GraphSpec base = GraphSpec.builder().topK(3).layout(LayoutKind.CIRCLE).build();
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY);
        FxFigures.onFx(() -> {
            AttentionView v = view();
            v.setScene3D(scene(base, enc));
            v.layout();
            NodeMesh nodes = v.nodeMesh();
            float[] circle = nodes.points();
            List<Text> labels = v.overlay().labels();
            assertEquals(14, labels.size());

            v.replaceScene3D(scene(base.toBuilder().topK(1).build(), enc));
            assertSame(nodes, v.nodeMesh(), "top-k keeps the node mesh");
            assertArrayEquals(circle, nodes.points(), "and does not move it");
            List<Text> after = v.overlay().labels();
            for (int i = 0; i < labels.size(); i++) {
                assertSame(labels.get(i), after.get(i), "label " + i + " kept");
            }

            Scene line = scene(base.toBuilder().layout(LayoutKind.LINE).build(), enc);
            v.replaceScene3D(line);
            assertSame(nodes, v.nodeMesh(), "a layout change moves the same mesh");
            assertArrayEquals(new NodeMesh(line.nodes()).points(), nodes.points(), "to the new positions");
            assertTrue(!java.util.Arrays.equals(circle, nodes.points()));

            v.replaceScene3D(SceneBuilder.build(MultiPlanarGraph.build(SyntheticGraphs.trace(3, 2, 9, 2), base), enc,
                    0));
            assertNotSame(nodes, v.nodeMesh(), "other tokens get a new mesh");
            assertEquals(9, v.overlay().labels().size());

            v.setIncrementalUpdates(false);
            NodeMesh before = v.nodeMesh();
            v.replaceScene3D(SceneBuilder.build(MultiPlanarGraph.build(SyntheticGraphs.trace(3, 2, 9, 2),
                    base.toBuilder().topK(1).build()), enc, 0));
            assertNotSame(before, v.nodeMesh(), "without incremental updates every scene is rebuilt");
            return null;
        });
    }
}
