package org.attnplanes.model;

import org.attnplanes.testmodels.TinyOnnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ValueNorms;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AttentionModel on a tiny encoder generated in the test, checked against a plain Java forward pass. */
class AttentionModelTinyTest {

    @TempDir
    Path dir;

    private Path write(ModelProto model, String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, model.toByteArray());
        return p;
    }

    private static int[] randomIds(Random r, int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(TinyOnnx.VOCAB);
        }
        return ids;
    }

    private static void assertMatchesReference(AttentionTrace t, ReferenceEncoder.Result ref, String context) {
        int n = t.tokenCount();
        for (int l = 0; l < TinyOnnx.LAYERS; l++) {
            for (int h = 0; h < TinyOnnx.HEADS; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(ref.attention()[l][h].getEntry(i, j), t.weight(l, h, i, j), 1e-5,
                                context + " layer " + l + " head " + h + " [" + i + "][" + j + "]");
                    }
                }
            }
        }
        float[] hidden = t.outputs().get("hidden").data();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < TinyOnnx.D; c++) {
                assertEquals(ref.hidden().getEntry(i, c), hidden[i * TinyOnnx.D + c], 1e-4,
                        context + " hidden[" + i + "][" + c + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TinyOnnx.Layout.class)
    void capture_tinyEncoder_equalsReferenceForwardPass(TinyOnnx.Layout layout) throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            TinyOnnx.Weights w = new TinyOnnx.Weights(seed);
            Path p = write(TinyOnnx.encoder(w, layout, false), "tiny-" + layout + "-" + seed + ".onnx");
            try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
                assertEquals(TinyOnnx.LAYERS, m.layers());
                assertEquals(TinyOnnx.HEADS, m.heads());
                assertEquals(TinyOnnx.POSITIONS, m.maxTokens());
                Random r = new Random(seed);
                for (int trial = 0; trial < 3; trial++) {
                    int[] ids = randomIds(r, 1 + r.nextInt(TinyOnnx.POSITIONS));
                    AttentionTrace t = m.capture(ids);
                    assertEquals(TinyOnnx.LAYERS, t.layers());
                    assertEquals(TinyOnnx.HEADS, t.heads());
                    assertMatchesReference(t, ReferenceEncoder.forward(w, ids),
                            layout + " seed " + seed + " trial " + trial);
                }
                ModelDescription d = m.describe();
                for (AttentionTensor a : d.attention()) {
                    assertEquals(layout == TinyOnnx.Layout.RANK4 ? 4 : 3, a.rank(), a.toString());
                    assertEquals(TinyOnnx.HEADS, a.heads().orElseThrow());
                }
                assertEquals(List.of("layer.0.", "layer.1."),
                        d.attention().stream().map(a -> a.node().substring(0, 8)).toList());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TinyOnnx.Layout.class)
    void runAndValueNorms_tinyEncoder_matchReference(TinyOnnx.Layout layout) throws Exception {
        long seed = 11;
        TinyOnnx.Weights w = new TinyOnnx.Weights(seed);
        Path p = write(TinyOnnx.encoder(w, layout, false), "tiny.onnx");
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().valueNorms(true).threads(1).build())) {
            int[] ids = randomIds(new Random(seed), 7);
            AttentionTrace t = m.capture(ids);
            ValueNorms norms = t.valueNorms().orElseThrow();
            // reference ‖v_j‖ per head: rows of x·Wv + bv at the layer's input, recomputed from the oracle
            float[] run = m.run(ids).get("hidden").data();
            assertArrayEquals(t.outputs().get("hidden").data(), run, 0f, layout + " seed " + seed);
            double[][] v0 = valueRows(w, ids);
            for (int h = 0; h < TinyOnnx.HEADS; h++) {
                for (int j = 0; j < ids.length; j++) {
                    double s = 0;
                    for (int c = h * TinyOnnx.DH; c < (h + 1) * TinyOnnx.DH; c++) {
                        s += v0[j][c] * v0[j][c];
                    }
                    assertEquals(Math.sqrt(s), norms.norm(0, h, j), 1e-5, layout + " head " + h + " token " + j);
                }
            }
            assertTrue(norms.norm(1, 0, 0) > 0f);
        }
    }

    /** Value vectors of layer 0 (its input is the embedding sum, so no oracle layers are needed). */
    private static double[][] valueRows(TinyOnnx.Weights w, int[] ids) {
        int d = TinyOnnx.D;
        double[][] v = new double[ids.length][d];
        for (int i = 0; i < ids.length; i++) {
            for (int c = 0; c < d; c++) {
                double s = w.bv[0][c];
                for (int r = 0; r < d; r++) {
                    double x = w.wordEmbedding[ids[i] * d + r] + w.positionEmbedding[i * d + r];
                    s += x * w.wv[0][r * d + c];
                }
                v[i][c] = s;
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(TinyOnnx.Layout.class)
    void captureBatch_tinyEncoder_eachSampleEqualsReference(TinyOnnx.Layout layout) throws Exception {
        long seed = 21;
        TinyOnnx.Weights w = new TinyOnnx.Weights(seed);
        Path p = write(TinyOnnx.encoder(w, layout, false), "tiny.onnx");
        Files.copy(DefaultModel.tokenizer(), dir.resolve("tokenizer.json"));
        // the MiniLM tokenizer is far larger than the tiny vocabulary, so texts cannot be used: ids only
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1)
                .tokenizer(dir.resolve("none.json")).build())) {
            throw new AssertionError("a missing tokenizer file must fail: " + m);
        } catch (IllegalArgumentException e) {
            assertEquals("tokenizer file " + dir.resolve("none.json") + " does not exist", e.getMessage());
        }
        Files.delete(dir.resolve("tokenizer.json"));
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            Random r = new Random(seed);
            for (int trial = 0; trial < 3; trial++) {
                int[] a = randomIds(r, 3 + r.nextInt(4));
                int[] b = randomIds(r, 8 + r.nextInt(4));
                AttentionTrace ta = m.capture(a);
                AttentionTrace tb = m.capture(b);
                assertMatchesReference(ta, ReferenceEncoder.forward(w, a), layout + " seed " + seed + " a");
                assertMatchesReference(tb, ReferenceEncoder.forward(w, b), layout + " seed " + seed + " b");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TinyOnnx.Layout.class)
    void capture_externalDataModel_equalsEmbeddedModel(TinyOnnx.Layout layout) throws Exception {
        long seed = 31;
        TinyOnnx.Weights w = new TinyOnnx.Weights(seed);
        ModelProto embedded = TinyOnnx.encoder(w, layout, false);
        Path sub = Files.createDirectories(dir.resolve("external"));
        ModelProto external = TinyOnnx.withExternalData(embedded, sub, "tiny.onnx.data");
        Path p = sub.resolve("tiny.onnx");
        Files.write(p, external.toByteArray());
        long externalTensors = external.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataLocation() == ai.onnx.proto.OnnxMl.TensorProto.DataLocation.EXTERNAL).count();
        assertTrue(externalTensors >= 2 + 12 * TinyOnnx.LAYERS, "external tensors: " + externalTensors);
        assertTrue(embedded.getSerializedSize() - Files.size(p) > 3000, "weights must really be external");
        int[] ids = randomIds(new Random(seed), 9);
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertTrue(m.describe().externalData());
            assertMatchesReference(m.capture(ids), ReferenceEncoder.forward(w, ids), layout + " external, seed " + seed);
        }
        String[] left = sub.toFile().list();
        assertEquals(2, left.length, "no temporary files may be left next to the model: " + List.of(left));
    }
}
