package org.attnplanes.render.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.Provenance;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In the line layout the 3D view draws every edge as the arc the figures draw (render's arc diagram): a quadratic
 * arc in its plane peaking at {@link SceneBuilder#ARC_DEPTH} × its span, inside the plane rectangle render sized for
 * it; other layouts keep straight edges. Under Xvfb (see the module pom); never skipped.
 */
class ArcEdgesTest {

    @BeforeAll
    static void startFx() {
        FxFigures.ensureToolkit();
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D),
                "SCENE3D unsupported: the GL stack is broken (need Xvfb + Mesa + -Dprism.forceGPU=true)");
    }

    private static Scene scene(LayoutKind layout) {
        return SceneBuilder.build(SyntheticGraphs.graph(3, 2, 12, 4, GraphSpec.builder().topK(3).layout(layout)
                .build()), EncodingSpec.of(Encoding.OPACITY), 0);
    }

    @Test
    void lineLayout_everyEdgeIsRendersArc_insideItsPlaneRectangle() {
        Scene s = scene(LayoutKind.LINE);
        double[] arcs = EdgeMesh.arcPlanes(s);
        assertEquals(3, arcs.length);
        for (double k : arcs) {
            assertEquals(SceneBuilder.ARC_DEPTH, k);
        }
        FxFigures.onFx(() -> {
            EdgeMesh mesh = new EdgeMesh(s.edges(), s.links(), arcs);
            mesh.update(new Projection(s.camera(), 800, 600), 1, 0, -1, true);
            float[] pts = mesh.points();
            double[] c = new double[3];
            for (int k = 0; k < s.edges().size(); k++) {
                EdgeSegment e = s.edges().get(k);
                double span = Math.abs(e.to().x() - e.from().x());
                assertTrue(mesh.steps(k) >= 2, "edge " + k + " is a strip, not a quad");
                mesh.centre(k, 0.5, c);
                // render's painter: control point 2·k·span above the chord, so the arc peaks at k·span
                assertEquals((e.from().x() + e.to().x()) / 2, c[0], 1e-6, "edge " + k + " apex x");
                assertEquals(e.from().y() + SceneBuilder.ARC_DEPTH * span, c[1], 1e-6, "edge " + k + " apex y");
                assertEquals(e.from().z(), c[2], 1e-6, "edge " + k + " stays in its plane");
                PlaneRect r = s.planes().get(e.plane());
                for (int i = 0; i <= mesh.steps(k); i++) {
                    mesh.centre(k, (double) i / mesh.steps(k), c);
                    assertTrue(c[0] >= r.minX() - 1e-6 && c[0] <= r.maxX() + 1e-6 && c[1] >= r.minY() - 1e-6
                            && c[1] <= r.maxY() + 1e-6,
                            "edge " + k + " leaves its plane rectangle at " + c[0] + ", " + c[1]);
                    // the ribbon's two points at this centre-line point straddle it
                    int p = (mesh.firstPoint(k) + 2 * i) * 3;
                    for (int axis = 0; axis < 3; axis++) {
                        assertEquals(c[axis], (pts[p + axis] + pts[p + 3 + axis]) / 2, 1e-4, "edge " + k + " point " + i);
                    }
                }
            }
            return null;
        });
    }

    @Test
    void circleLayout_edgesStayStraight() {
        Scene s = scene(LayoutKind.CIRCLE);
        for (double k : EdgeMesh.arcPlanes(s)) {
            assertEquals(0, k);
        }
        FxFigures.onFx(() -> {
            EdgeMesh mesh = new EdgeMesh(s.edges(), s.links(), EdgeMesh.arcPlanes(s));
            for (int k = 0; k < s.edges().size(); k++) {
                assertEquals(1, mesh.steps(k));
            }
            return null;
        });
    }

    @Test
    void renderedView_isDarkOnTheArc_notOnTheChord() {
        NodeGlyph.NodeStats none = NodeGlyph.NodeStats.NONE;
        Vec3 a = new Vec3(-1, 0, 0);
        Vec3 b = new Vec3(-0.8, 0, 0);
        Vec3 c = new Vec3(1, 0, 0);
        List<NodeGlyph> nodes = List.of(new NodeGlyph(0, 0, 0, "a", a, 0.02, Rgba.BLACK, none),
                new NodeGlyph(0, 0, 1, "b", b, 0.02, Rgba.BLACK, none),
                new NodeGlyph(0, 0, 2, "c", c, 0.02, Rgba.BLACK, none));
        List<EdgeSegment> edges = List.of(new EdgeSegment(0, 0, "mean", -1, 0, 2, a, c, 1f, 1f, Rgba.BLACK, 6,
                false));
        Camera cam = Camera.of(-90, 60, 5, new Vec3(0, 0.3, 0));
        Scene s = new Scene("", nodes, edges, List.of(), List.of(), new Legend("opacity", "none", "w in [0, 1]",
                List.of(), Optional.empty()), cam, Provenance.synthetic("one arc"));
        int[] dark = FxFigures.onFx(() -> {
            AttentionView v = new AttentionView();
            new javafx.scene.Scene(v, 600, 450);
            v.resize(600, 450);
            v.setScene3D(s);
            v.hideLegend();
            v.layout();
            Image img = v.subScene().snapshot(new SnapshotParameters(), null);
            Projection p = new Projection(cam, 600, 450);
            double[] apex = p.project(new Vec3(0, SceneBuilder.ARC_DEPTH * 2, 0));
            double[] chord = p.project(new Vec3(0, 0, 0));
            return new int[] {darkness(img, apex), darkness(img, chord)};
        });
        assertTrue(dark[0] > 150, "the arc's apex is not drawn: darkness " + dark[0]);
        assertTrue(dark[1] < 30, "a straight edge is drawn along the line: darkness " + dark[1]);
    }

    /** The darkest of the 3 × 3 pixels around a point (255 = black). */
    private static int darkness(Image img, double[] xy) {
        int best = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int argb = img.getPixelReader().getArgb((int) Math.round(xy[0]) + dx, (int) Math.round(xy[1]) + dy);
                best = Math.max(best, 255 - ((argb >> 16) & 0xFF));
            }
        }
        return best;
    }
}
