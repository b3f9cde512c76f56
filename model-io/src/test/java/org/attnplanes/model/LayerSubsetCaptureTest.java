package org.attnplanes.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capturing only some layers (the passes of a memory-bounded capture): the trace holds exactly those layers, each
 * bit-identical to the same layer of a full capture; the pass plan keeps every group within the budget.
 */
class LayerSubsetCaptureTest {

    @TempDir
    Path dir;

    @Test
    void captureLayers_subset_bitIdenticalToFullCaptureAndRecorded() throws Exception {
        Path p = dir.resolve("model.onnx");
        Files.write(p, DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.PAST, 7).model().toByteArray());
        BpeTokenizerJson.writeMetaspace(dir.resolve("tokenizer.json"));
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).valueNorms(true)
                .store(ModelStore.disabled()).build())) {
            String text = "The cat sat on the mat.";
            AttentionTrace full = m.capture(text);
            AttentionTrace one = m.capture(text, new int[] {1});
            assertEquals(1, one.layers());
            assertEquals("1", one.provenance().settings().get("captured_layers"));
            assertTrue(one.causal());
            for (int h = 0; h < full.heads(); h++) {
                assertArrayEquals(full.attention(1, h).toArray(), one.attention(0, h).toArray(), "head " + h);
                for (int j = 0; j < full.tokenCount(); j++) {
                    assertEquals(full.valueNorms().orElseThrow().norm(1, h, j), one.valueNorms().orElseThrow()
                            .norm(0, h, j));
                }
            }
            assertArrayEquals(full.outputs().get("logits").data(), one.outputs().get("logits").data());
            AttentionTrace both = m.capture(text, new int[] {0, 1});
            assertArrayEquals(full.attention(0, 2).toArray(), both.attention(0, 2).toArray());
            assertThrows(IllegalArgumentException.class, () -> m.capture(text, new int[] {1, 0}));
            assertThrows(IllegalArgumentException.class, () -> m.capture(text, new int[] {2}));
        }
    }

    @Test
    void layerPasses_budget_groupsFitOrHoldOneLayer() throws Exception {
        Path p = dir.resolve("model.onnx");
        Files.write(p, DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, 7).model().toByteArray());
        int n = 1000;
        long perLayer = 4L * n * n * Float.BYTES;     // 4 heads
        for (long budget : new long[] {1, perLayer, 2 * perLayer, 3 * perLayer, 3 * perLayer - 1}) {
            try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).maxMemory(budget)
                    .store(ModelStore.disabled()).build())) {
                List<int[]> passes = m.layerPasses(n, new int[] {0, 1});
                int expected = budget >= 3 * perLayer ? 1 : 2;
                assertEquals(expected, passes.size(), "budget " + budget);
                for (int[] g : passes) {
                    assertTrue(g.length == 1 || m.captureBytes(n, g.length) <= budget);
                }
            }
        }
    }
}
