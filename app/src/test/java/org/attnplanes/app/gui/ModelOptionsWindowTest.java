package org.attnplanes.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
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
import javafx.stage.Stage;
import org.attnplanes.render.export.HeadGrid;
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
 * The model options and per-head grid of the desktop app under Xvfb: truncation of over-long text, a
 * tokenizer.json picked for a chosen model, human table headers from the statistics schema, and render's layer ×
 * head grid in its own tab.
 */
@ExtendWith(ApplicationExtension.class)
class ModelOptionsWindowTest {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "SCENE3D unsupported: broken GL stack");
        window = new MainWindow(null, "");
        stage.setScene(new javafx.scene.Scene(window.root(), 1300, 900));
        stage.show();
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void truncation_headers_perHeadGrid(FxRobot robot) throws Exception {
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertTrue(robot.lookup("#tokenizer").queryAs(Button.class).isDisabled(),
                "the embedded model brings its own tokenizer");
        String longText = "the cat sat on the mat ".repeat(120);   // 720 words: over the model's 512 tokens
        robot.interact(() -> robot.lookup("#text").queryAs(TextField.class).setText(longText));
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> status.getText().startsWith("Error"));
        assertTrue(status.getText().contains("512"), "names the limit: " + status.getText());

        robot.clickOn("#truncate");
        @SuppressWarnings("unchecked")
        Spinner<Integer> max = robot.lookup("#max-tokens").queryAs(Spinner.class);
        robot.interact(() -> max.getValueFactory().setValue(16));
        assertTrue(robot.lookup("#truncate").queryAs(CheckBox.class).isSelected());
        robot.clickOn("#run");
        GuiAnalysis a = await(null, status);
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
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.headGrid().shown() != null);
        WaitForAsyncUtils.waitForFxEvents();
        HeadGridTab.Drawn d = window.headGrid().shown();
        assertEquals(6 * 12, d.graph().planes().size());
        int[] size = HeadGrid.preferredSize(d.graph());
        assertEquals(size[0], d.image().getWidth());
        assertTrue(distinctColours(d.image()) > 8, "the grid looks blank");
        ImageView view = robot.lookup("#head-grid").queryAs(ImageView.class);
        assertEquals(size[0], view.getImage().getWidth(), 0.0);
        Slider threshold = robot.lookup("#threshold").queryAs(Slider.class);
        robot.interact(() -> threshold.setValue(0.5));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.headGrid().shown() != d);
        assertTrue(window.headGrid().shown().image() != d.image());
    }

    @Test
    void tokenizerPicker_tokenizerElsewhereThanTheModel(FxRobot robot) throws Exception {
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        Path tokDir = Files.createDirectories(dir.resolve("tokenizers"));
        Path model = modelDir.resolve("gpt2-tiny.onnx");
        Files.write(model, DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, 3).model()
                .toByteArray());
        Path tokenizer = tokDir.resolve("bpe.json");
        BpeTokenizerJson.write(tokenizer);
        Label status = robot.lookup("#status").queryAs(Label.class);
        robot.interact(() -> {
            window.models().setModel(model);
            robot.lookup("#text").queryAs(TextField.class).setText("The cat sat on the mat.");
        });
        assertTrue(!robot.lookup("#tokenizer").queryAs(Button.class).isDisabled());
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> status.getText().startsWith("Error"));
        assertTrue(status.getText().contains("tokenizer"), "no tokenizer.json next to the model: "
                + status.getText());

        robot.interact(() -> window.models().setTokenizer(tokenizer));
        assertEquals("gpt2-tiny.onnx + bpe.json", window.models().describe());
        robot.clickOn("#run");
        GuiAnalysis a = await(null, status);
        assertEquals(BpeTokenizerJson.EOT, a.trace().tokens().get(0).text(), "the picked tokenizer's BOS");
        assertEquals(DecoderOnnx.LAYERS, a.rows().size());
    }

    private GuiAnalysis await(GuiAnalysis previous, Label status) throws Exception {
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> {
            GuiAnalysis a = window.analysisProperty().get();
            return status.getText().startsWith("Error")
                    || a != null && a != previous && a.scene() == window.view().getScene3D();
        });
        GuiAnalysis a = window.analysisProperty().get();
        assertNotNull(a, status.getText());
        assertTrue(!status.getText().startsWith("Error"), status.getText());
        return a;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
