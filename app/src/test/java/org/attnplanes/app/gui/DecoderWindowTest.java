package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import org.attnplanes.render.fx.FxFigures;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The desktop app under Xvfb opening a generated GPT-2 decoder exported with {@code past_key_values} inputs and a
 * byte-level BPE tokenizer (issue 11): the run succeeds, the trace is causal, the planes table has one row per
 * layer, the 3D view is not blank and the legend says how the causal planes were symmetrized.
 */
class DecoderWindowTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    final GuiWindow gui = new GuiWindow(() -> {
        Path model = GuiFixture.gpt2Decoder(dir.resolve("model.onnx"), dir.resolve("tokenizer.json"));
        return new MainWindow(model, "The cat sat on the mat.");
    });

    @Test
    void run_gpt2WithPast_causalTraceViewNonBlankLegendStatesSymmetrization(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        GuiAnalysis a = GuiFixture.awaitShown(robot, gui.window(), null);

        assertTrue(a.trace().causal(), "the trace must record causal = true");
        assertEquals(BpeTokenizerJson.EOT, a.trace().tokens().get(0).text(), "GPT-2's BOS from the post-processor");
        assertEquals(DecoderOnnx.LAYERS, robot.lookup("#planes").queryAs(TableView.class).getItems().size());
        assertTrue(a.scene().legend().lines().stream().anyMatch(l -> l.contains("lower-triangular (causal)")),
                a.scene().legend().lines().toString());
        WritableImage img = FxFigures.onFx(() -> gui.window().view().snapshot(null, null));
        assertTrue(GuiFixture.distinctColours(img) > 12, "the 3D view looks blank");
    }
}
