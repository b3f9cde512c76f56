package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.app.workbench.ClassColumns;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.testmodels.VitOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier's prediction in planes.csv: a generated ViT with a 3-class head ({@link VitOnnx}) analysed on two
 * images gives {@code predicted_class, p_<label>…} columns first, the same on every plane row of an input, equal to
 * the softmax of the model's logits computed here from the raw output; their meaning is in the CSV header and
 * provenance.json; {@code --class-labels} on a model without a classification output, or with the wrong count,
 * exits 2 with one sentence and writes nothing.
 */
class ClassColumnsTest {

    @TempDir
    Path dir;

    @Test
    void analyze_vitClassifier_predictedClassAndProbabilityColumns_equalSoftmaxOfTheLogits() throws Exception {
        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        Path model = VitOnnx.write(dir.resolve("vit"), VitOnnx.vit(spec, 7), VitOnnx.preprocessorConfig(spec, 2));
        Path a = VisionCommandsTest.png(dir.resolve("a.png"), 48, 40, 3);
        Path b = VisionCommandsTest.png(dir.resolve("b.png"), 40, 40, 9);
        Files.writeString(dir.resolve("images.txt"), a + "\n" + b + "\n");
        Path out = dir.resolve("an");

        Cli.Result r = Cli.inProcess("analyze", "--model", model.toString(), "--input", dir.resolve("images.txt").toString(),
                "--class-labels", "cat, dog,bird (other)", "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> header = TestFiles.csvHeader(out.resolve("planes.csv"));
        assertEquals(List.of("input", "layer", "head", "tokens", "block", "predicted_class", "p_cat", "p_dog",
                "p_bird__other_"), header.subList(0, 9));
        List<CSVRecord> rows = TestFiles.csvRecords(out.resolve("planes.csv"));
        List<double[]> expected = new ArrayList<>();
        try (AttentionModel m = AttentionModel.open(model)) {
            for (Path img : List.of(a, b)) {
                NamedTensor logits = m.captureImage(img).outputs().get("logits");
                double[] p = new double[VitOnnx.LABELS];
                double sum = 0;
                for (int k = 0; k < p.length; k++) {
                    p[k] = Math.exp(logits.get(k));
                    sum += p[k];
                }
                for (int k = 0; k < p.length; k++) {
                    p[k] /= sum;
                }
                expected.add(p);
            }
        }
        int planes = 0;
        for (CSVRecord row : rows) {
            double[] p = expected.get(Integer.parseInt(row.get("input")) - 1);
            int argmax = 0;
            for (int k = 0; k < p.length; k++) {
                assertEquals(p[k], Double.parseDouble(row.get(header.get(6 + k))), 1e-6, "row " + row);
                argmax = p[k] > p[argmax] ? k : argmax;
            }
            assertEquals(Integer.toString(argmax), row.get("predicted_class"));
            planes++;
        }
        assertEquals(2 * 2 * 2, planes, "2 images × 2 layers × 2 heads");
        String csv = Files.readString(out.resolve("planes.csv"));
        assertTrue(csv.contains("# class_columns: predicted_class = index of the most probable class"), csv);
        assertTrue(csv.contains("p_cat = class 0, p_dog = class 1, p_bird__other_ = class 2"), csv);
        assertTrue(csv.contains("# class_labels: 0=cat, 1=dog, 2=bird (other)"), csv);
        JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertTrue(prov.at("/provenance/class_columns").asText().startsWith("predicted_class = "), prov.toString());
        assertEquals("predicted_class", prov.at("/run/columns/5").asText());
    }

    @Test
    void names_sanitizedAndDistinct_elseNumbered() {
        assertEquals(List.of("predicted_class", "p_NEGATIVE", "p_POSITIVE"), ClassColumns.names(List.of("NEGATIVE", "POSITIVE")));
        assertEquals(List.of("predicted_class", "p_class_0", "p_class_1"), ClassColumns.names(List.of("class 0", "class 1")));
        assertEquals(List.of("predicted_class", "p_class_0", "p_class_1"), ClassColumns.names(List.of("a b", "a-b")),
                "two labels that would share a name: numbered");
        assertEquals(List.of("predicted_class", "p_négatif"), ClassColumns.names(List.of("négatif")));
        assertEquals(null, ClassColumns.describe(List.of("betti0_t0.10")));
    }

    @Test
    void classLabels_onAModelWithoutClassifier_orWrongCount_exit2_oneSentence_nothingWritten() throws Exception {
        Path out = dir.resolve("none");
        Cli.Result r = Cli.inProcess("analyze", "--text", "The cat sat.", "--class-labels", "neg,pos", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("attnplanes analyze: --class-labels neg,pos names classes, but the model has no classification"
                + " output (logits [1, C]); leave the option out for this model.", r.err().strip());
        assertTrue(Files.notExists(out) || Files.list(out).findAny().isEmpty(), "nothing written");

        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        Path model = VitOnnx.write(dir.resolve("vit"), VitOnnx.vit(spec, 7), VitOnnx.preprocessorConfig(spec, 2));
        Path img = VisionCommandsTest.png(dir.resolve("a.png"), 32, 32, 3);
        Cli.Result two = Cli.inProcess("analyze", "--model", model.toString(), "--image", img.toString(),
                "--class-labels", "cat,dog", "--out", dir.resolve("two").toString());
        assertEquals(2, two.exitCode(), two.err());
        assertEquals("attnplanes analyze: --class-labels cat,dog gives 2 names but the model's logits has 3 classes;"
                + " give exactly 3.", two.err().strip());
        assertTrue(Files.notExists(dir.resolve("two")));
    }
}
