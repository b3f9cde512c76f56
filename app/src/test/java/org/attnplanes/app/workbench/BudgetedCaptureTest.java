package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.attnplanes.app.testutil.DecoderFolders;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BudgetedCapture} (render, compare and the desktop app under {@code --max-memory}): for every budget from
 * one pass per layer to one pass, the trace put together from the groups equals one unconstrained capture's:
 * planes, value norms, ordinary outputs and provenance; the pass count is the model's plan.
 */
class BudgetedCaptureTest {

    @TempDir
    Path dir;

    @Test
    void everyBudget_sameTraceAsOnePass_withValueNorms() throws Exception {
        Path model = DecoderFolders.write(dir, "model.onnx", DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA,
                DecoderOnnx.Cache.PAST, DecoderOnnx.Attn.PRIMITIVE, 7, 4), DecoderFolders.Tokenizer.BYTE_LEVEL);
        String text = "The cat sat on the mat and the cat sat.";
        CaptureOptions base = CaptureOptions.builder().threads(1).valueNorms(true).store(ModelStore.disabled()).build();
        AttentionTrace whole;
        try (AttentionModel m = AttentionModel.open(model, base)) {
            whole = m.capture(text);
        }
        int n = whole.tokenCount();
        long layerBytes = (long) whole.heads() * n * n * Float.BYTES;
        for (int perPass = 1; perPass <= 4; perPass++) {
            // captureBytes(n, k) = (k + 1) layers: a budget of (k + 1) layers gives groups of k
            try (AttentionModel m = AttentionModel.open(model,
                    base.toBuilder().maxMemory((perPass + 1) * layerBytes).build())) {
                BudgetedCapture.Captured c = BudgetedCapture.capture(m, text, "--text", null);
                assertEquals((4 + perPass - 1) / perPass, c.passes(), perPass + " layers per pass");
                AttentionTrace t = c.trace();
                assertArrayEquals(whole.toArray(), t.toArray(), perPass + " layers per pass");
                ValueNorms a = whole.valueNorms().orElseThrow();
                ValueNorms b = t.valueNorms().orElseThrow();
                for (int l = 0; l < whole.layers(); l++) {
                    for (int h = 0; h < whole.heads(); h++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(a.norm(l, h, j), b.norm(l, h, j), "norm " + l + "/" + h + "/" + j);
                        }
                    }
                }
                assertEquals(whole.provenance(), t.provenance());
                assertEquals(whole.outputs().keySet(), t.outputs().keySet());
                whole.outputs().forEach((k, v) -> assertArrayEquals(v.data(), t.outputs().get(k).data(), k));
                assertEquals(whole.tokens(), t.tokens());
            }
        }
    }
}
