package org.attnplanes.render.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.attnplanes.render.testing.TestScenes;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Vec3;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A real robot click on a shown stage under Xvfb; never skipped. */
@ExtendWith(ApplicationExtension.class)
class AttentionViewRobotTest {

    private AttentionView view;
    private Scene scene;
    private final List<AttentionPickEvent> picks = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "SCENE3D unsupported: broken GL stack");
        scene = SceneBuilder.build(SyntheticGraphs.graph(2, 2, 8, 21,
                GraphSpec.builder().topK(2).layout(LayoutKind.CIRCLE).build()), EncodingSpec.of(Encoding.OPACITY), 0);
        view = new AttentionView();
        view.setScene3D(scene);
        view.addEventHandler(AttentionPickEvent.NODE_PICKED, picks::add);
        stage.setScene(new javafx.scene.Scene(view, 800, 600));
        stage.show();
    }

    @Test
    void click_onNode_raisesNodePickedWithThatToken(FxRobot robot) {
        List<NodeGlyph> targets = new ArrayList<>();
        for (NodeGlyph g : scene.nodes()) {
            if (g.plane() == 1 && (g.node() == 3 || g.node() == 6)) {
                targets.add(g);
            }
        }
        for (NodeGlyph target : targets) {
            picks.clear();
            Point2D screen = FxFigures.onFx(() -> view.localToScreen(view.localPosition(target.position())));
            robot.moveTo(screen).clickOn(screen);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, picks.size(), "one NODE_PICKED event for token " + target.node());
            AttentionPickEvent e = picks.get(0);
            assertNotNull(e.node());
            assertEquals(target.node(), e.token());
            assertEquals(target.label(), e.node().label());
            assertEquals(1, e.node().plane());
            assertEquals(target.layer(), e.node().layer());
            assertEquals(e.node(), view.selectedNodeProperty().get());
        }
    }

    @Test
    void click_onNodeUnderNearerEdge_picksNodeAndEdgeBesideItStillPicksEdge(FxRobot robot) {
        Scene over = TestScenes.edgeOverNode();
        List<AttentionPickEvent> edgePicks = new CopyOnWriteArrayList<>();
        FxFigures.onFx(() -> {
            view.addEventHandler(AttentionPickEvent.EDGE_PICKED, edgePicks::add);
            view.setScene3D(over);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        NodeGlyph a = over.nodes().get(0);
        EdgeSegment edge = over.edges().get(0);
        Projection p = new Projection(over.camera(), view.getWidth(), view.getHeight());
        assertTrue(p.depth(edge.midpoint()) < p.depth(a.position()) - a.radius(), "the edge must be nearer");
        double[] nodeXy = p.project(a.position());
        double[] edgeXy = p.project(edge.midpoint());
        assertEquals(nodeXy[0], edgeXy[0], 1.0, "the edge must pass over the node on screen");
        assertEquals(nodeXy[1], edgeXy[1], 1.0, "the edge must pass over the node on screen");
        WritableImage img = FxFigures.onFx(() -> view.snapshot(null, null));
        int nodeX = (int) Math.round(nodeXy[0]);
        int nodeY = (int) Math.round(nodeXy[1]);
        Color atNode = img.getPixelReader().getColor(nodeX, nodeY);
        assertTrue(atNode.getBrightness() < 0.15, "the edge is drawn over the node: " + atNode);
        Color besideNode = img.getPixelReader().getColor(nodeX, nodeY + 6);
        assertTrue(besideNode.getBlue() > besideNode.getRed() + 0.2, "the node is visible next to the edge: "
                + besideNode);
        double rPx = p.pixels(a.radius(), a.position());
        assertTrue(rPx > 6, "node radius " + rPx + " px");

        picks.clear();
        Point2D onNode = FxFigures.onFx(() -> view.localToScreen(view.localPosition(a.position())));
        robot.moveTo(onNode).clickOn(onNode);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, edgePicks.size(), "the edge over the node was picked instead of the node");
        assertEquals(1, picks.size(), "one NODE_PICKED event");
        assertEquals("a", picks.get(0).node().label());
        assertEquals(0, picks.get(0).token());

        // the same edge, beyond the node's pick radius, is still an edge
        Vec3 beside = edge.midpoint().plus(edge.to().minus(edge.from()).times(0.3));
        Point2D onEdge = FxFigures.onFx(() -> view.localToScreen(view.localPosition(beside)));
        picks.clear();
        robot.moveTo(onEdge).clickOn(onEdge);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, picks.size(), "a node was picked on the edge beside it");
        assertEquals(1, edgePicks.size(), "one EDGE_PICKED event");
        assertEquals("c", edgePicks.get(0).edge().sourceLabel());
        assertEquals("d", edgePicks.get(0).edge().targetLabel());
    }

    @Test
    void click_onEdge_raisesEdgePickedWithEndpointsAndWeights(FxRobot robot) {
        Scene two = TestScenes.twoEdges(EncodingSpec.builder().encodings(Encoding.OPACITY).base(Rgba.BLACK, 1).build());
        List<AttentionPickEvent> edgePicks = new CopyOnWriteArrayList<>();
        FxFigures.onFx(() -> {
            view.addEventHandler(AttentionPickEvent.EDGE_PICKED, edgePicks::add);
            view.setScene3D(two);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        EdgeSegment heavy = two.edges().get(0);
        // a quarter of the way along, away from the nodes
        Vec3 at = heavy.from().plus(heavy.to().minus(heavy.from()).times(0.25));
        Point2D screen = FxFigures.onFx(() -> view.localToScreen(view.localPosition(at)));
        robot.moveTo(screen).clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, edgePicks.size(), "one EDGE_PICKED event");
        EdgeDetails d = edgePicks.get(0).edge();
        assertEquals(0, d.edge().source());
        assertEquals(1, d.edge().target());
        assertEquals("a", d.sourceLabel());
        assertEquals("b", d.targetLabel());
        assertEquals(0.9f, d.edge().weight(), 0f);
        assertEquals(0.9f, d.edge().rawWeight(), 0f);
        assertEquals("mean", d.edge().headLabel());
        assertEquals(d, view.selectedEdgeProperty().get());
    }
}
