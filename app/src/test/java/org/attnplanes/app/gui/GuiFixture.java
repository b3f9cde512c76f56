package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import java.util.function.Supplier;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The one set-up of the desktop-app tests under Xvfb (real X server, Mesa, {@code -Dprism.forceGPU=true}).
 *
 * <p>A test that drives the main window registers a {@link GuiWindow} extension on a field, which shows the window
 * with {@link #show(Stage, Supplier)} before each test and closes it after. Waiting for a run, reading the status
 * line, telling a blank view from a drawn one and writing a generated decoder model live here once.
 */
final class GuiFixture {

    /** The window size every GUI test uses. */
    static final int WIDTH = 1300;
    static final int HEIGHT = 900;
    /** How long a run (model load, capture, topology) may take on a loaded CI machine. */
    static final long RUN_SECONDS = 240;

    private GuiFixture() {
    }

    /**
     * Checks that the GL stack supports 3D scenes, builds the window (after the check: its 3D view needs it), puts
     * it in {@code stage} at {@link #WIDTH} × {@link #HEIGHT} and shows it.
     */
    static MainWindow show(Stage stage, Supplier<MainWindow> window) {
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "SCENE3D unsupported: broken GL stack");
        MainWindow w = window.get();
        stage.setScene(new javafx.scene.Scene(w.root(), WIDTH, HEIGHT));
        stage.show();
        return w;
    }

    /** The status line under the controls. */
    static Label status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class);
    }

    /** Whether the status line shows an error. */
    static boolean showsError(FxRobot robot) {
        return status(robot).getText().startsWith("Error");
    }

    /**
     * Waits until the window holds an analysis other than {@code previous} whose scene is the one the 3D view
     * shows, or the status line shows an error; fails with the status line in the latter case.
     */
    static GuiAnalysis awaitShown(FxRobot robot, MainWindow window, GuiAnalysis previous) throws Exception {
        WaitForAsyncUtils.waitFor(RUN_SECONDS, TimeUnit.SECONDS, () -> {
            GuiAnalysis a = window.analysisProperty().get();
            return showsError(robot) || a != null && a != previous && a.scene() == window.view().getScene3D();
        });
        WaitForAsyncUtils.waitForFxEvents();
        GuiAnalysis a = window.analysisProperty().get();
        String status = status(robot).getText();
        assertNotNull(a, status);
        assertTrue(!showsError(robot), status);
        assertSame(a.scene(), window.view().getScene3D(), "the shown scene is not the analysis's");
        return a;
    }

    /** Waits until the status line shows an error and returns it. */
    static String awaitError(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(RUN_SECONDS, TimeUnit.SECONDS, () -> showsError(robot));
        return status(robot).getText();
    }

    /** Distinct colours on a grid of every third pixel, stopping past 100: a blank view has one or two. */
    static int distinctColours(WritableImage img) {
        PixelReader r = img.getPixelReader();
        return distinct((int) img.getWidth(), (int) img.getHeight(), 3, r::getArgb);
    }

    /** Distinct colours on a grid of every second pixel, stopping past 100. */
    static int distinctColours(BufferedImage img) {
        return distinct(img.getWidth(), img.getHeight(), 2, img::getRGB);
    }

    private static int distinct(int width, int height, int step, IntBinaryOperator argb) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < height; y += step) {
            for (int x = 0; x < width; x += step) {
                seen.add(argb.applyAsInt(x, y));
                if (seen.size() > 100) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }

    /**
     * Writes the generated 3-layer GPT-2 decoder exported with {@code past_key_values} inputs to {@code model} and
     * the byte-level BPE tokenizer it reads to {@code tokenizer}; returns {@code model}.
     */
    static Path gpt2Decoder(Path model, Path tokenizer) throws IOException {
        Files.createDirectories(model.toAbsolutePath().getParent());
        Files.createDirectories(tokenizer.toAbsolutePath().getParent());
        Files.write(model, DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, 3).model()
                .toByteArray());
        BpeTokenizerJson.write(tokenizer);
        return model;
    }
}
