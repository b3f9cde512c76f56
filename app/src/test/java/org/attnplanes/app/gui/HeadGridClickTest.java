package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real mouse click on a cell of the per-head grid (under Xvfb) shows that head in the 3D view and selects that
 * layer's plane in the topology table: the cell is found by the grid's own geometry, clicked by the robot on
 * screen, and the result read back from the gui.window().
 */
class HeadGridClickTest {

    @RegisterExtension
    final GuiWindow gui = new GuiWindow(() -> new MainWindow(null, "The cat sat on the mat."));

    @Test
    void clickingAGridCell_showsThatHeadAndSelectsThatLayer(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        GuiAnalysis first = GuiFixture.awaitShown(robot, gui.window(), null);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> gui.window().headGrid().shown() != null);
        WaitForAsyncUtils.waitForFxEvents();
        HeadGridTab.Drawn d = gui.window().headGrid().shown();
        ImageView image = robot.lookup("#head-grid").queryAs(ImageView.class);

        // a cell away from the first row and column whose centre is on screen (the grid is wider than the gui.window())
        Point2D target = null;
        Plane wanted = null;
        Bounds viewport = visibleArea(image);
        for (Plane p : d.graph().planes()) {
            if (p.layer() != 2 || p.head().getAsInt() < 3) {
                continue;
            }
            Point2D centre = cellCentre(d, p);
            Point2D screen = image.localToScreen(centre);
            if (screen != null && viewport.contains(screen)) {
                target = screen;
                wanted = p;
                break;
            }
        }
        assertTrue(target != null, "no cell of layer 2, head ≥ 3 is visible on screen");
        int head = wanted.head().getAsInt();
        robot.clickOn(target);

        GuiAnalysis a = GuiFixture.awaitShown(robot, gui.window(), first);
        assertEquals(0, tabs.getSelectionModel().getSelectedIndex(), "back on the 3D view");
        @SuppressWarnings("unchecked")
        ComboBox<String> heads = robot.lookup("#heads").queryAs(ComboBox.class);
        assertEquals("head " + head, heads.getValue());
        assertEquals(gui.window().currentView().trace().layers(), a.graph().planes().size(), "one plane per layer");
        assertTrue(a.graph().planes().stream().allMatch(pl -> pl.head().getAsInt() == head), "planes of head " + head);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<PlaneRecord> planes = robot.lookup("#planes").queryAs(TableView.class);
        PlaneRecord selected = planes.getSelectionModel().getSelectedItem();
        assertEquals(2, selected.layer(), "layer 2's plane selected");
        assertEquals(Integer.toString(head), selected.head());
    }

    /** The centre of plane {@code p}'s cell in the image view's coordinates (found by the grid's own hit test). */
    private static Point2D cellCentre(HeadGridTab.Drawn d, Plane p) {
        double w = d.image().getWidth();
        double h = d.image().getHeight();
        double minX = Double.MAX_VALUE, maxX = -1, minY = Double.MAX_VALUE, maxY = -1;
        for (double y = 0; y < h; y += 12) {
            for (double x = 0; x < w; x += 12) {
                if (d.planeAtPixel(x, y) == p.index()) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(maxX >= 0, "plane " + p.index() + " has no cell");
        return new Point2D((minX + maxX) / 2, (minY + maxY) / 2);
    }

    /** The part of the grid's scroll pane that is on screen, in screen coordinates. */
    private static Bounds visibleArea(ImageView image) {
        javafx.scene.Node n = image;
        while (n != null && !(n instanceof ScrollPane)) {
            n = n.getParent();
        }
        assertTrue(n != null, "the grid is in a scroll pane");
        return n.localToScreen(n.getLayoutBounds());
    }
}
