package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import org.attnplanes.app.workbench.TopologyCache;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.fx.FxFigures;
import org.attnplanes.render.scene.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A control change recomputes only what it invalidates, and the camera stays where the user put it (Xvfb, Mesa,
 * {@code -Dprism.forceGPU=true}). Topology invocations are counted through the window's topology cache, whose
 * computer is the real one wrapped in a counter.
 */
class ViewChangeTest {

    private final AtomicInteger computedPlanes = new AtomicInteger();

    @RegisterExtension
    final GuiWindow gui = new GuiWindow(() -> {
        TopologyCache.Computer real = TopologyCache.computer(2);
        TopologyCache cache = new TopologyCache((s, g, planes) -> {
            computedPlanes.addAndGet(planes.size());
            return real.compute(s, g, planes);
        }, 2);
        return new MainWindow(null, "The cat sat on the mat because it was warm.", cache);
    });

    @Test
    void viewChanges_neverRunTopology_keepTheCamera_topologyInputsRecomputeOnlyThemselves(FxRobot robot)
            throws Exception {
        robot.clickOn("#run");
        GuiAnalysis first = GuiFixture.awaitShown(robot, gui.window(), null);
        assertEquals(6, computedPlanes.get(), "6 layers, mean heads: 6 planes computed once");
        assertEquals(6, robot.lookup("#planes").queryAs(TableView.class).getItems().size());

        // the user moves the camera: a drag orbits, the wheel zooms
        Camera initial = gui.window().view().getCamera();
        Point2D centre = FxFigures.onFx(() -> gui.window().view().localToScreen(gui.window().view().getWidth() / 2,
                gui.window().view().getHeight() / 2));
        robot.moveTo(centre).drag(MouseButton.PRIMARY).moveBy(80, 30).release(MouseButton.PRIMARY);
        robot.scroll(3);
        WaitForAsyncUtils.waitForFxEvents();
        Camera user = gui.window().view().getCamera();
        assertNotEquals(initial, user, "the drag and the wheel must move the camera");

        // encoding: the scene only
        robot.clickOn("#encoding-colour");
        GuiAnalysis colour = GuiFixture.awaitShown(robot, gui.window(), first);
        assertTrue(gui.window().encodingSpec().has(Encoding.COLOUR));
        assertSame(first.graph(), colour.graph(), "an encoding change keeps the graph");
        assertEquals(user, gui.window().view().getCamera(), "the camera moved on an encoding change");
        assertEquals(6, computedPlanes.get(), "an encoding change ran topology");

        // top-k, layout, links: graph and scene, no topology, same camera
        GuiAnalysis before = colour;
        ComboBox<Integer> topK = combo(robot, "#topk");
        robot.interact(() -> topK.setValue(1));
        GuiAnalysis k1 = GuiFixture.awaitShown(robot, gui.window(), before);
        assertTrue(k1.scene().edges().size() < before.scene().edges().size(), "top-1 draws fewer edges than top-4");
        ComboBox<LayoutKind> layout = combo(robot, "#layout");
        robot.interact(() -> layout.setValue(LayoutKind.LINE));
        GuiAnalysis line = GuiFixture.awaitShown(robot, gui.window(), k1);
        robot.clickOn("#links-attention");
        GuiAnalysis links = GuiFixture.awaitShown(robot, gui.window(), line);
        assertEquals(6, computedPlanes.get(), "top-k, layout or links ran topology");
        assertEquals(user, gui.window().view().getCamera(), "the camera moved on a view change");
        assertEquals(first.rows(), links.rows(), "the same statistics");

        // normalization is a topology input: its 6 planes are computed, the camera still stays
        ComboBox<Normalization> norm = combo(robot, "#normalization");
        robot.interact(() -> norm.setValue(Normalization.PER_LAYER));
        GuiAnalysis perLayer = GuiFixture.awaitShown(robot, gui.window(), links);
        assertEquals(12, computedPlanes.get(), "a normalization change computes its 6 planes once");
        assertEquals(user, gui.window().view().getCamera());
        // and back: every plane is cached
        robot.interact(() -> norm.setValue(Normalization.GLOBAL_ABS_MINMAX));
        GuiAnalysis global = GuiFixture.awaitShown(robot, gui.window(), perLayer);
        assertEquals(12, computedPlanes.get(), "going back to a seen normalization computes nothing");
        // the normalization is shown by its human name, as in the legends
        assertEquals("global min–max of |w| over all planes", norm.getConverter().toString(norm.getValue()));
        assertTrue(norm.lookupAll(".list-cell").stream().anyMatch(c -> c instanceof javafx.scene.control.ListCell<?> l
                && "global min–max of |w| over all planes".equals(l.getText())), "the combo box shows the human name");

        // value-weighted links: the trace on screen has no value-vector norms, so the text is captured again with
        // them; the links appear, the camera stays (same tokens)
        assertTrue(global.trace().valueNorms().isEmpty());
        robot.clickOn("#links-value_weighted");
        GuiAnalysis valued = GuiFixture.awaitShown(robot, gui.window(), global);
        assertTrue(valued.trace().valueNorms().isPresent(), "captured with value norms");
        assertTrue(valued.graph().links().stream().anyMatch(l -> l.kind() == LinkKind.VALUE_WEIGHTED),
                "value-weighted links drawn");
        assertEquals(user, gui.window().view().getCamera(), "the camera stays on a recapture of the same tokens");
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }
}
