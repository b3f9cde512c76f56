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
import javafx.stage.Stage;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.SyntheticGraphs;
import org.attnplanes.render.encoding.Encoding;
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
}
