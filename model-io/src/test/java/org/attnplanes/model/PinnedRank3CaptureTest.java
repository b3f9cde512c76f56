package org.attnplanes.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attention outputs of rank 3 ({@code [batch·heads, n, n]}, a BART-style encoder) stay on the bound-buffer path
 * like GPT-2's rank-4 ones: ONNX Runtime must not refuse the buffers (which would switch every later capture of
 * the model to the copy path).
 */
class PinnedRank3CaptureTest {

    @TempDir
    Path dir;

    @Test
    void bartEncoderRank3AndGpt2Rank4_attentionOutputsStayPinned() throws Exception {
        Path bart = dir.resolve("encoder_model.onnx");
        Files.write(bart, BartOnnx.encoder(3).model().toByteArray());
        Path gpt2 = dir.resolve("gpt2.onnx");
        Files.write(gpt2, DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, 3).model().toByteArray());
        for (Path p : new Path[] {bart, gpt2}) {
            try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1)
                    .store(ModelStore.disabled()).build())) {
                for (int n : new int[] {16, 5}) {
                    m.capture(new int[n]);
                    assertTrue(m.capturePinned(), p.getFileName() + ": bound buffers refused at " + n + " tokens");
                }
            }
        }
    }
}
