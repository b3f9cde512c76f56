package org.attnplanes.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoders whose attention is exported as torch.onnx writes {@code scaled_dot_product_attention} with a boolean
 * mask: {@code Where(mask, 0, −inf)}, Softmax, then {@code Where(IsNaN(p), 0, p)} before the MatMul with V. The
 * Softmax is found through the NaN guard, the captured attention equals the debug copy's Softmax outputs run in
 * ONNX Runtime (rows sum to 1, lower-triangular) and the model's logits are unchanged.
 */
class SdpaBoolMaskCaptureTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"GPT2, NONE", "GPT2, PAST", "LLAMA, MERGED"})
    void capture_sdpaBoolMaskDecoder_equalsDebugCopySoftmax(DecoderOnnx.Family family, DecoderOnnx.Cache cache)
            throws Exception {
        long seed = 31 + family.ordinal() * 10 + cache.ordinal();
        DecoderOnnx.Generated gen = DecoderOnnx.decoder(family, cache, DecoderOnnx.Attn.SDPA_BOOL_MASK, seed);
        DecoderOnnx.Generated debug = cache == DecoderOnnx.Cache.MERGED
                ? DecoderOnnx.decoder(family, DecoderOnnx.Cache.NONE, DecoderOnnx.Attn.SDPA_BOOL_MASK, seed) : gen;
        Path p = dir.resolve(family + "-" + cache + "-sdpa.onnx");
        Files.write(p, gen.model().toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1)
                .store(ModelStore.disabled()).build())) {
            assertEquals(DecoderOnnx.LAYERS, m.layers());
            Random r = new Random(seed);
            for (int trial = 0; trial < 3; trial++) {
                int[] ids = DecoderCaptureTest.randomIds(r, 2 + r.nextInt(20));
                AttentionTrace t = m.capture(ids);
                Map<String, float[]> ref = DecoderCaptureTest.debugRun(debug.model(), debug.softmaxOutputs(), ids);
                List<float[]> planes = new ArrayList<>();
                for (String s : debug.softmaxOutputs()) {
                    planes.add(ref.get(s));
                }
                String context = family + " " + cache + " SDPA trial " + trial + " (n = " + ids.length + ")";
                DecoderCaptureTest.assertCausalTrace(t, planes, ref.get("logits"), context, 1e-6);
                Map<String, float[]> plain = DecoderCaptureTest.debugRun(gen.model(), List.of(), ids);
                assertArrayEquals(plain.get("logits"), m.run(ids).get("logits").data(), 1e-6f, context);
            }
        }
    }
}
