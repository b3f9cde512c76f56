package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import org.attnplanes.render.export.HeadGrid;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The model options and per-head grid of the desktop app under Xvfb: truncation of over-long text, a
 * tokenizer.json picked for a chosen model, human table headers from the statistics schema, and render's layer ×
 * head grid in its own tab.
 */
class ModelOptionsWindowTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    final GuiWindow gui = new GuiWindow(() -> new MainWindow(null, ""));

    @Test
    void truncation_headers_perHeadGrid(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#tokenizer").queryAs(Button.class).isDisabled(),
                "the embedded model brings its own tokenizer");
        String longText = "the cat sat on the mat ".repeat(120);   // 720 words: over the model's 512 tokens
        robot.interact(() -> robot.lookup("#text").queryAs(TextField.class).setText(longText));
        robot.clickOn("#run");
        String error = GuiFixture.awaitError(robot);
        assertTrue(error.contains("512"), "names the limit: " + error);

        robot.clickOn("#truncate");
        @SuppressWarnings("unchecked")
        Spinner<Integer> max = robot.lookup("#max-tokens").queryAs(Spinner.class);
        robot.interact(() -> max.getValueFactory().setValue(16));
        assertTrue(robot.lookup("#truncate").queryAs(CheckBox.class).isSelected());
        robot.clickOn("#run");
        GuiAnalysis a = GuiFixture.awaitShown(robot, gui.window(), null);
        assertEquals(16, a.trace().tokenCount(), "truncated to 16 tokens");

        // readable headers: the schema's human names, the column name and meaning in the tooltip
        TableView<?> planes = robot.lookup("#planes").queryAs(TableView.class);
        List<String> headers = planes.getColumns().stream()
                .map(c -> ((Label) c.getGraphic()).getText()).toList();
        assertTrue(headers.contains("β₁ at w ≥ 0.10"), headers.toString());
        assertTrue(headers.contains("H₁ total persistence (1 − w)"), headers.toString());
        TableColumn<?, ?> beta1 = planes.getColumns().stream()
                .filter(c -> ((Label) c.getGraphic()).getText().equals("β₁ at w ≥ 0.10")).findFirst().orElseThrow();
        assertTrue(((Label) beta1.getGraphic()).getTooltip().getText().startsWith("betti1_t0.10: Betti number"));

        // the per-head grid: render's layer x head figure of 6 x 12 planes, not blank, redrawn on a threshold change
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> gui.window().headGrid().shown() != null);
        WaitForAsyncUtils.waitForFxEvents();
        HeadGridTab.Drawn d = gui.window().headGrid().shown();
        assertEquals(6 * 12, d.graph().planes().size());
        int[] size = HeadGrid.preferredSize(d.graph());
        assertEquals(size[0], d.image().getWidth());
        assertTrue(GuiFixture.distinctColours(d.image()) > 8, "the grid looks blank");
        ImageView view = robot.lookup("#head-grid").queryAs(ImageView.class);
        assertEquals(size[0], view.getImage().getWidth(), 0.0);
        Slider threshold = robot.lookup("#threshold").queryAs(Slider.class);
        robot.interact(() -> threshold.setValue(0.5));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> gui.window().headGrid().shown() != d);
        assertTrue(gui.window().headGrid().shown().image() != d.image());
    }

    @Test
    void tokenizerPicker_tokenizerElsewhereThanTheModel(FxRobot robot) throws Exception {
        Path tokenizer = dir.resolve("tokenizers").resolve("bpe.json");
        Path model = GuiFixture.gpt2Decoder(dir.resolve("model").resolve("gpt2-tiny.onnx"), tokenizer);
        robot.interact(() -> {
            gui.window().models().setModel(model);
            robot.lookup("#text").queryAs(TextField.class).setText("The cat sat on the mat.");
        });
        assertTrue(!robot.lookup("#tokenizer").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
        String error = GuiFixture.awaitError(robot);
        assertTrue(error.contains("tokenizer"), "no tokenizer.json next to the model: " + error);

        robot.interact(() -> gui.window().models().setTokenizer(tokenizer));
        assertEquals("gpt2-tiny.onnx + bpe.json", gui.window().models().describe());
        robot.clickOn("#run");
        GuiAnalysis a = GuiFixture.awaitShown(robot, gui.window(), null);
        assertEquals(BpeTokenizerJson.EOT, a.trace().tokens().get(0).text(), "the picked tokenizer's BOS");
        assertEquals(DecoderOnnx.LAYERS, a.rows().size());
    }
}
