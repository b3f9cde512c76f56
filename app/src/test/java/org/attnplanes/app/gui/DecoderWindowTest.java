package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.attnplanes.render.fx.FxFigures;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app under Xvfb opening a generated GPT-2 decoder exported with {@code past_key_values} inputs and a
 * byte-level BPE tokenizer (issue 11): the run succeeds, the trace is causal, the planes table has one row per
 * layer, the 3D view is not blank and the legend says how the causal planes were symmetrized.
 */
@ExtendWith(ApplicationExtension.class)
class DecoderWindowTest {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "SCENE3D unsupported: broken GL stack");
        Path model = dir.resolve("model.onnx");
        Files.write(model, DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, 3).model()
                .toByteArray());
        BpeTokenizerJson.write(dir.resolve("tokenizer.json"));
        window = new MainWindow(model, "The cat sat on the mat.");
        stage.setScene(new javafx.scene.Scene(window.root(), 1300, 900));
        stage.show();
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void run_gpt2WithPast_causalTraceViewNonBlankLegendStatesSymmetrization(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> window.analysisProperty().get() != null
                || robot.lookup("#status").queryAs(Label.class).getText().startsWith("Error"));
        GuiAnalysis a = window.analysisProperty().get();
        assertNotNull(a, robot.lookup("#status").queryAs(Label.class).getText());
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(a.trace().causal(), "the trace must record causal = true");
        assertEquals(BpeTokenizerJson.EOT, a.trace().tokens().get(0).text(), "GPT-2's BOS from the post-processor");
        assertEquals(DecoderOnnx.LAYERS, robot.lookup("#planes").queryAs(TableView.class).getItems().size());
        assertTrue(a.scene().legend().lines().stream().anyMatch(l -> l.contains("lower-triangular (causal)")),
                a.scene().legend().lines().toString());
        WritableImage img = FxFigures.onFx(() -> window.view().snapshot(null, null));
        assertTrue(distinctColours(img) > 12, "the 3D view looks blank");
    }

    private static int distinctColours(WritableImage img) {
        PixelReader r = img.getPixelReader();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(r.getArgb(x, y));
            }
        }
        return seen.size();
    }
}
