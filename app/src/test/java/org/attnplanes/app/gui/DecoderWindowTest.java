package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
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

    /**
     * The "Max memory" field is the desktop app's {@code --max-memory}: a budget of 100 bytes captures the text in
     * one pass per layer (the worker says so) and shows exactly the trace of one unconstrained capture; a bad size
     * is one sentence in the status line and no result.
     */
    @Test
    void maxMemoryField_tinyBudgetCapturesInPassesSameTrace_badSizeOneSentence(FxRobot robot) throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        gui.window().onWorkerPhase = phases::add;
        robot.interact(() -> robot.lookup("#max-memory").queryAs(TextField.class).setText("100"));
        robot.clickOn("#run");
        GuiAnalysis a = GuiFixture.awaitShown(robot, gui.window(), null);
        gui.window().onWorkerPhase = phase -> { };
        assertTrue(phases.contains("Captured in " + DecoderOnnx.LAYERS + " passes over layer groups (over Max memory "
                + "100)…"), phases.toString());
        Path model = dir.resolve("model.onnx");
        try (AttentionModel m = AttentionModel.open(model, CaptureOptions.builder().threads(1)
                .store(ModelStore.disabled()).build())) {
            AttentionTrace whole = m.capture("The cat sat on the mat.");
            assertEquals(whole.layers(), a.trace().layers());
            assertArrayEquals(whole.toArray(), a.trace().toArray(), "passes must give one pass's planes");
            assertEquals(whole.tokens(), a.trace().tokens());
            assertEquals(whole.provenance().settings().get("causal"), a.trace().provenance().settings().get("causal"));
            assertFalse(a.trace().provenance().settings().containsKey("captured_layers"),
                    a.trace().provenance().settings().toString());
        }

        robot.interact(() -> robot.lookup("#max-memory").queryAs(TextField.class).setText("lots"));
        robot.clickOn("#run");
        String error = GuiFixture.awaitError(robot);
        assertEquals("Error: Max memory lots must be a positive size such as 512m or 2g (bytes, or k, m, g)", error);
    }
}
