package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.workbench.ClassLabels;
import org.attnplanes.render.export.FigureMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --class-labels} / config.json id2label, and {@code --links value-weighted} from the commands. */
class ClassLabelsAndValueLinksTest {

    @TempDir
    Path dir;

    @Test
    void classLabelsOption_isClassZeroFirst_andRejectsAnEmptyName() {
        ClassLabels l = ClassLabels.parse("--class-labels", "negative, positive");
        assertEquals(Map.of(0, "negative", 1, "positive"), l.labels());
        assertEquals("0=negative, 1=positive", l.describe());
        UserInputException e = assertThrows(UserInputException.class, () -> ClassLabels.parse("--class-labels", "a,,b"));
        assertTrue(e.getMessage().startsWith("--class-labels a,,b has an empty label at position 2"), e.getMessage());
    }

    @Test
    void configJsonNextToTheModel_givesId2label_sortedByIndex() throws Exception {
        Path model = dir.resolve("classifier.onnx");
        Files.writeString(dir.resolve("config.json"), "{\"architectures\": [\"BertForSequenceClassification\"],"
                + " \"id2label\": {\"1\": \"POSITIVE\", \"0\": \"NEGATIVE\"}}");
        ClassLabels l = ClassLabels.fromConfig(model, null);
        assertEquals(Map.of(0, "NEGATIVE", 1, "POSITIVE"), l.labels());
        assertEquals("config.json id2label", l.source());
        assertEquals("0=NEGATIVE, 1=POSITIVE", l.describe());
        // no id2label, or no model file (the embedded model): none
        Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 8}");
        assertTrue(ClassLabels.fromConfig(model, null).isEmpty());
        assertTrue(ClassLabels.fromConfig(null, null).isEmpty());
        // a bad id or bad JSON: one sentence naming the file
        Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"first\": \"A\"}}");
        UserInputException bad = assertThrows(UserInputException.class, () -> ClassLabels.fromConfig(model, null));
        assertTrue(bad.getMessage().contains("config.json: id2label key \"first\" is not a class index"), bad.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"id2label\": ");
        UserInputException broken = assertThrows(UserInputException.class, () -> ClassLabels.fromConfig(model, null));
        assertTrue(broken.getMessage().contains("config.json is not readable JSON"), broken.getMessage());
    }

    @Test
    void classLabels_onAModelWithoutClassifier_exit2_oneSentence_noFile() {
        Path out = dir.resolve("fig.png");
        Cli.Result r = Cli.inProcess("render", "--text", "The cat sat.", "--class-labels", "neg,pos", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--class-labels neg,pos names classes, but the model has no classification output"),
                r.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void valueWeightedLinks_captureTheValueNorms_inRenderCompareEncodingsAndAnalyze() throws Exception {
        Path svg = dir.resolve("vw.svg");
        Cli.Result r = Cli.inProcess("render", "--text", "The cat sat on the mat.", "--links", "value-weighted",
                "--out", svg.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, String> meta = FigureMetadata.readSvg(svg);
        assertTrue(meta.get("figure.legend").contains("links: value-weighted ‖α v‖ of the next layer"),
                meta.get("figure.legend"));
        assertTrue(Files.readString(svg).contains("id='l-0-"), "links drawn");
        Cli.Result ce = Cli.inProcess("compare-encodings", "--text", "The cat sat.", "--links", "value",
                "--out", dir.resolve("ce.png").toString());
        assertEquals(0, ce.exitCode(), ce.err());
        Cli.Result a = Cli.inProcess("analyze", "--text", "The cat sat.", "--links", "value-weighted",
                "--out", dir.resolve("an").toString());
        assertEquals(0, a.exitCode(), a.err());
    }
}
