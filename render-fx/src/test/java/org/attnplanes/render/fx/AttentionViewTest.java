package org.attnplanes.render.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.shape.ObservableFaceArray;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.attnplanes.render.testing.TestScenes;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.LabelMode;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs under Xvfb with -Dprism.order=es2 -Dprism.forceGPU=true (see the module pom); never skipped. */
class AttentionViewTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startFx() {
        FxFigures.ensureToolkit();
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D),
                "SCENE3D unsupported: the GL stack is broken (need Xvfb + Mesa + -Dprism.forceGPU=true)");
    }

    private static Scene graphScene(long seed, EncodingSpec enc) {
        return SceneBuilder.build(SyntheticGraphs.graph(3, 2, 16, seed,
                GraphSpec.builder().topK(3).layout(LayoutKind.CIRCLE).build()), enc, 0);
    }

    @Test
    void snapshot_graphScene_isNonBlankAndCarriesProvenance() {
        Scene s = graphScene(1, EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH));
        Path f = dir.resolve("fx.png");
        FxFigures.writePng(s, FigureSpec.builder().size(640, 480).build(), f);
        BufferedImage img = FxFigures.onFx(() -> FxFigures.image(s, FigureSpec.builder().size(640, 480).build()));
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertTrue(nonWhite > 5000, "only " + nonWhite + " non-white pixels: 3D content did not render");
        Map<String, String> meta = FigureMetadata.readPng(f);
        assertEquals(s.provenance().modelFile(), meta.get("model"));
        assertEquals("JavaFX 3D snapshot", meta.get("figure.renderer"));
    }

    @Test
    void snapshot_opacity_heavierEdgeMoreOpaqueAtItsMidpoint() {
        Scene s = TestScenes.twoEdges(EncodingSpec.builder().encodings(Encoding.OPACITY).base(Rgba.BLACK, 1).build());
        FigureSpec spec = FigureSpec.builder().size(400, 300).legend(false).labels(LabelMode.NONE).build();
        BufferedImage img = FxFigures.image(s, spec);
        int heavy = TestScenes.darknessAt(img, s, s.edges().get(0), 1);
        int light = TestScenes.darknessAt(img, s, s.edges().get(1), 1);
        // expected darkness ≈ 255·alpha: 0.04 + 0.91·w gives ≈ 219 vs ≈ 57
        assertTrue(heavy > light + 80, "heavy darkness " + heavy + " vs light " + light);
        assertTrue(light > 20, "the light edge must still be visible: darkness " + light);
    }

    @Test
    void edgeMesh_update_facesSortedBackToFrontForEveryCamera() {
        Scene s = graphScene(2, EncodingSpec.of(Encoding.OPACITY));
        FxFigures.onFx(() -> {
            EdgeMesh mesh = new EdgeMesh(s.edges());
            for (double yaw : new double[] {0, 75, 160, 250}) {
                Projection p = new Projection(s.camera().orbit(yaw, 10), 800, 600);
                mesh.update(p, 1, 0, -1, true);
                ObservableFaceArray faces = ((TriangleMesh) mesh.view().getMesh()).getFaces();
                assertEquals(s.edges().size() * 12, faces.size());
                double prev = Double.POSITIVE_INFINITY;
                for (int f = 0; f < faces.size() / 6; f++) {
                    EdgeSegment e = s.edges().get(mesh.edgeOfFace(f));
                    double d = p.depth(e.midpoint());
                    assertTrue(d <= prev + 1e-4, "yaw " + yaw + ": face " + f + " depth " + d + " after " + prev);
                    prev = d;
                }
            }
            return null;
        });
    }

    @Test
    void view_threshold_hidesWeakEdgesLive() {
        Scene s = graphScene(3, EncodingSpec.of(Encoding.OPACITY));
        long expected = s.edges().stream().filter(e -> Math.abs(e.weight()) >= 0.5).count();
        int[] counts = FxFigures.onFx(() -> {
            AttentionView v = new AttentionView();
            new javafx.scene.Scene(v, 500, 400);
            v.setScene3D(s);
            v.resize(500, 400);
            v.layout();
            int all = v.visibleEdgeCount();
            v.thresholdProperty().set(0.5);
            int kept = v.visibleEdgeCount();
            v.thresholdProperty().set(0);
            return new int[] {all, kept, v.visibleEdgeCount()};
        });
        assertEquals(s.edges().size(), counts[0]);
        assertEquals(expected, counts[1]);
        assertEquals(s.edges().size(), counts[2]);
    }

    @Test
    void view_interacting_keepsFaceOrderUntilTheInteractionEnds() {
        Scene s = graphScene(5, EncodingSpec.of(Encoding.OPACITY));
        FxFigures.onFx(() -> {
            AttentionView v = new AttentionView();
            new javafx.scene.Scene(v, 500, 400);
            v.setScene3D(s);
            v.resize(500, 400);
            v.layout();
            int[] before = faceEdges(v.edgeMesh());
            v.setInteracting(true);
            v.setCamera(v.getCamera().orbit(120, 20));
            assertTrue(java.util.Arrays.equals(before, faceEdges(v.edgeMesh())), "order kept while dragging");
            v.setInteracting(false);
            int[] after = faceEdges(v.edgeMesh());
            assertTrue(!java.util.Arrays.equals(before, after), "order refreshed when the drag ends");
            Projection p = new Projection(v.getCamera(), 500, 400);
            int[] edgesOnly = java.util.Arrays.stream(after).filter(k -> k < s.edges().size()).toArray();
            assertEquals(s.edges().size(), edgesOnly.length, "links follow the edges in the same mesh");
            for (int f = 1; f < edgesOnly.length; f++) {
                assertTrue(p.depth(s.edges().get(edgesOnly[f]).midpoint())
                        <= p.depth(s.edges().get(edgesOnly[f - 1]).midpoint()) + 1e-4, "face " + f + " out of order");
            }
            return null;
        });
    }

    private static int[] faceEdges(EdgeMesh m) {
        int n = ((TriangleMesh) m.view().getMesh()).getFaces().size() / 12;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = m.ribbonOfFace(2 * i);
        }
        return out;
    }

    @Test
    void view_hoveredToken_highlightsItsEdgesInEveryPlane() {
        Scene s = graphScene(4, EncodingSpec.of(Encoding.OPACITY));
        int token = s.edges().get(0).source();
        FxFigures.onFx(() -> {
            EdgeMesh mesh = new EdgeMesh(s.edges());
            Projection p = new Projection(s.camera(), 800, 600);
            mesh.update(p, 1, 0, token, true);
            ObservableFaceArray faces = ((TriangleMesh) mesh.view().getMesh()).getFaces();
            java.util.Set<Integer> highlightTex = new java.util.HashSet<>();
            java.util.Set<Integer> otherTex = new java.util.HashSet<>();
            java.util.Set<Integer> planes = new java.util.HashSet<>();
            for (int f = 0; f < faces.size() / 6; f++) {
                EdgeSegment e = s.edges().get(mesh.edgeOfFace(f));
                int tex = faces.get(f * 6 + 1);
                if (e.source() == token || e.target() == token) {
                    highlightTex.add(tex);
                    planes.add(e.plane());
                } else {
                    otherTex.add(tex);
                }
            }
            assertEquals(1, highlightTex.size(), "all of token " + token + "'s edges share the highlight colour");
            assertTrue(!otherTex.containsAll(highlightTex), "the highlight colour is used by no other edge");
            assertEquals(3, planes.size(), "the token has edges in every plane");
            return null;
        });
    }

    @Test
    void nodeMesh_glyphsPerSceneSize_everyFaceBelongsToItsNode() {
        for (int tokens : new int[] {16, 400}) {
            Scene s = SceneBuilder.build(SyntheticGraphs.graph(3, 1, tokens, 6, GraphSpec.builder().topK(1)
                    .layout(LayoutKind.CIRCLE).build()), EncodingSpec.of(Encoding.OPACITY), 0);
            int n = s.nodes().size();
            FxFigures.onFx(() -> {
                NodeMesh m = new NodeMesh(s.nodes());
                assertEquals(n > NodeMesh.OCTAHEDRA_ABOVE ? 8 : 20, m.facesPerNode(), n + " nodes");
                javafx.scene.shape.TriangleMesh mesh = (javafx.scene.shape.TriangleMesh) m.view().getMesh();
                ObservableFaceArray faces = mesh.getFaces();
                float[] pts = m.points();
                assertEquals(n * m.facesPerNode() * 6, faces.size());
                for (int f = 0; f < faces.size() / 6; f++) {
                    var g = s.nodes().get(m.nodeOfFace(f));
                    for (int j = 0; j < 3; j++) {
                        int v = faces.get(f * 6 + 2 * j);
                        double dx = pts[3 * v] - g.position().x();
                        double dy = pts[3 * v + 1] - g.position().y();
                        double dz = pts[3 * v + 2] - g.position().z();
                        assertEquals(g.radius(), Math.sqrt(dx * dx + dy * dy + dz * dz), 1e-5,
                                "face " + f + " vertex " + j + " is not on node " + m.nodeOfFace(f) + "'s glyph");
                    }
                }
                return null;
            });
        }
    }
}
