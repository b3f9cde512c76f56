package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import org.attnplanes.render.fx.FxFigures;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app under Xvfb (real X server, Mesa, {@code -Dprism.forceGPU=true}): start, run the embedded
 * MiniLM on a sentence, the 3D view is not blank, clicking a node shows its token, the topology table fills.
 */
class MainWindowTest {

    @RegisterExtension
    final GuiWindow gui = new GuiWindow(() -> new MainWindow(null, ""));

    @Test
    void run_defaultModelOnSentence_viewNonBlankAndClickingNodeShowsToken(FxRobot robot) throws Exception {
        robot.clickOn("#text").write("The cat sat on the mat.");
        robot.clickOn("#run");
        GuiAnalysis a = GuiFixture.awaitShown(robot, gui.window(), null);

        assertEquals(9, a.trace().tokenCount(), "[CLS] the cat sat on the mat . [SEP]");
        assertEquals(6, robot.lookup("#planes").queryAs(TableView.class).getItems().size());
        WritableImage img = FxFigures.onFx(() -> gui.window().view().snapshot(null, null));
        assertTrue(GuiFixture.distinctColours(img) > 12, "the 3D view looks blank");

        Scene scene = a.scene();
        NodeGlyph target = null;
        for (NodeGlyph g : scene.nodes()) {
            if (g.plane() == scene.planes().size() - 1 && g.label().equals("cat")) {
                target = g;
            }
        }
        assertNotNull(target, "no node 'cat' on the top plane");
        NodeGlyph t = target;
        // edges stay drawn (the view's default threshold): a node wins over edges drawn over it
        assertTrue(gui.window().view().visibleEdgeCount() > 0, "no edges drawn");
        Point2D screen = FxFigures.onFx(() -> gui.window().view().localToScreen(gui.window().view().localPosition(t.position())));
        robot.moveTo(screen).clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();

        String details = robot.lookup("#details").queryAs(TextArea.class).getText();
        assertTrue(details.startsWith("token: cat\nlayer: " + target.layer()), details);
    }

    /**
     * Cancel while the worker holds the model, timed by the worker itself rather than by a clock: the test hook
     * stops the worker at its "Capturing…" phase (model locked, capture not started) until Cancel was clicked.
     * That ONNX Runtime stops a run already in flight is model-io's AttentionModelCancellationTest.
     */
    @Test
    void cancel_whileWorkerHoldsModel_statusSaysCancelledRunEnabledModelReleasedNoResult(FxRobot robot)
            throws Exception {
        CountDownLatch capturing = new CountDownLatch(1);
        CountDownLatch cancelClicked = new CountDownLatch(1);
        gui.window().onWorkerPhase = phase -> {
            if (phase.equals("Capturing…")) {
                capturing.countDown();
                try {
                    cancelClicked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        robot.interact(() -> robot.lookup("#text").queryAs(TextField.class).setText("The cat sat on the mat."));
        Label status = GuiFixture.status(robot);
        Button run = robot.lookup("#run").queryAs(Button.class);
        Button cancel = robot.lookup("#cancel").queryAs(Button.class);
        robot.clickOn("#run");
        assertTrue(capturing.await(240, TimeUnit.SECONDS), "the run never reached the capture: " + status.getText());
        assertTrue(gui.window().modelInUse(), "the worker must hold the model while capturing");

        robot.clickOn("#cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MainWindow.CANCELLED, status.getText());
        assertFalse(run.isDisabled(), "Run must be enabled again");
        assertTrue(cancel.isDisabled());
        assertFalse(robot.lookup("#progress").queryAs(ProgressIndicator.class).isVisible());

        cancelClicked.countDown();          // the worker goes on with a cancelled token and must give up
        gui.window().onWorkerPhase = phase -> { };
        assertTrue(gui.window().awaitWorker(60, TimeUnit.SECONDS), "the cancelled worker did not end");
        assertFalse(gui.window().modelInUse(), "the cancelled worker still holds the model");
        WaitForAsyncUtils.waitForFxEvents();  // everything the worker posted has been shown by now
        assertEquals(MainWindow.CANCELLED, status.getText(), "a late phase message overwrote the status");
        assertNull(gui.window().analysisProperty().get(), "a cancelled run must not show a result");

        // the same model runs again afterwards
        robot.interact(() -> robot.lookup("#text").queryAs(TextField.class).setText("The cat sat on the mat."));
        robot.clickOn("#run");
        assertEquals(9, GuiFixture.awaitShown(robot, gui.window(), null).trace().tokenCount());
    }

    @Test
    void run_emptyText_showsOneSentenceError(FxRobot robot) {
        robot.lookup("#text").queryAs(TextField.class).setText("");
        robot.clickOn("#run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Error: The text is empty; type a sentence to analyse.",
                GuiFixture.status(robot).getText());
    }
}
